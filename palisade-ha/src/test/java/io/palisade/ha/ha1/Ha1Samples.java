package io.palisade.ha.ha1;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import io.palisade.config.model.TimerProfile;
import io.palisade.ha.ha1.Ha1Message.ConfigSync;
import io.palisade.ha.ha1.Ha1Message.ConfigSyncResult;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.ha1.Ha1Message.Heartbeat;
import io.palisade.ha.ha1.Ha1Message.Hello;
import io.palisade.ha.ha1.Ha1Message.StateChange;
import io.palisade.ha.ha1.Ha1Message.SyncToRemoteRequest;
import io.palisade.ha.ha1.Ha1Message.TimerSummary;
import io.palisade.ha.ha1.Ha1Message.UserIdMapping;
import io.palisade.ha.ha1.Ha1Message.UserIdSync;
import java.net.InetAddress;
import java.util.List;

/** One or more instances of every HA1 message, with edge values, for codec and transport tests. */
final class Ha1Samples {
    private Ha1Samples() {}

    static Hello hello() {
        return new Hello(
                1,
                HaMode.ACTIVE_PASSIVE,
                null,
                "PAL-0001",
                0x0000_5e00_0101L,
                "0.1.0",
                HaWireState.PASSIVE,
                "Peer is active",
                100,
                true,
                TimerSummary.of(TimerProfile.RECOMMENDED, HaTimers.RECOMMENDED),
                Ha2Transport.UDP,
                ConfigDigest.sha256Of("zones: []\n"),
                true,
                false,
                false,
                false,
                0,
                0);
    }

    /** A hello with every flag set, extreme numbers and non-ASCII text. */
    static Hello helloEdges() {
        return new Hello(
                63,
                HaMode.ACTIVE_ACTIVE,
                1,
                "PAL-ÿ-序列",
                -1L,
                "1.2.3-rc1+build.7",
                HaWireState.ACTIVE_PRIMARY,
                "",
                255,
                true,
                new TimerSummary(TimerProfile.ADVANCED, 0, 60_000, 1000, 65_535, 16, 3_600_000, 60_000, 4_294_967_295L),
                null,
                ConfigDigest.NONE,
                true,
                true,
                true,
                true,
                65_535,
                7);
    }

    static List<Ha1Message> all() {
        InetAddress v4 = InetAddress.ofLiteral("198.18.0.10");
        InetAddress v6 = InetAddress.ofLiteral("2001:db8::10");
        return List.of(
                hello(),
                helloEdges(),
                new Heartbeat(1, 123_456_789L, 0, 0, 0),
                new Heartbeat(Long.MAX_VALUE, -5, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000),
                new StateChange(HaWireState.PASSIVE, HaWireState.ACTIVE, "Peer is down", 1_700_000_000_000L),
                new StateChange(HaWireState.ACTIVE, HaWireState.SUSPENDED, "Preemption loop detected", 0),
                new Goodbye("User requested shutdown"),
                new Goodbye(""),
                new Ha1Message.PreemptRequest("fw-a"),
                new Ha1Message.StepDownAck("fw-b"),
                new ConfigSync(42, ConfigDigest.sha256Of("a: 1\n"), "a: 1\n# é ü 序\n"),
                new ConfigSync(0, ConfigDigest.NONE, ""),
                new ConfigSyncResult(42, true, "committed"),
                new ConfigSyncResult(43, false, "zone 'trust' is not defined"),
                new SyncToRemoteRequest(7, "digest mismatch after join"),
                new UserIdSync(
                        true,
                        1,
                        List.of(new UserIdMapping(v4, "corp\\alice"), new UserIdMapping(v6, "bob")),
                        List.of()),
                new UserIdSync(false, 2, List.of(new UserIdMapping(v4, "carol")), List.of(v6)),
                new UserIdSync(false, 3, List.of(), List.of()));
    }
}

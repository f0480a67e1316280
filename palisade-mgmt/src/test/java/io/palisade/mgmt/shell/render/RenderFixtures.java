package io.palisade.mgmt.shell.render;

import io.palisade.ops.CounterValue;
import io.palisade.ops.FlapStatistics;
import io.palisade.ops.HaStatus;
import io.palisade.ops.HaStatus.HaLink;
import io.palisade.ops.HaStatus.HaTimersView;
import io.palisade.ops.HaStatus.LocalHa;
import io.palisade.ops.HaStatus.PeerHa;
import io.palisade.ops.HaTransition;
import io.palisade.ops.LinkMonitoringStatus;
import io.palisade.ops.PathMonitoringStatus;
import io.palisade.ops.SessionDetail;
import io.palisade.ops.SessionInfo;
import io.palisade.ops.SessionSummary;
import io.palisade.ops.StateSyncStatus;
import io.palisade.ops.SystemInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed ops records for renderer tests; times are in UTC. */
final class RenderFixtures {
    static final long NOW = Instant.parse("2026-11-25T18:00:00Z").toEpochMilli();

    private RenderFixtures() {}

    static HaStatus ha() {
        HaTimersView timers = new HaTimersView("recommended", 2000, 8000, 1000, 3, 3, 60_000, 0, 500, 60_000);
        LocalHa local = new LocalHa(
                "active",
                "Preempted by priority",
                NOW - 45L * 86_400_000,
                50,
                true,
                null,
                timers,
                "auto",
                List.of(
                        new HaLink("ha1", "10.1.1.1:28769", "10.1.1.2:28769", "up", "TLS 1.3"),
                        new HaLink("ha2", "10.2.2.1:29281", "10.2.2.2:29281", "down", "udp"),
                        new HaLink("ha2-backup", "", "", "disabled", "")),
                "0.1.0",
                "PA1",
                "fw-a",
                "127.0.0.1:9443",
                "Complete",
                "udp",
                "forward");
        PeerHa peer = new PeerHa(
                "up",
                "passive",
                "Peer is active",
                100,
                true,
                null,
                "0.1.0",
                "PA2",
                "10.1.1.2:28769",
                420,
                Map.of("Software Version", "Match"),
                "abc");
        return new HaStatus(true, 1, "Active-Passive", local, List.of(peer), links(), paths(), true, "synchronized");
    }

    static LinkMonitoringStatus links() {
        return new LinkMonitoringStatus(
                true,
                "any",
                false,
                List.of(new LinkMonitoringStatus.Group(
                        "wire",
                        true,
                        "all",
                        false,
                        List.of(
                                new LinkMonitoringStatus.Member("ethernet1/1", "up"),
                                new LinkMonitoringStatus.Member("ethernet1/2", "down")))));
    }

    static PathMonitoringStatus paths() {
        return new PathMonitoringStatus(
                true,
                "any",
                false,
                List.of(new PathMonitoringStatus.Group(
                        "HA_PATH_NORTH",
                        "virtual-router",
                        "VR_HANDOFF",
                        true,
                        "any",
                        false,
                        1000,
                        10,
                        List.of(
                                new PathMonitoringStatus.Destination("8.8.8.8", true, 10, 10, 3.66, 4.19, 3.90),
                                new PathMonitoringStatus.Destination(
                                        "217.111.187.217", true, 10, 10, 2.36, 2.75, 2.58)))));
    }

    /** The row of the reference's {@code show session all} sample. */
    static SessionSummary pingSession() {
        return new SessionSummary(
                10,
                "ping",
                "ACTIVE",
                "FLOW",
                "NS",
                "192.168.10.20",
                46395,
                "Inside",
                1,
                "192.168.1.100",
                46395,
                "192.168.1.20",
                1,
                "Outside",
                "192.168.1.20",
                1,
                false);
    }

    static SessionDetail pingDetail() {
        return new SessionDetail(
                pingSession(),
                "",
                Instant.parse("2023-05-06T09:58:41Z").toEpochMilli(),
                6,
                0,
                74,
                0,
                1,
                0,
                "Allow ping",
                "Lan",
                "ethernet1/1",
                "ethernet1/3",
                "unknown",
                true,
                false,
                1,
                "acked");
    }

    static SessionInfo sessionInfo() {
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        timeouts.put("timeout-tcp", 3600);
        timeouts.put("tcp-init", 5);
        timeouts.put("udp", 30);
        timeouts.put("discard-tcp", 90);
        timeouts.put("discard-udp", 60);
        timeouts.put("discard-default", 60);
        timeouts.put("frobnicate", 7);
        return new SessionInfo(196606, 0, 0, 0, 0, 0, 5044051, 0, 0, 0, timeouts, true);
    }

    static List<CounterValue> counters() {
        return List.of(
                new CounterValue("pkt_recv", 1204331, 120, "info", "packet", "Packets received"),
                new CounterValue("flow_policy_deny", 311, 0, "drop", "flow", "Session setup: denied by policy"));
    }

    static SystemInfo system() {
        return new SystemInfo(
                "fw-a",
                "PA1",
                "0.1.0",
                "127.0.0.1:9443",
                2 * 86_400_000L + 3_723_000,
                "active-passive",
                "active",
                2,
                7,
                "25");
    }

    static List<HaTransition> transitions() {
        return List.of(
                new HaTransition(NOW - 60_000, "passive", "active", "Preempted by priority"),
                new HaTransition(NOW, "active", "suspended", "User requested"));
    }

    static StateSyncStatus stateSync() {
        return new StateSyncStatus(true, "udp", "up", "complete", 1520, 12, 183400, 1, 1, 3, 4, 0);
    }

    static FlapStatistics flaps() {
        return new FlapStatistics(2, 0, 3, NOW);
    }
}

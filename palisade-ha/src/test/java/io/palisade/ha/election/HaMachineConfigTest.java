package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.ConfigLoader;
import io.palisade.config.bind.Defaults;
import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import io.palisade.testkit.RepoPaths;
import org.junit.jupiter.api.Test;

class HaMachineConfigTest {
    private static final SoftwareVersion V = SoftwareVersion.parse("0.1.0");

    private static HaMachineConfig example(String pair, String file, String serial, long nodeId) {
        var result = ConfigLoader.load(RepoPaths.examples().resolve(pair).resolve(file));
        assertThat(result.problems()).isEmpty();
        return HaMachineConfig.from(result.config().highAvailability(), serial, nodeId, V);
    }

    @Test
    void defaultsArePanOsDefaults() {
        HaMachineConfig c = HaMachineConfig.from(Defaults.instance(HaConfig.class), "S1", 1, V);
        assertThat(c.groupId()).isEqualTo(1);
        assertThat(c.mode()).isEqualTo(HaMode.ACTIVE_PASSIVE);
        assertThat(c.devicePriority()).isEqualTo(100);
        assertThat(c.preemptive()).isFalse();
        assertThat(c.timers()).isEqualTo(HaTimers.RECOMMENDED);
        assertThat(c.peerNegotiationTimeoutMs()).isEqualTo(60_000);
        assertThat(c.monitorFailHoldDownMs()).isEqualTo(60_000);
        assertThat(c.tentativeHoldMs()).isEqualTo(60_000);
        assertThat(c.ha2Transport()).isEqualTo(Ha2Transport.UDP);
        assertThat(c.deviceId()).isZero();
    }

    @Test
    void activePassiveExampleResolves() {
        HaMachineConfig a = example("ap-pair", "fw-a.yaml", "FW-A", 0x0a);
        assertThat(a.devicePriority()).isEqualTo(50);
        assertThat(a.preemptive()).isTrue();
        assertThat(a.peerNegotiationTimeoutMs()).isEqualTo(5_000);
        assertThat(a.timers()).isEqualTo(HaTimers.AGGRESSIVE);
    }

    @Test
    void activeActiveExampleResolves() {
        HaMachineConfig a = example("aa-pair", "fw-a.yaml", "FW-A", 0x0a);
        assertThat(a.mode()).isEqualTo(HaMode.ACTIVE_ACTIVE);
        assertThat(a.deviceId()).isZero();
        assertThat(a.tentativeHoldMs()).isEqualTo(60_000);
    }

    @Test
    void theActivePassiveExamplePairElectsFwA() {
        PairHarness h = new PairHarness(
                example("ap-pair", "fw-a.yaml", "FW-A", 0x0a), example("ap-pair", "fw-b.yaml", "FW-B", 0x0b));
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(2_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        // fw-a fails, fw-b takes over after 3 × 1000 ms + 500 ms (aggressive promotion hold)
        h.crash(h.a);
        long crashNs = h.now();
        h.run(10_000);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.m.stateSinceNs() - crashNs).isBetween(2_500_000_000L, 3_600_000_000L);
        // fw-a comes back, is passive, and preempts after the one-minute preemption hold
        h.boot(h.a);
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        h.run(59_000);
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        h.run(2_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
    }
}

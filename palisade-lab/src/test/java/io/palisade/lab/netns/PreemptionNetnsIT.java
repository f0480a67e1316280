package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.netns.RequiresNetns;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Preemption on real links: fw-a (priority 50) crashes, fw-b takes over; fw-a comes back, syncs the sessions and
 * after the preemption hold time takes the active role back, and no connection is lost in either move.
 */
@RequiresNetns
class PreemptionNetnsIT {
    @Test
    void thePreferredNodeTakesBackWithoutLosingConnections() {
        LabSettings settings = LabSettings.of(Topology.L3).withTimerProfile("advanced");
        try (NetnsLab lab = NetnsLab.up(settings, LabDirs.create("preempt"), false)) {
            TrafficRun run = TrafficRun.start(lab, "t", 20, 20, 22);
            NetnsLab.sleep(3000);
            long faultNs = System.nanoTime();
            Faults.apply(lab, "kill", "fw-a");
            awaitState(lab, "fw-b", "active", Duration.ofSeconds(5));
            Faults.repair(lab, "kill", "fw-a"); // restart
            awaitState(lab, "fw-a", "active", Duration.ofSeconds(15));
            var r = run.await();

            assertThat(lab.haState("fw-b")).isEqualTo("passive");
            assertThat(TrafficRun.before(r, faultNs)).isEqualTo(20);
            assertThat(TrafficRun.survived(r, faultNs)).isEqualTo(20);
            assertThat(r.connections()).allSatisfy(c -> assertThat(c.error()).isNull());
        }
    }

    static void awaitState(NetnsLab lab, String node, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.equals(lab.haState(node))) {
                return;
            }
            NetnsLab.sleep(100);
        }
        assertThat(lab.haState(node)).as(node + " state").isEqualTo(state);
    }
}

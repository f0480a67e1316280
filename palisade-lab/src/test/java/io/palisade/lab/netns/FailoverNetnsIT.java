package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.lab.demo.DemoOptions;
import io.palisade.lab.demo.DemoReport;
import io.palisade.testkit.netns.RequiresNetns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fault on the active node of a layer-3 pair with real TCP connections through it: every connection that
 * worked before the fault works after it. Faults that fail the node over must make the peer active; losing the
 * primary HA1 link must not (the backup link keeps the pair together).
 */
@RequiresNetns
class FailoverNetnsIT {
    private static final int FLOWS = 40;

    @ParameterizedTest
    @ValueSource(strings = {"kill", "ha1-down", "link-down", "path-down", "suspend"})
    void everyConnectionSurvives(String fault) {
        DemoOptions options = new DemoOptions(fault, "advanced", FLOWS, 2, 4, false);

        DemoReport r = NetnsDemo.run(options, LabDirs.create(fault), LabSettings.of(Topology.L3));

        assertThat(r.sessionsBefore()).isEqualTo(FLOWS);
        assertThat(r.sessionsSurvived()).isEqualTo(FLOWS);
        boolean tookOver = r.states().stream()
                .anyMatch(e -> e.atMs() >= 0 && e.node().equals("fw-b") && e.to().equalsIgnoreCase("active"));
        assertThat(tookOver).as("fw-b took over").isEqualTo(!fault.equals("ha1-down"));
        assertThat(r.details()).containsEntry("failedConnections", 0L);
    }

    /**
     * A virtual-wire pair: the crashed node's links stay up, so the new active node re-announces the hosts it saw
     * in ARP on the opposite side of the wire and the switches send their traffic to it.
     */
    @Test
    void aVirtualWirePairSurvivesACrash() {
        DemoOptions options = new DemoOptions("kill", "advanced", FLOWS, 2, 4, false);

        DemoReport r = NetnsDemo.run(options, LabDirs.create("vwire-kill"), LabSettings.of(Topology.VWIRE));

        assertThat(r.sessionsBefore()).isEqualTo(FLOWS);
        assertThat(r.sessionsSurvived()).isEqualTo(FLOWS);
    }
}

package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.netns.RequiresNetns;
import org.junit.jupiter.api.Test;

/**
 * Passive link state on real links: {@code shutdown} takes the passive node's data links down (its neighbours see
 * no carrier) and brings them up on takeover; {@code auto} keeps them up while the node discards traffic.
 */
@RequiresNetns
class PassiveLinkStateNetnsIT {
    @Test
    void shutdownTakesThePassiveLinksDownAndTakeoverBringsThemUp() {
        LabSettings settings =
                LabSettings.of(Topology.L3).withTimerProfile("advanced").withPassiveLinkState("shutdown");
        try (NetnsLab lab = NetnsLab.up(settings, LabDirs.create("shutdown"), false)) {
            assertThat(linkState(lab, "fwb", "fwb-e1")).isEqualTo("DOWN");
            assertThat(linkState(lab, "fwa", "fwa-e1")).isEqualTo("UP");
            TrafficRun run = TrafficRun.start(lab, "t", 20, 20, 7);
            NetnsLab.sleep(3000);
            long faultNs = System.nanoTime();
            Faults.apply(lab, "kill", "fw-a");
            var r = run.await();

            assertThat(TrafficRun.before(r, faultNs)).isEqualTo(20);
            assertThat(TrafficRun.survived(r, faultNs)).isEqualTo(20);
            assertThat(lab.haState("fw-b")).isEqualTo("active");
            assertThat(linkState(lab, "fwb", "fwb-e1")).isEqualTo("UP");
        }
    }

    @Test
    void autoKeepsThePassiveLinksUpWithoutForwarding() {
        LabSettings settings = LabSettings.of(Topology.L3).withTimerProfile("advanced");
        try (NetnsLab lab = NetnsLab.up(settings, LabDirs.create("auto"), false)) {
            var r = TrafficRun.start(lab, "t", 10, 20, 3).await();

            assertThat(r.connectionsEstablished()).isEqualTo(10);
            assertThat(linkState(lab, "fwb", "fwb-e1")).isEqualTo("UP");
            assertThat(lab.haState("fw-b")).isEqualTo("passive");
            assertThat(ForwardingNetnsIT.counter(lab, "fw-b", "pkt_sent")).isZero();
        }
    }

    static String linkState(NetnsLab lab, String ns, String ifname) {
        String line =
                Shell.run("ip", "-n", lab.ns(ns), "-o", "link", "show", ifname).stdout();
        int at = line.indexOf(" state ");
        return at < 0 ? line : line.substring(at + 7).split(" ")[0];
    }
}

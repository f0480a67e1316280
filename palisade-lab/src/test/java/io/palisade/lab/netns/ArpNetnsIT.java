package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.netns.RequiresNetns;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ARP as real Linux neighbours see it: the client resolves its gateway (the floating address) to the virtual MAC
 * answered by the active node, and on takeover the new active node's gratuitous ARP reaches the client and moves
 * the virtual MAC to its own switch port.
 */
@RequiresNetns
class ArpNetnsIT {
    private static final String GATEWAY_MAC = "00:1b:17:00:01:01";

    @Test
    void neighboursResolveTheVirtualMacAndFollowTheGratuitousArp() throws Exception {
        LabSettings settings = LabSettings.of(Topology.L3).withTimerProfile("advanced");
        try (NetnsLab lab = NetnsLab.up(settings, LabDirs.create("arp"), false)) {
            TrafficRun.start(lab, "t", 2, 20, 1).await();
            String neigh = Shell.inNs(lab.ns("cl"), "ip", "neigh", "show", "198.18.10.1")
                    .stdout();
            assertThat(neigh).contains("lladdr " + GATEWAY_MAC);
            assertThat(fdbPort(lab)).isEqualTo("a-e1");

            Process capture = lab.spawn(
                    "cl",
                    lab.directory().resolve("arp.txt"),
                    Shell.nsCommand(lab.ns("cl"), "tcpdump", "-l", "-n", "-e", "-i", "eth0", "arp"));
            NetnsLab.sleep(1000);
            Faults.apply(lab, "kill", "fw-a");
            PreemptionNetnsIT.awaitState(lab, "fw-b", "active", Duration.ofSeconds(5));
            NetnsLab.sleep(500);
            capture.destroy();
            capture.waitFor();
            String seen = java.nio.file.Files.readString(lab.directory().resolve("arp.txt"));

            assertThat(seen)
                    .containsPattern(GATEWAY_MAC + " > ff:ff:ff:ff:ff:ff.*Request who-has 198.18.10.1 tell "
                            + "198.18.10.1|" + GATEWAY_MAC + " > ff:ff:ff:ff:ff:ff.*Reply 198.18.10.1 is-at");
            assertThat(fdbPort(lab)).isEqualTo("b-e1");
        }
    }

    /** The switch port the inside bridge has learnt the virtual MAC on. */
    private static String fdbPort(NetnsLab lab) {
        String fdb = Shell.run("bridge", "-n", lab.ns("sw"), "fdb", "show", "br", "swin")
                .stdout();
        return fdb.lines()
                .filter(l -> l.startsWith(GATEWAY_MAC))
                .map(l -> l.split("\\s+")[2])
                .findFirst()
                .orElse("none");
    }
}

package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.lab.demo.DemoOptions;
import io.palisade.lab.demo.DemoReport;
import io.palisade.testkit.netns.RequiresNetns;
import org.junit.jupiter.api.Test;

/** HA2 over raw Ethernet frames (EtherType 0x7261) on a real veth: sessions reach the peer and survive a crash. */
@RequiresNetns
class Ha2EthernetNetnsIT {
    @Test
    void sessionsSyncedOverEthernetSurviveACrash() {
        LabSettings settings = LabSettings.of(Topology.L3).withHa2Transport("ethernet");
        DemoOptions options = new DemoOptions("kill", "advanced", 30, 2, 4, false);

        DemoReport r = NetnsDemo.run(options, LabDirs.create("ha2eth"), settings);

        assertThat(r.sessionsBefore()).isEqualTo(30);
        assertThat(r.sessionsSurvived()).isEqualTo(30);
        assertThat(r.details()).containsEntry("ha2Transport", "ethernet");
    }
}

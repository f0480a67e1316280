package io.palisade.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsOperstateTest {
    @Test
    void readsOperstateFilesAndReportsMissingInterfaces(@TempDir Path classNet) throws Exception {
        Files.createDirectories(classNet.resolve("eth1"));
        Files.writeString(classNet.resolve("eth1/operstate"), "lowerlayerdown\n");
        Files.createDirectories(classNet.resolve("eth2"));
        Files.writeString(classNet.resolve("eth2/operstate"), "up\n");
        SysfsOperstate sysfs = new SysfsOperstate(classNet);
        assertThat(sysfs.read("eth1")).contains(OperState.LOWER_LAYER_DOWN);
        assertThat(sysfs.read("eth2")).contains(OperState.UP);
        assertThat(sysfs.read("eth3")).isEmpty();
    }

    @Test
    void readsTheRealLoopback() throws Exception {
        assertThat(SysfsOperstate.system().read("lo")).contains(OperState.UNKNOWN);
    }

    @Test
    void mapsEveryKernelCode() {
        for (OperState state : OperState.values()) {
            assertThat(OperState.fromCode(state.code())).isEqualTo(state);
        }
        assertThat(OperState.fromCode(99)).isEqualTo(OperState.UNKNOWN);
        assertThat(OperState.fromSysfs("dormant")).isEqualTo(OperState.DORMANT);
    }
}

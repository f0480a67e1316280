package io.palisade.lab.inproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import io.palisade.config.ConfigLoader;
import io.palisade.lab.LabNodeStatus;
import io.palisade.lab.LabState;
import io.palisade.ops.LabFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process lab: valid generated configurations, the pair elected and synchronised, the state file, the
 * lab fault switches reachable through each node's API, a second lab refused, and nothing left running after
 * {@code down} (checked by pid).
 */
class InProcessLabTest {
    @TempDir
    Path dir;

    @Test
    void generatedConfigurationsAreValidForBothProfiles() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        PairConfigs.NODES.forEach(n -> io.palisade.ha.tls.HaKeygen.generate(keys, n, true));
        LabPorts p = LabPorts.choose();
        for (String profile : PairConfigs.PROFILES) {
            for (int i = 0; i < 2; i++) {
                var r = ConfigLoader.parse(PairConfigs.yaml(i, p, profile, "lab-key-0123456789"), "fw", dir);
                assertThat(r.problems()).as(profile + " node " + i).isEmpty();
                assertThat(r.config().session().tcpRejectNonSyn()).isTrue();
            }
        }
        assertThatThrownBy(() -> PairConfigs.yaml(0, p, "lazy", "k")).hasMessageContaining("lazy");
    }

    @Test
    void upFaultsAndDownLeaveNoProcessBehind() throws Exception {
        Path stateFile = dir.resolve("lab.json");
        InProcessLab lab = InProcessLab.up(new InProcessLab.Settings(stateFile, "advanced", Duration.ofSeconds(90)));
        List<LabState.NodeEntry> nodes = lab.state().nodes();
        try {
            assertThat(LabState.load(stateFile))
                    .hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo("inproc"));
            assertThat(lab.status())
                    .extracting(LabNodeStatus::name, LabNodeStatus::state, LabNodeStatus::alive)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("fw-a", "active", true),
                            org.assertj.core.groups.Tuple.tuple("fw-b", "passive", true));
            assertThat(Files.readString(lab.output("fw-a"))).contains("SIMULATED");
            assertThat(lab.client("fw-b").labFaults())
                    .extracting(LabFault::fault)
                    .contains(LabFault.HA1_BLOCK, LabFault.HA2_BLOCK, LabFault.LINK_DOWN, LabFault.PATH_UNREACHABLE);

            assertThatThrownBy(() ->
                            InProcessLab.up(new InProcessLab.Settings(stateFile, "advanced", Duration.ofSeconds(5))))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("already running");

            LabFaults.Injected down = lab.fail("link-down", "fw-b");
            assertThat(down.ok()).as(down.message()).isTrue();
            assertThat(lab.client("fw-b").labFaults())
                    .filteredOn(f -> f.fault().equals(LabFault.LINK_DOWN) && f.on())
                    .extracting(LabFault::target)
                    .containsExactly(PairConfigs.SERVER_SIDE_INTERFACE);
            LabFaults.Injected clear = lab.fail("clear", "fw-b");
            assertThat(clear.message()).contains("link-down ethernet1/2");
            assertThat(lab.client("fw-b").labFaults()).noneMatch(LabFault::on);
        } finally {
            lab.down();
        }
        assertThat(nodes)
                .allSatisfy(n -> assertThat(ProcessHandle.of(n.pid())
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .as(n.name() + " pid " + n.pid())
                        .isFalse());
        assertThat(nodes)
                .allSatisfy(n ->
                        assertThat(NodeProcesses.alive(n.pid(), n.config())).isFalse());
        assertThat(stateFile).doesNotExist();
    }
}

package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import io.palisade.lab.LabNodeStatus;
import io.palisade.lab.LabState;
import io.palisade.testkit.netns.RequiresNetns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code lab up|status|fail|down} as separate commands would run them: each step builds a fresh
 * {@link LabControl} that knows the lab only through its state file. A link fault moves the active role, a second
 * lab is refused while one is recorded, and {@code down} leaves no namespace or process behind.
 */
@RequiresNetns
class LabControlNetnsIT {
    @Test
    void aRecordedLabIsControlledThroughItsStateFileAndRemovedWithoutTrace() throws Exception {
        Path stateFile = LabDirs.create("control").resolve("lab.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new LabControl(stateFile, new PrintStream(printed, true, StandardCharsets.UTF_8)).up("l3", "advanced");
        LabState recorded = LabState.load(stateFile).orElseThrow();
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("fw-a pid")
                    .contains("ip netns exec " + recorded.prefix() + "fwa");
            assertThat(awaitStates(stateFile, List.of("active", "passive"))).isTrue();
            assertThatThrownBy(() -> control(stateFile).up("l3", "advanced"))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("already up");

            assertThat(control(stateFile).fail("link-down", null)).isEqualTo("link-down on fw-a");
            assertThat(awaitStates(stateFile, List.of("non-functional", "active")))
                    .isTrue();
        } finally {
            control(stateFile).down();
        }
        assertThat(Files.exists(stateFile)).isFalse();
        assertThat(Shell.run("ip", "netns", "list").stdout()).doesNotContain(recorded.prefix());
        for (LabState.NodeEntry n : recorded.nodes()) {
            assertThat(ProcessHandle.of(n.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .as(n.name() + " stopped")
                    .isFalse();
        }
        assertThatThrownBy(() -> control(stateFile).status())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no lab is up");
    }

    private static LabControl control(Path stateFile) {
        return new LabControl(stateFile, System.out);
    }

    /** Waits up to 10 s for fw-a and fw-b to report {@code states}. */
    private static boolean awaitStates(Path stateFile, List<String> states) {
        for (int i = 0; i < 100; i++) {
            List<String> now = control(stateFile).status().stream()
                    .map(LabNodeStatus::state)
                    .toList();
            if (now.equals(states)) {
                return true;
            }
            NetnsLab.sleep(100);
        }
        return false;
    }
}

package io.palisade.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.lab.LabState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabTargetsTest {
    private static LabState lab(long firstPid, long secondPid) {
        return new LabState(
                "netns",
                "/tmp/lab",
                "pal-1-",
                List.of(),
                List.of(
                        new LabState.NodeEntry(
                                "fw-a",
                                firstPid,
                                "http://127.0.0.1:9451",
                                "key-a",
                                "a.yaml",
                                "pal-1-fwa",
                                "http://127.0.0.1:20001"),
                        new LabState.NodeEntry(
                                "fw-b",
                                secondPid,
                                "http://127.0.0.1:9452",
                                "key-b",
                                "b.yaml",
                                "pal-1-fwb",
                                "http://127.0.0.1:20002")),
                List.of());
    }

    private static long endedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void withoutOptionsTheFirstRunningNodeIsReachedThroughItsHostUrlWithItsKey() throws Exception {
        long self = ProcessHandle.current().pid();
        LabTargets.Target t = LabTargets.resolve(null, null, Optional.of(lab(endedPid(), self)), null);
        assertThat(t).isEqualTo(new LabTargets.Target("http://127.0.0.1:20002", "key-b"));

        LabTargets.Target first = LabTargets.resolve(null, null, Optional.of(lab(self, self)), null);
        assertThat(first).isEqualTo(new LabTargets.Target("http://127.0.0.1:20001", "key-a"));
    }

    @Test
    void aGivenUrlFindsItsKeyByEitherAddressAndOptionsAndEnvironmentWin() {
        long self = ProcessHandle.current().pid();
        Optional<LabState> l = Optional.of(lab(self, self));
        assertThat(LabTargets.resolve("http://127.0.0.1:9452", null, l, null).apiKey())
                .isEqualTo("key-b");
        assertThat(LabTargets.resolve("http://127.0.0.1:20002", null, l, null).apiKey())
                .isEqualTo("key-b");
        assertThat(LabTargets.resolve("http://127.0.0.1:20002", null, l, "env-key")
                        .apiKey())
                .isEqualTo("env-key");
        assertThat(LabTargets.resolve("http://x:1", "given", l, "env-key"))
                .isEqualTo(new LabTargets.Target("http://x:1", "given"));
        assertThat(LabTargets.resolve(null, null, Optional.empty(), null))
                .isEqualTo(new LabTargets.Target("http://127.0.0.1:9443", null));
    }
}

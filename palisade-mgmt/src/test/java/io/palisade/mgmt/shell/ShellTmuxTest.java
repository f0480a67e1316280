package io.palisade.mgmt.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.palisade.mgmt.testing.RunningNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell as an operator meets it: a real pseudo-terminal under tmux, keys sent one batch at a
 * time, the screen read back. Skipped with the reason when tmux is not installed.
 */
class ShellTmuxTest {
    static final Path TMUX = Path.of("/usr/bin/tmux");

    @TempDir
    Path dir;

    private final String socket =
            "palisade-test-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void completesRunsConfiguresAndCommitsInARealTerminal() throws Exception {
        assumeTrue(Files.isExecutable(TMUX), "skipped: tmux is not installed (apt-get install tmux)");
        try (RunningNode node = RunningNode.start(dir)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            String command = String.join(
                    " ",
                    quote(java),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    quote(System.getProperty("java.class.path")),
                    ShellMain.class.getName(),
                    node.url(),
                    RunningNode.KEY);
            try {
                tmux("new-session", "-d", "-s", "shell", "-x", "160", "-y", "50", command);
                awaitScreen("admin@fw-a(active)>"); // capture-pane drops trailing blanks
                tmux("send-keys", "-t", "shell", "show high-", "Tab");
                awaitScreen("admin@fw-a(active)> show high-availability");
                tmux("send-keys", "-t", "shell", "Tab");
                awaitScreen("state-synchronization");
                tmux("send-keys", "-t", "shell", "state", "Enter");
                awaitScreen("State Reason: Preempted by priority");
                tmux("send-keys", "-t", "shell", "configure", "Enter");
                awaitScreen("admin@fw-a(active)#");
                tmux("send-keys", "-t", "shell", "set session.timeouts.tcp 1800", "Enter");
                tmux("send-keys", "-t", "shell", "commit description \"from tmux\"", "Enter");
                awaitScreen("Configuration committed successfully (version 2)");
                tmux("send-keys", "-t", "shell", "exit", "Enter");
                awaitScreen("Exiting configuration mode");
                tmux("send-keys", "-t", "shell", "exit", "Enter");
                assertThat(node.ops
                                .configService()
                                .running()
                                .config()
                                .session()
                                .timeouts()
                                .tcp())
                        .isEqualTo(1800);
                assertThat(node.ops.candidateConfig().yaml()).contains("tcp: 1800");
                assertThat(node.ops.configService().running().info().description())
                        .isEqualTo("from tmux");
                assertThat(node.ops.configService().running().info().source()).isEqualTo("cli");
            } finally {
                runQuietly(List.of(TMUX.toString(), "-L", socket, "kill-server"));
            }
        }
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "shell", "-S", "-200");
    }

    private void awaitScreen(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = screen();
            if (last.contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the terminal never showed '" + text + "':\n" + last);
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TMUX.toString(), "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tmux " + List.of(args) + " failed: " + out);
        }
        return out;
    }

    private static void runQuietly(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing to clean up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

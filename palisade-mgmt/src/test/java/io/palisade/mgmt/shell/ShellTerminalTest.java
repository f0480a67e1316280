package io.palisade.mgmt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.mgmt.testing.RunningNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JLine completer, and the real interactive loop driven through a pipe terminal. */
class ShellTerminalTest {
    @TempDir
    Path dir;

    RunningNode node;

    @BeforeEach
    void start() {
        node = RunningNode.start(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Shell.Options options() {
        return new Shell.Options("admin", ZoneOffset.UTC, null, System::currentTimeMillis);
    }

    private List<String> complete(ShellSession session, String line) {
        List<Candidate> candidates = new ArrayList<>();
        var parsed = new DefaultParser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        Shell.completer(session).complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void completerOffersEveryLevel() {
        ShellSession s = new ShellSession(
                new NodeClient(node.url(), RunningNode.KEY), "admin", ZoneOffset.UTC, System::currentTimeMillis);
        assertThat(complete(s, "")).contains("show", "request", "test", "configure", "exit", "quit");
        assertThat(complete(s, "show high-")).contains("high-availability");
        assertThat(complete(s, "show high-availability "))
                .containsExactlyInAnyOrder(
                        "all",
                        "state",
                        "state-synchronization",
                        "link-monitoring",
                        "path-monitoring",
                        "flap-statistics",
                        "transitions");
        assertThat(complete(s, "request high-availability state ")).containsExactlyInAnyOrder("suspend", "functional");
        assertThat(complete(s, "show session id ")).contains("4101", "4105");
        assertThat(complete(s, "show session all filter from ")).containsExactlyInAnyOrder("trust", "untrust");
        assertThat(complete(s, "show session all filter from trust "))
                .contains("to", "protocol")
                .doesNotContain("from");
        assertThat(complete(s, "test security-policy-match "))
                .contains("from", "to", "destination-port", "application");
        assertThat(complete(s, "show counter global filter severity ")).contains("drop");
        assertThat(complete(s, "show system info ")).contains("|");
        assertThat(complete(s, "show system info | ")).containsExactlyInAnyOrder("match", "except");
    }

    @Test
    void interactiveLoopCompletesRunsAndConfigures() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 64 * 1024);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder()
                .system(false)
                .streams(in, screen)
                .type("xterm")
                .size(new org.jline.terminal.Size(160, 50))
                .build();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread loop =
                Thread.ofPlatform().start(() -> exit.set(Shell.run(node.url(), RunningNode.KEY, terminal, options())));
        try {
            awaitScreen(screen, "admin@fw-a(active)> ");
            type(keys, "show high-\t");
            awaitScreen(screen, "show high-availability ");
            type(keys, "state\r");
            awaitScreen(screen, "State Reason: Preempted by priority");
            type(keys, "show high-availability ?");
            awaitScreen(screen, "state-synchronization");
            type(keys, "\u0015"); // Ctrl-U clears the line
            type(keys, "configure\r");
            awaitScreen(screen, "admin@fw-a(active)# ");
            type(keys, "set session.timeouts.udp 45\r");
            type(keys, "commit description \"udp 45\"\r");
            awaitScreen(screen, "Configuration committed successfully (version 2)");
            type(keys, "exit\r");
            type(keys, "exit\r");
            loop.join(10_000);
            assertThat(loop.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
            assertThat(node.ops
                            .configService()
                            .running()
                            .config()
                            .session()
                            .timeouts()
                            .udp())
                    .isEqualTo(45);
            assertThat(node.ops.configService().running().info().description()).isEqualTo("udp 45");
        } finally {
            keys.close();
            loop.join(5_000);
            terminal.close();
        }
    }

    private static void type(PipedOutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static void awaitScreen(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (screen.toString(StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("screen never showed '" + text + "':\n" + screen.toString(StandardCharsets.UTF_8));
    }
}

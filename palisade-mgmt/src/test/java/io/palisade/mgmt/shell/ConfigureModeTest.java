package io.palisade.mgmt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.mgmt.testing.RunningNode;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configure mode over the API: set (YAML and word paths), delete, show, validate, commit, revert, run, exit. */
class ConfigureModeTest {
    @TempDir
    Path dir;

    RunningNode node;
    ShellSession shell;

    @BeforeEach
    void start() {
        node = RunningNode.start(dir);
        shell = new ShellSession(
                new NodeClient(node.url(), RunningNode.KEY), "admin", ZoneOffset.UTC, System::currentTimeMillis);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Outcome ok(String line) {
        Outcome o = shell.execute(line);
        assertThat(o.exitCode()).as(line + " -> " + o.text()).isZero();
        return o;
    }

    @Test
    void promptFollowsModeAndHaState() {
        assertThat(shell.prompt()).isEqualTo("admin@fw-a(active)> ");
        assertThat(ok("configure").text()).contains("Entering configuration mode");
        assertThat(shell.prompt()).isEqualTo("admin@fw-a(active)# ");
        node.ops.transitionTo("passive", "Peer is active");
        assertThat(shell.prompt()).isEqualTo("admin@fw-a(passive)# ");
        ok("exit");
        assertThat(shell.prompt()).isEqualTo("admin@fw-a(passive)> ");
        ok("exit");
        assertThat(shell.exitRequested()).isTrue();
    }

    @Test
    void setValidateCommitChangesRunningConfig() {
        ok("configure");
        ok("set session.timeouts.tcp 1800");
        ok("set security-rules deny-inbound action deny");
        ok("set high-availability election device-priority 70");
        assertThat(ok("show session").text()).isEqualTo("timeouts:\n  tcp: 1800\n");
        assertThat(ok("show security-rules[1].action").text()).isEqualTo("deny\n");
        assertThat(ok("run show config diff").text()).contains("+    tcp: 1800", "+    action: deny");
        assertThat(ok("validate").text()).contains("Validation succeeded");
        assertThat(ok("commit description \"tcp timeout and priority\"").text())
                .contains("Configuration committed successfully (version 2)");
        var running = node.ops.configService().running();
        assertThat(running.config().session().timeouts().tcp()).isEqualTo(1800);
        assertThat(running.config().highAvailability().election().devicePriority())
                .isEqualTo(70);
        assertThat(running.info().description()).isEqualTo("tcp timeout and priority");
        assertThat(running.info().source()).isEqualTo("cli");
    }

    @Test
    void refusedChangesShowProblemsAndKeepTheCandidate() {
        ok("configure");
        Outcome bad = shell.execute("set high-availability.election.device-priority 999");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.text()).contains("high-availability.election.device-priority", "1 problem:");
        Outcome unknown = shell.execute("set high-availability.election.bogus 1");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.text()).contains("bogus");
        assertThat(shell.execute("set session.timeouts.tcp").exitCode()).isEqualTo(2);
        assertThat(node.ops.configService().candidateChanged()).isFalse();
    }

    @Test
    void deleteAndRevert() {
        ok("configure");
        ok("delete security-rules[1]");
        assertThat(ok("show").text()).doesNotContain("deny-inbound");
        ok("revert");
        assertThat(ok("show").text()).contains("deny-inbound");
        assertThat(shell.execute("delete nothing.here").exitCode()).isEqualTo(1);
    }

    @Test
    void completionInConfigureMode() {
        ok("configure");
        assertThat(shell.suggest(java.util.List.of("set"), "session.ti"))
                .extracting(CommandTree.Suggestion::value)
                .contains("session.timeouts");
        assertThat(shell.suggest(java.util.List.of("set"), "security-rules["))
                .extracting(CommandTree.Suggestion::value)
                .contains("security-rules[0]", "security-rules[allow-outbound]", "security-rules[2]");
        assertThat(shell.suggest(java.util.List.of(), ""))
                .extracting(CommandTree.Suggestion::value)
                .contains("set", "delete", "show", "commit", "validate", "revert", "run", "exit");
    }
}

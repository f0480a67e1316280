package io.palisade.mgmt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.mgmt.testing.RunningNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./palisade cli -c "COMMAND"} for every command, against a running management server. */
class ShellOneCommandTest {
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

    /** Exit code, standard output and standard error of one command. */
    record Run(int exit, String out, String err) {}

    Run c(String command) {
        return c(command, RunningNode.KEY);
    }

    Run c(String command, String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Shell.run(
                node.url(),
                key,
                command,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new Shell.Options("admin", ZoneOffset.UTC, null, System::currentTimeMillis));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run ok(String command) {
        Run r = c(command);
        assertThat(r.exit())
                .as(command + "\nout: " + r.out() + "\nerr: " + r.err())
                .isZero();
        assertThat(r.err()).isEmpty();
        return r;
    }

    @Test
    void showHighAvailability() {
        assertThat(ok("show high-availability all").out())
                .startsWith("Group 1: \n  Mode: Active-Passive\n  Local Information:\n")
                .contains("    State: active (last 2 hours)\n", "      Priority: 50\n", "  Peer Information:\n")
                .contains("    Group wire-links:\n", "      Interface ethernet1/2: up\n")
                .contains("    Running Configuration: synchronized\n");
        assertThat(ok("show high-availability state").out())
                .contains("State Reason: Preempted by priority")
                .doesNotContain("Link Monitoring");
        assertThat(ok("show high-availability state-synchronization").out()).contains("Send Queue Depth: 3");
        assertThat(ok("show high-availability link-monitoring").out()).contains("Interface ethernet1/1: up");
        assertThat(ok("show high-availability path-monitoring").out()).contains("upstream/vw1/virtual-wire 198.18.0.1");
        assertThat(ok("show high-availability flap-statistics").out()).contains("Max # of Flaps: 3");
        assertThat(ok("show high-availability transitions").out())
                .contains("passive          active           Preempted by priority");
    }

    @Test
    void requestsChangeState() {
        assertThat(ok("request high-availability state suspend").out()).contains("suspended");
        assertThat(ok("show high-availability state | match State").out())
                .contains("State: suspended")
                .contains("State Reason: User requested");
        Run again = c("request high-availability state suspend");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already suspended");
        assertThat(ok("request high-availability state functional").out()).contains("functional");
        assertThat(ok("request high-availability sync-to-remote running-config").out())
                .contains("synchronized");
    }

    @Test
    void sessions() {
        String all = ok("show session all").out();
        assertThat(all)
                .contains(
                        "4101         ssl            ACTIVE  FLOW       198.18.1.10[51514]/trust/6  (198.18.1.10[51514])");
        assertThat(all).contains("Total sessions shown: 5");
        assertThat(ok("show session all filter protocol 17 from trust").out())
                .contains("dns")
                .contains("Total sessions shown: 1");
        assertThat(ok("show session id 4103").out())
                .startsWith("Session              4103\n")
                .contains("        session updated by HA peer           : True\n")
                .contains("        nat-rule                             : outbound-snat(vsys1)\n");
        Run missing = c("show session id 77");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no session with id 77");
        assertThat(ok("show session info").out())
                .contains("Number of active TCP sessions: 3", "TCP default timeout: 3600 secs");
    }

    @Test
    void countersSystemPolicy() {
        String counters = ok("show counter global").out();
        assertThat(counters).contains("pkt_recv", "Total counters shown: 8").doesNotContain("flow_ha_not_active");
        assertThat(ok("show counter global filter severity drop value all").out())
                .contains("flow_ha_not_active")
                .doesNotContain("pkt_recv");
        assertThat(ok("show system info").out()).contains("hostname: fw-a\n", "ha-state: active\n");
        assertThat(
                        ok("test security-policy-match from trust to untrust source 198.18.1.10 destination 198.19.0.80 protocol 6 destination-port 443")
                                .out())
                .startsWith("\"allow-outbound; index: 1\" {");
    }

    @Test
    void config() {
        assertThat(ok("show config running").out()).contains("hostname: fw-a");
        assertThat(ok("show config candidate").out()).contains("hostname: fw-a");
        assertThat(ok("show config diff").out()).contains("No differences");
        assertThat(ok("show config history").out()).contains("      1  ").contains("boot");
    }

    @Test
    void pipesAndHelp() {
        assertThat(ok("show system info | match ^ha-").out()).isEqualTo("ha-mode: active-passive\nha-state: active\n");
        assertThat(ok("show system info | except \"ha-|java\"").out())
                .doesNotContain("ha-", "java")
                .contains("hostname");
        assertThat(ok("show high-availability ?").out())
                .contains("  all ", "  state-synchronization ", "  transitions ");
        assertThat(ok("show high-availability st?").out())
                .contains("state", "state-synchronization")
                .doesNotContain("all");
        assertThat(ok("test security-policy-match from trust ?").out()).contains("  to ", "(optional) Application");
    }

    @Test
    void badCommandsExit2AndFailuresExit1() {
        Run unknown = c("show bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command: bogus");
        assertThat(c("show").exit()).isEqualTo(2);
        assertThat(c("test security-policy-match from trust").err()).contains("Missing required argument: to");
        assertThat(c("show system info | grep x").exit()).isEqualTo(2);
        assertThat(c("show system info | match (").exit()).isEqualTo(2);
        Run wrongKey = c("show system info", "not-the-key-000");
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("wrong API key");
        assertThat(wrongKey.err()).doesNotContain("not-the-key-000");
    }

    @Test
    void unreachableNodeIsAFailure() {
        String url = node.url();
        node.close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Shell.run(
                url,
                RunningNode.KEY,
                "show system info",
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach");
        node = RunningNode.start(dir.resolve("again"));
    }

    @Test
    void abbreviatedKeywords() {
        assertThat(ok("sh high-av al").out()).contains("State: active");
        assertThat(c("show high-availability sta").err()).contains("Ambiguous command: sta");
    }
}

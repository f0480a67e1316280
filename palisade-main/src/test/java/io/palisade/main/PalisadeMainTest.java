package io.palisade.main;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.testkit.RepoPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help lists every command of DESIGN section 3, exit codes, one-line errors. */
class PalisadeMainTest {
    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        return capture(() -> PalisadeMain.execute(args));
    }

    private static Result capture(Callable<Integer> body) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = body.call();
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsEveryDesignCommand() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "test", "run", "cli", "replay", "bench", "config", "lab", "ha");
        Result labHelp = run("help", "lab");
        assertThat(labHelp.out()).contains("up, status, fail FAULT, down");
        assertThat(run("help", "config").out()).contains("validate");
        assertThat(run("ha", "--help").out()).contains("keygen");
    }

    @Test
    void validateSaysOkForAGoodFile() {
        Result r = run(
                "config",
                "validate",
                RepoPaths.examples().resolve("single-vwire.yaml").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("ok\n");
    }

    @Test
    void validateListsEveryProblemWithItsLocationAndExitsOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                device:
                  hostnme: fw
                  management: {api-key: test-key-0001}
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer4}
                """);
        Result r = run("config", "validate", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains(bad + ":2:3: device.hostnme: unknown key 'hostnme' (did you mean 'hostname'?)")
                .contains(bad + ":5:50: interfaces[0].mode: 'layer4' is not one of virtual-wire, layer3");
        assertThat(r.err()).isEmpty();

        Result json = run("config", "validate", "--json", bad.toString());
        assertThat(json.out()).contains("\"ok\":false").contains("\"line\":2");
    }

    @Test
    void missingFileIsBadInputInOneLine() {
        Result r = run("config", "validate", "/nonexistent/x.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("palisade: /nonexistent/x.yaml: no such file\n");
    }

    @Test
    void unknownOptionIsBadUsage() {
        Result r = run("config", "validate", "--frobnicate", "x.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("Try './palisade config validate --help'");
    }

    @Test
    void missingArgumentsAreBadUsage() {
        for (String cmd : new String[] {"run", "replay", "bench"}) {
            Result r = run(cmd);
            assertThat(r.exit()).as(cmd).isEqualTo(2);
            assertThat(r.err()).as(cmd).startsWith("palisade: ").doesNotContain("Exception");
        }
    }

    @Test
    void runRefusesAMissingConfigurationInOneLine() {
        Result r = run("run", "--config", "/nonexistent/fw.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("palisade: /nonexistent/fw.yaml: no such file\n");
    }

    @Test
    void keygenWritesAKeyPairAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Result r = run("ha", "keygen", "--name", "fw-x", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("fingerprint: SHA-256 ");
        assertThat(Files.readString(dir.resolve("fw-x.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("fw-x.key")))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        Result again = run("ha", "keygen", "--name", "fw-x", "--out", dir.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).startsWith("palisade: ").hasLineCount(1);
    }

    @Test
    void demoRunsTheInProcessLabAndReportsEveryConnectionKept(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("lab.json");
        Result r = run(
                "demo",
                "--inproc",
                "--json",
                "--flows",
                "50",
                "--steady",
                "1",
                "--after",
                "3",
                "--lab-state",
                state.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.path("mode").asText()).isEqualTo("inproc");
        assertThat(report.path("fault").asText()).isEqualTo("kill");
        assertThat(report.path("sessionsBefore").asInt()).isEqualTo(50);
        assertThat(report.path("sessionsSurvived").asInt()).isEqualTo(50);
        assertThat(report.path("detectionMs").asLong()).isPositive();
        assertThat(report.path("interruptionMs").asLong()).isPositive();
        assertThat(report.path("states").size()).isGreaterThanOrEqualTo(3);
        assertThat(Files.exists(dir.resolve("demo.json"))).isTrue();
        assertThat(Files.exists(state)).as("the lab is down").isFalse();
    }

    @Test
    void labUpStatusFailDownLeavesNoProcessBehind(@TempDir Path dir) throws Exception {
        String state = dir.resolve("lab.json").toString();
        Result up = run("lab", "up", "inproc", "--lab-state", state);
        List<Long> pids = new ArrayList<>();
        try {
            assertThat(up.exit()).as(up.err()).isZero();
            assertThat(up.out()).contains("fw-a", "fw-b", "active", "passive");
            Result status = run("lab", "status", "--json", "--lab-state", state);
            assertThat(status.exit()).isZero();
            JsonNode nodes = new ObjectMapper().readTree(status.out()).path("nodes");
            assertThat(nodes.size()).isEqualTo(2);
            for (JsonNode n : nodes) {
                assertThat(n.path("name").asText()).startsWith("fw-");
                assertThat(n.path("api").asText()).startsWith("http://127.0.0.1:");
                assertThat(n.path("apiKey").asText()).startsWith("lab-");
                assertThat(n.path("alive").asBoolean()).isTrue();
                pids.add(n.path("pid").asLong());
            }
            assertThat(nodes.get(0).path("state").asText()).isEqualTo("active");
            assertThat(nodes.get(1).path("state").asText()).isEqualTo("passive");

            Result fail = run("lab", "fail", "suspend", "--lab-state", state);
            assertThat(fail.exit()).as(fail.err()).isZero();
            assertThat(fail.out()).startsWith("suspend on fw-a");
        } finally {
            Result down = run("lab", "down", "--lab-state", state);
            assertThat(down.exit()).as(down.err()).isZero();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid " + pid)
                    .isFalse();
        }
        Result after = run("lab", "status", "--lab-state", state);
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.out()).contains("no lab is running");
    }
}

package io.palisade.config.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.ConfigText;
import io.palisade.testkit.RepoPaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash during commit leaves the previous running configuration intact: proven by killing a child process
 * in the middle of a commit, at every step deterministically and at random moments with SIGKILL.
 */
class CommitCrashSafetyTest {
    @TempDir
    Path dir;

    private final Path example = RepoPaths.examples().resolve("single-vwire.yaml");

    private Process child(String crashAt, int count) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (crashAt != null) {
            cmd.add("-Dpalisade.config.crashAt=" + crashAt);
        }
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                CrashingCommitter.class.getName(),
                dir.resolve("store").toString(),
                example.toString(),
                Integer.toString(count)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.Step.class)
    void crashAtEveryCommitStep(CrashPoint.Step step) throws Exception {
        Process first = child(null, 1);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();

        Process crashing = child(step.name(), 1);
        assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crashing.exitValue()).as("the child halted at %s", step).isEqualTo(99);

        ConfigService reopened =
                new ConfigService(ConfigStore.open(dir.resolve("store")), example.getParent(), () -> 0);
        long expected = step == CrashPoint.Step.CURRENT_RENAMED ? 2 : 1;
        assertThat(reopened.running().info().version()).isEqualTo(expected);
        assertConsistent(reopened);
        assertThat(reopened.commitConfig(reopened.running().config(), "test", "after crash")
                        .version())
                .isEqualTo(expected + 1);
    }

    @Test
    void sigkillAtRandomMomentsNeverTearsTheRunningConfig() throws Exception {
        SplittableRandom random = new SplittableRandom(20261125L);
        long lastSeen = 0;
        for (int round = 0; round < 6; round++) {
            Process p = child(null, 200);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int toSee = 1 + random.nextInt(5);
            int seen = 0;
            for (String line = out.readLine(); line != null && seen < toSee; line = out.readLine()) {
                seen += line.startsWith("committed") ? 1 : 0; // other lines: JVM or logging notices
            }
            assertThat(seen).as("commits reported by the child").isEqualTo(toSee);
            Thread.sleep(random.nextInt(20));
            p.destroyForcibly(); // SIGKILL, mid-way through some later commit
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            ConfigService reopened =
                    new ConfigService(ConfigStore.open(dir.resolve("store")), example.getParent(), () -> 0);
            long version = reopened.running().info().version();
            assertThat(version).isGreaterThan(lastSeen);
            assertConsistent(reopened);
            lastSeen = version;
        }
    }

    private void assertConsistent(ConfigService service) throws Exception {
        RunningConfig running = service.running();
        assertThat(ConfigText.digest(running.config())).isEqualTo(running.info().digest());
        try (Stream<Path> files = Files.list(dir.resolve("store/history"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp"))
                    .allSatisfy(n -> assertThat(Long.parseLong(n.substring(0, 6)))
                            .isLessThanOrEqualTo(running.info().version()));
        }
        for (VersionInfo v : service.store().history()) {
            assertThat(ConfigText.digest(service.store().load(v.version(), example.getParent())))
                    .isEqualTo(v.digest());
        }
    }
}

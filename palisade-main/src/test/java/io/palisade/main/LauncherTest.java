package io.palisade.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script in a scratch copy of the repository: how it finds a JDK 25, when it rebuilds, and that
 * {@code test} runs the Maven suite. Maven is replaced by a stand-in that records its arguments.
 */
class LauncherTest {
    private static final Path JDK25 = Path.of(System.getProperty("java.home"));

    @TempDir
    Path repo;

    private Path jar;
    private Path mvnLog;

    @BeforeEach
    void scratchRepository() throws IOException {
        Files.copy(RepoPaths.root().resolve("palisade"), repo.resolve("palisade"));
        executable(repo.resolve("palisade"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path src = repo.resolve("palisade-main/src/main/java/X.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "class X {}");
        jar = repo.resolve("palisade-main/target/palisade.jar");
        mvnLog = repo.resolve("mvn.log");
        Path fakeMvn = repo.resolve("bin/mvn");
        Files.createDirectories(fakeMvn.getParent());
        Files.writeString(fakeMvn, """
                #!/usr/bin/env bash
                echo "$@" >> "%s"
                mkdir -p "%s" && touch "%s"
                """.formatted(mvnLog, jar.getParent(), jar));
        executable(fakeMvn);
        Files.createDirectories(repo.resolve("jvm"));
    }

    private record Run(int exit, String out, String err) {}

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd =
                new java.util.ArrayList<>(List.of(repo.resolve("palisade").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("PALISADE_MVN", repo.resolve("bin/mvn").toString());
        pb.environment().put("PALISADE_JVM_DIR", repo.resolve("jvm").toString());
        pb.environment().put("PALISADE_DRY_RUN", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void usesJavaHomeWhenItIsAJdk25() throws Exception {
        Run r = launch(Map.of("JAVA_HOME", JDK25.toString()), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith(JDK25.resolve("bin/java") + " --enable-native-access=ALL-UNNAMED")
                .contains("-jar " + jar)
                .endsWith("--help\n");
    }

    @Test
    void aFirewallNodeRunsWithTheNodeJvmOptionsAndOtherCommandsWithout() throws Exception {
        Run node = launch(Map.of("JAVA_HOME", JDK25.toString()), "run", "--config", "x.yaml");
        assertThat(node.exit()).isZero();
        assertThat(node.out())
                .contains(" -XX:+UseZGC -XX:PerMethodTrapLimit=0 -XX:PerBytecodeTrapLimit=0 ")
                .doesNotContain("UseParallelGC")
                .endsWith("run --config x.yaml\n");
        Run demo = launch(Map.of("JAVA_HOME", JDK25.toString()), "demo");
        assertThat(demo.out()).contains(" -XX:+UseParallelGC ").doesNotContain("UseZGC");
    }

    @Test
    void skipsAnOldJavaHomeAndFindsAJdk25InTheJvmDirectory() throws Exception {
        Files.createSymbolicLink(repo.resolve("jvm/temurin-25"), JDK25);
        Map<String, String> env = new HashMap<>();
        oldJdk().ifPresent(old -> env.put("JAVA_HOME", old.toString()));
        Run r = launch(env, "demo");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(repo.resolve("jvm/temurin-25/bin/java").toString());
    }

    @Test
    void findsAJdk25OnThePath() throws Exception {
        Path bin = repo.resolve("pathbin");
        Files.createDirectories(bin);
        Files.createSymbolicLink(bin.resolve("java"), JDK25.resolve("bin/java"));
        Run r = launch(Map.of("PATH", bin + ":/usr/bin:/bin"), "demo");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(JDK25.toRealPath().resolve("bin/java").toString());
    }

    @Test
    void failsWithOneClearLineWithoutAJdk25() throws Exception {
        Map<String, String> env = new HashMap<>();
        oldJdk().ifPresent(old -> env.put("JAVA_HOME", old.toString()));
        Run r = launch(env, "demo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("palisade: no JDK 25 found").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void buildsWhenTheJarIsMissingOrStaleAndNotOtherwise() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", JDK25.toString());
        launch(env, "demo");
        assertThat(Files.readAllLines(mvnLog))
                .singleElement()
                .asString()
                .contains("package")
                .contains("-DskipTests");

        launch(env, "demo");
        assertThat(Files.readAllLines(mvnLog)).hasSize(1);

        Path src = repo.resolve("palisade-main/src/main/java/X.java");
        Files.setLastModifiedTime(src, FileTime.from(Instant.now().plusSeconds(5)));
        launch(env, "demo");
        assertThat(Files.readAllLines(mvnLog)).hasSize(2);
    }

    @Test
    void testRunsTheWholeMavenSuite() throws Exception {
        Run r = launch(Map.of("JAVA_HOME", JDK25.toString()), "test");
        assertThat(r.exit()).isZero();
        assertThat(Files.readAllLines(mvnLog)).containsExactly("-B verify");
    }

    private static java.util.Optional<Path> oldJdk() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        return Files.isDirectory(jdk17) ? java.util.Optional.of(jdk17) : java.util.Optional.empty();
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

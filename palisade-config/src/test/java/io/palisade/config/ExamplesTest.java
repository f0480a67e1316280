package io.palisade.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.testkit.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled examples validate and survive a write/read round trip; pairs agree on their shared part. */
class ExamplesTest {

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.walk(RepoPaths.examples())) {
            List<Path> files =
                    s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(files).hasSizeGreaterThanOrEqualTo(7);
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleValidates(Path file) {
        ConfigLoader.Result result = ConfigLoader.load(file);
        assertThat(result.problems()).as("problems in %s", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRoundTripsThroughYaml(Path file) {
        PalisadeConfig config = ConfigLoader.load(file).orThrow();
        String written = ConfigText.toYaml(config);
        PalisadeConfig reread = ConfigLoader.parse(written, "rewritten " + file, file.getParent())
                .orThrow();

        assertThat(reread).isEqualTo(config);
        assertThat(ConfigText.digest(reread)).isEqualTo(ConfigText.digest(config));
        assertThat(ConfigText.toYaml(reread)).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void peersOfAPairHaveTheSameSharedPart(String pair) {
        PalisadeConfig a = ConfigLoader.load(RepoPaths.examples().resolve(pair).resolve("fw-a.yaml"))
                .orThrow();
        PalisadeConfig b = ConfigLoader.load(RepoPaths.examples().resolve(pair).resolve("fw-b.yaml"))
                .orThrow();

        assertThat(ConfigText.digest(a)).isNotEqualTo(ConfigText.digest(b));
        assertThat(ConfigText.sharedDigest(a)).isEqualTo(ConfigText.sharedDigest(b));
    }

    static Stream<String> pairs() {
        return Stream.of("ap-pair", "l3-pair", "aa-pair");
    }

    @Test
    void syncedConfigKeepsTheReceiversLocalParts() {
        Path dir = RepoPaths.examples().resolve("aa-pair");
        PalisadeConfig a = ConfigLoader.load(dir.resolve("fw-a.yaml")).orThrow();
        PalisadeConfig b = ConfigLoader.load(dir.resolve("fw-b.yaml")).orThrow();

        PalisadeConfig onB = a.withLocalPartsOf(b);

        assertThat(onB.device()).isEqualTo(b.device());
        assertThat(onB.highAvailability()).isEqualTo(b.highAvailability());
        assertThat(onB.interfaces()).isEqualTo(b.interfaces()); // active/active: addresses stay local too
        assertThat(onB.natRules()).isEqualTo(a.natRules());
        assertThat(ConfigText.sharedDigest(onB)).isEqualTo(ConfigText.sharedDigest(a));
    }
}

package io.palisade.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.validate.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule, each shown with its error text and its location in the file. */
class ValidationRulesTest {

    static Stream<ValidationCase> cases() {
        return ValidationCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleReportsItsProblemWhereItWasWritten(ValidationCase c) {
        ConfigLoader.Result result = ConfigLoader.parse(c.yaml(), "case.yaml");

        assertThat(result.ok()).as("the document must be refused").isFalse();
        assertThat(result.config()).isNull();
        List<Problem> matching = result.problems().stream()
                .filter(p -> p.path().equals(c.path()) && p.message().contains(c.message()))
                .toList();
        assertThat(matching)
                .as("expected a problem at %s containing \"%s\"; got:%n%s", c.path(), c.message(), render(result))
                .isNotEmpty();
        Problem p = matching.getFirst();
        assertThat(p.line()).as("line of %s", c.path()).isEqualTo(c.markedLine());
        assertThat(p.column()).isPositive();
    }

    @Test
    void casesCoverEveryValidatorFamily() {
        assertThat(ValidationCases.all()).hasSizeGreaterThan(150);
        assertThat(ValidationCases.all().stream().map(ValidationCase::path))
                .anyMatch(p -> p.startsWith("device"))
                .anyMatch(p -> p.startsWith("interfaces"))
                .anyMatch(p -> p.startsWith("security-rules"))
                .anyMatch(p -> p.startsWith("nat-rules"))
                .anyMatch(p -> p.startsWith("high-availability.cluster"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = ValidationCases.DEVICE + """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3, mtu: 10}
                zones:
                  - {name: trust, interfaces: [ethernet1/1, ethernet1/5]}
                security-rules:
                  - {name: r, from: [nowhere], to: [trust], action: allow}
                sesion: {}
                """;
        ConfigLoader.Result result = ConfigLoader.parse(yaml, "many.yaml");
        assertThat(result.problems())
                .extracting(Problem::path)
                .contains("interfaces[0].mtu", "zones[0].interfaces[1]", "security-rules[0].from[0]", "sesion");
        assertThat(result.problems())
                .isSortedAccordingTo(
                        java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    }

    @Test
    void invalidYamlSyntaxNamesTheLine() {
        ConfigLoader.Result result = ConfigLoader.parse("device:\n  hostname: [unclosed\n", "broken.yaml");
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.line()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void emptyFileIsRefused() {
        ConfigLoader.Result result = ConfigLoader.parse("", "empty.yaml");
        assertThat(result.problems())
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .contains("the file is empty");
    }

    @Test
    void problemFormatLinksToTheFile() {
        Problem p = new Problem("zones[0].name", 7, 5, "zone 'x' is defined twice");
        assertThat(p.format("fw.yaml")).isEqualTo("fw.yaml:7:5: zones[0].name: zone 'x' is defined twice");
    }

    private static String render(ConfigLoader.Result r) {
        StringBuilder sb = new StringBuilder();
        r.problems().forEach(p -> sb.append("  ").append(p.format("case.yaml")).append('\n'));
        return sb.toString();
    }
}

package io.palisade.mgmt.configedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.mgmt.shell.ConfigPaths;
import io.palisade.mgmt.shell.Tokens;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML path parsing and editing, word paths and the command-line tokenizer. */
class YamlPathEditorTest {
    static final String DOC = """
            device:
              hostname: fw-a
            security-rules:
              - name: allow-outbound
                action: allow
              - name: deny-inbound
                action: drop
            """;

    @Test
    void parsesKeysIndexesAndNames() {
        YamlPath p = YamlPath.parse("security-rules[2].from[0]");
        assertThat(p.steps())
                .containsExactly(
                        new YamlPath.Step.Key("security-rules"),
                        new YamlPath.Step.Index(2),
                        new YamlPath.Step.Key("from"),
                        new YamlPath.Step.Index(0));
        assertThat(YamlPath.parse("zones[trust].interfaces").steps().get(1))
                .isEqualTo(new YamlPath.Step.Named("trust"));
        assertThat(p.prefix(2)).isEqualTo("security-rules[2]");
        for (String bad : List.of("", "a..b", "a.", "a[", "a[]", ".a", "a b")) {
            assertThatThrownBy(() -> YamlPath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void setsCreatesReplacesAndAppends() {
        String out = YamlPathEditor.apply(DOC, "session.timeouts.tcp", "1800");
        assertThat(YamlPathEditor.get(out, "session.timeouts.tcp")).isEqualTo(1800);
        out = YamlPathEditor.apply(out, "security-rules[deny-inbound].action", "deny");
        assertThat(YamlPathEditor.get(out, "security-rules[1].action")).isEqualTo("deny");
        out = YamlPathEditor.apply(out, "security-rules[2]", "{name: new, action: allow}");
        assertThat(YamlPathEditor.get(out, "security-rules[new].action")).isEqualTo("allow");
        out = YamlPathEditor.apply(out, "security-rules[extra].action", "drop");
        assertThat(YamlPathEditor.get(out, "security-rules[3].name")).isEqualTo("extra");
        assertThat(YamlPathEditor.get(out, "device.hostname")).isEqualTo("fw-a");
        assertThat(YamlPathEditor.apply(DOC, "zones", "[trust, untrust]")).contains("zones:\n  - trust\n  - untrust\n");
    }

    @Test
    void deletesKeysAndItems() {
        String out = YamlPathEditor.apply(DOC, "security-rules[allow-outbound]", null);
        assertThat(YamlPathEditor.get(out, "security-rules[0].name")).isEqualTo("deny-inbound");
        out = YamlPathEditor.apply(out, "device.hostname", null);
        assertThat(YamlPathEditor.get(out, "device.hostname")).isNull();
        assertThatThrownBy(() -> YamlPathEditor.apply(DOC, "device.serial", null))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> YamlPathEditor.apply(DOC, "security-rules[9]", null))
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesPathsThatDoNotFit() {
        assertThatThrownBy(() -> YamlPathEditor.apply(DOC, "device.hostname.x", "1"))
                .hasMessageContaining("is a value");
        assertThatThrownBy(() -> YamlPathEditor.apply(DOC, "security-rules.action", "1"))
                .hasMessageContaining("is a list");
        assertThatThrownBy(() -> YamlPathEditor.apply(DOC, "security-rules[5]", "1"))
                .hasMessageContaining("has 2 items");
        assertThatThrownBy(() -> YamlPathEditor.apply(DOC, "a", "[unclosed")).hasMessageContaining("not valid YAML");
    }

    @Test
    void wordPathsFollowTheSchema() {
        assertThat(ConfigPaths.fromWords(List.of("session", "timeouts", "tcp", "1800")))
                .isEqualTo(new ConfigPaths.WordPath("session.timeouts.tcp", 3));
        assertThat(ConfigPaths.fromWords(List.of("security-rules", "deny-inbound", "action", "deny")))
                .isEqualTo(new ConfigPaths.WordPath("security-rules[deny-inbound].action", 3));
        assertThat(ConfigPaths.fromWords(List.of("security-rules", "r1", "from", "trust")))
                .isEqualTo(new ConfigPaths.WordPath("security-rules[r1].from", 3));
        assertThat(ConfigPaths.values("security-rules[0].action")).contains("allow", "deny", "reset-both");
        assertThat(ConfigPaths.values("high-availability.election.preemptive")).containsExactly("true", "false");
        assertThatThrownBy(() -> ConfigPaths.fromWords(List.of("nonsense", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenizerKeepsQuotesAndSplitsPipes() {
        assertThat(Tokens.split("commit description \"two words\""))
                .containsExactly("commit", "description", "two words");
        assertThat(Tokens.split("show system info|match \"a|b\""))
                .containsExactly("show", "system", "info", "|", "match", "a|b");
        assertThat(Tokens.split("set x \"\"")).containsExactly("set", "x", "");
        assertThatThrownBy(() -> Tokens.split("set \"open")).hasMessageContaining("unbalanced");
    }
}

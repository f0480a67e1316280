package io.palisade.config.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.config.ConfigException;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.validate.Problem;
import io.palisade.testkit.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidate and running configuration, commit, history, rollback and diff. */
class ConfigServiceTest {
    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private Path examples;
    private PalisadeConfig vwire;

    @BeforeEach
    void load() {
        examples = RepoPaths.examples();
        vwire = ConfigLoader.load(examples.resolve("single-vwire.yaml")).orThrow();
    }

    private String exampleText() throws Exception {
        return Files.readString(examples.resolve("single-vwire.yaml"));
    }

    private ConfigService service() {
        return new ConfigService(ConfigStore.open(dir.resolve("store")), examples, clock::incrementAndGet);
    }

    @Test
    void commitsAreNumberedAndKeptOnDisk() throws Exception {
        ConfigService s = service();
        VersionInfo v1 = s.commitConfig(vwire, "file", "first");
        s.setCandidateText(exampleText().replace("log-end: true", "log-end: false"), "edit");
        assertThat(s.candidateChanged()).isTrue();
        VersionInfo v2 = s.commit("api", "second");

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.digest()).isNotEqualTo(v1.digest());
        assertThat(s.running().info()).isEqualTo(v2);
        assertThat(s.candidateChanged()).isFalse();
        assertThat(s.store().history()).extracting(VersionInfo::description).containsExactly("first", "second");

        ConfigService reopened = service();
        assertThat(reopened.running().info()).isEqualTo(v2);
        assertThat(ConfigText.digest(reopened.running().config())).isEqualTo(v2.digest());
    }

    @Test
    void rollbackCommitsAnEarlierVersionAsANewOne() throws Exception {
        ConfigService s = service();
        VersionInfo v1 = s.commitConfig(vwire, "file", "first");
        s.setCandidateText(exampleText().replace("name: deny-rest", "name: deny-all"), "edit");
        s.commit("api", "rename");

        VersionInfo v3 = s.rollback(1);

        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.source()).isEqualTo("rollback");
        assertThat(v3.digest()).isEqualTo(v1.digest());
        assertThat(s.running().config()).isEqualTo(vwire);
        assertThat(s.diff(2, 3)).contains("-  - name: deny-all").contains("+  - name: deny-rest");
        assertThat(s.diff(1, 3)).isEmpty();
    }

    @Test
    void invalidCandidateIsRefusedAndRunningStays() throws Exception {
        ConfigService s = service();
        s.commitConfig(vwire, "file", "first");

        assertThatThrownBy(() -> s.setCandidateText(exampleText().replace("from: trust", "from: nowhere"), "e"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("zone 'nowhere' does not exist");
        assertThat(s.candidate()).isEqualTo(vwire);
        assertThat(s.running().info().version()).isEqualTo(1);
    }

    @Test
    void aListenerCanRefuseACommitAndNothingChanges() {
        ConfigService s = service();
        s.commitConfig(vwire, "file", "first");
        List<Long> activated = new ArrayList<>();
        s.addListener(candidate -> {
            if (candidate.config().securityRules().size() > 4) {
                throw new ConfigException("dataplane", List.of(new Problem("security-rules", 0, 0, "too many rules")));
            }
            return running -> activated.add(running.epoch());
        });
        PalisadeConfig bigger = ConfigLoader.parse(
                        ConfigText.toYaml(vwire).replace("security-rules:", """
                                security-rules:
                                  - {name: extra, from: [trust], to: [untrust], action: allow}"""), "bigger", examples)
                .orThrow();

        assertThatThrownBy(() -> s.commitConfig(bigger, "api", "too big"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("too many rules");
        assertThat(s.running().info().version()).isEqualTo(1);
        assertThat(s.store().history()).hasSize(1);
        assertThat(activated).isEmpty();

        s.rollback(1);
        assertThat(activated).containsExactly(2L);
    }

    @Test
    void loadVersionPutsItIntoTheCandidateOnly() throws Exception {
        ConfigService s = service();
        s.commitConfig(vwire, "file", "first");
        s.setCandidateText(exampleText().replace("name: deny-rest", "name: deny-all"), "edit");
        s.commit("api", "rename");

        s.loadVersion(1);

        assertThat(s.candidate()).isEqualTo(vwire);
        assertThat(s.running().info().version()).isEqualTo(2);
        assertThat(s.diff(2, 0)).contains("+  - name: deny-rest");
    }

    @Test
    void openingRemovesLeftoversOfAnInterruptedCommit() throws Exception {
        ConfigService s = service();
        s.commitConfig(vwire, "file", "first");
        Path history = dir.resolve("store/history");
        Files.writeString(history.resolve("000002.yaml"), "partial: [");
        Files.writeString(history.resolve("000003.yaml.tmp"), "x");
        Files.writeString(dir.resolve("store/CURRENT.tmp"), "2\n");

        ConfigService reopened = service();

        assertThat(reopened.running().info().version()).isEqualTo(1);
        assertThat(history.resolve("000002.yaml")).doesNotExist();
        assertThat(history.resolve("000003.yaml.tmp")).doesNotExist();
        assertThat(dir.resolve("store/CURRENT.tmp")).doesNotExist();
        assertThat(reopened.commitConfig(vwire, "api", "again").version()).isEqualTo(2);
    }
}

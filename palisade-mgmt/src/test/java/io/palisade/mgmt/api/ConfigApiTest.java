package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.mgmt.testing.RunningNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration endpoints over the real configuration service: edit, validate, commit, history, rollback. */
class ConfigApiTest {
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

    private JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return node.json(r);
    }

    private HttpResponse<String> patch(String path, String valueJson) {
        return node.send(
                "PATCH",
                "/api/v1/config/candidate",
                "{\"path\":\"" + path + "\",\"value\":" + valueJson + "}",
                "application/json");
    }

    @Test
    void runningAndCandidate() {
        JsonNode running = ok(node.get("/api/v1/config/running"));
        assertThat(running.path("version").asLong()).isEqualTo(1);
        assertThat(running.path("yaml").asText()).contains("hostname: fw-a");
        assertThat(running.path("digest").asText()).hasSize(64);
        JsonNode candidate = ok(node.get("/api/v1/config/candidate"));
        assertThat(candidate.path("version").asLong()).isEqualTo(1);
        assertThat(candidate.path("digest").asText())
                .isEqualTo(running.path("digest").asText());
    }

    @Test
    void patchValidateCommitHistoryDiff() {
        JsonNode changed = ok(patch("session.timeouts.tcp", "1800")).path("candidate");
        assertThat(changed.path("version").asLong()).isEqualTo(0);
        assertThat(changed.path("yaml").asText()).contains("tcp: 1800");
        ok(patch("security-rules[deny-inbound].action", "\"deny\""));

        JsonNode diff = ok(node.get("/api/v1/config/diff"));
        assertThat(diff.path("from").asLong()).isEqualTo(1);
        assertThat(diff.path("to").asLong()).isEqualTo(0);
        assertThat(diff.path("diff").asText()).contains("+    tcp: 1800", "-    action: drop", "+    action: deny");

        JsonNode valid = ok(node.send("POST", "/api/v1/config/validate", null, null));
        assertThat(valid.path("ok").asBoolean()).isTrue();
        assertThat(valid.path("problems")).isEmpty();

        JsonNode commit = ok(node.send(
                "POST",
                "/api/v1/config/commit",
                "{\"description\":\"shorter tcp timeout\",\"source\":\"cli\"}",
                "application/json"));
        assertThat(commit.path("version").path("version").asLong()).isEqualTo(2);
        assertThat(commit.path("version").path("source").asText()).isEqualTo("cli");
        assertThat(commit.path("problems")).isEmpty();
        assertThat(node.ops
                        .configService()
                        .running()
                        .config()
                        .session()
                        .timeouts()
                        .tcp())
                .isEqualTo(1800);

        JsonNode history = ok(node.get("/api/v1/config/history"));
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("description").asText()).isEqualTo("shorter tcp timeout");
        assertThat(ok(node.get("/api/v1/config/diff?from=1&to=2")).path("diff").asText())
                .contains("tcp: 1800");
    }

    @Test
    void deleteRevertReplaceRollback() {
        ok(patch("security-rules[1]", "null"));
        assertThat(ok(node.get("/api/v1/config/candidate")).path("yaml").asText())
                .doesNotContain("deny-inbound");
        JsonNode reverted = ok(node.send("POST", "/api/v1/config/revert", null, null));
        assertThat(reverted.path("ok").asBoolean()).isTrue();
        assertThat(ok(node.get("/api/v1/config/candidate")).path("yaml").asText())
                .contains("deny-inbound");

        String yaml = node.ops.runningConfig().yaml().replace("device-priority: 50", "device-priority: 70");
        JsonNode replaced = ok(node.send("PUT", "/api/v1/config/candidate", yaml, "application/yaml"));
        assertThat(replaced.path("candidate").path("yaml").asText()).contains("device-priority: 70");
        ok(node.send("POST", "/api/v1/config/commit", null, null));
        assertThat(node.ops
                        .configService()
                        .running()
                        .config()
                        .highAvailability()
                        .election()
                        .devicePriority())
                .isEqualTo(70);

        JsonNode rollback = ok(node.send("POST", "/api/v1/config/rollback", "{\"version\":1}", "application/json"));
        assertThat(rollback.path("version").path("version").asLong()).isEqualTo(3);
        assertThat(rollback.path("version").path("source").asText()).isEqualTo("rollback");
        assertThat(node.ops
                        .configService()
                        .running()
                        .config()
                        .highAvailability()
                        .election()
                        .devicePriority())
                .isEqualTo(50);
    }
}

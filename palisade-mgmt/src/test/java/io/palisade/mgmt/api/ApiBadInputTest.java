package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.mgmt.testing.RunningNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input answers 400 with located problems; oversized bodies 413; the candidate stays as it was. */
class ApiBadInputTest {
    static final int LIMIT = 16 * 1024;

    @TempDir
    Path dir;

    RunningNode node;

    @BeforeEach
    void start() {
        node = RunningNode.start(dir, s -> s.withMaxRequestBytes(LIMIT));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private JsonNode bad(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = node.json(r);
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("problems").isArray()).isTrue();
        return body;
    }

    private static List<String> paths(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("problems").forEach(p -> out.add(p.path("path").asText()));
        return out;
    }

    @Test
    void queryParametersAreChecked() {
        JsonNode b = bad(node.get("/api/v1/sessions?protocol=tcp&destination-port=70000&limit=0"));
        assertThat(paths(b)).containsExactlyInAnyOrder("protocol", "destination-port", "limit");
        assertThat(b.path("problems").toString()).contains("'tcp' is not a number", "'70000' is outside 0..65535");
        assertThat(paths(bad(node.get("/api/v1/sessions/abc")))).containsExactly("id");
        assertThat(paths(bad(node.get("/api/v1/config/diff?from=x")))).containsExactly("from");
    }

    @Test
    void policyMatchListsEveryMissingParameter() {
        JsonNode b = bad(node.get("/api/v1/test/security-policy-match?from=trust&protocol=300"));
        assertThat(paths(b)).containsExactly("to", "source", "destination", "protocol", "destination-port");
    }

    @Test
    void invalidYamlIsLocated() {
        String before = node.ops.candidateConfig().digest();
        JsonNode b = bad(
                node.send("PUT", "/api/v1/config/candidate", "device:\n  hostname: [unclosed\n", "application/yaml"));
        JsonNode p = b.path("problems").get(0);
        assertThat(p.path("line").asInt()).isGreaterThan(0);
        assertThat(p.path("column").asInt()).isGreaterThan(0);
        assertThat(p.path("message").asText()).contains("not valid YAML");
        assertThat(node.ops.candidateConfig().digest()).isEqualTo(before);
    }

    @Test
    void invalidConfigurationIsLocatedByPath() {
        String yaml = node.ops.runningConfig().yaml().replace("action: allow", "action: maybe");
        JsonNode b = bad(node.send("PUT", "/api/v1/config/candidate", yaml, "application/yaml"));
        JsonNode p = b.path("problems").get(0);
        assertThat(p.path("path").asText()).isEqualTo("security-rules[0].action");
        assertThat(p.path("line").asInt()).isGreaterThan(1);
    }

    @Test
    void patchProblems() {
        JsonNode value = bad(node.send(
                "PATCH",
                "/api/v1/config/candidate",
                "{\"path\":\"security-rules[0].action\",\"value\":\"maybe\"}",
                "application/json"));
        assertThat(paths(value)).containsExactly("security-rules[0].action");
        JsonNode path = bad(
                node.send("PATCH", "/api/v1/config/candidate", "{\"path\":\"a..b\",\"value\":1}", "application/json"));
        assertThat(path.path("problems").get(0).path("message").asText()).contains("bad key");
        assertThat(paths(bad(node.send("PATCH", "/api/v1/config/candidate", "{\"value\":1}", "application/json"))))
                .containsExactly("path");
        JsonNode notJson = bad(node.send("PATCH", "/api/v1/config/candidate", "{\"path\": ", "application/json"));
        assertThat(notJson.path("problems").get(0).path("message").asText()).contains("not valid JSON");
    }

    @Test
    void rollbackAndCommitProblems() {
        assertThat(paths(bad(node.send("POST", "/api/v1/config/rollback", "{}", "application/json"))))
                .containsExactly("version");
        JsonNode missing = bad(node.send("POST", "/api/v1/config/rollback", "{\"version\":99}", "application/json"));
        assertThat(missing.path("problems").get(0).path("message").asText()).contains("99");
        assertThat(paths(bad(node.send("POST", "/api/v1/config/commit", "{\"source\":\"me\"}", "application/json"))))
                .containsExactly("source");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "# " + "x".repeat(LIMIT + 10) + "\n";
        HttpResponse<String> announced = node.send("PUT", "/api/v1/config/candidate", big, "application/yaml");
        assertThat(announced.statusCode()).isEqualTo(413);
        assertThat(node.json(announced).path("error").asText()).isNotBlank();

        // Chunked: no Content-Length, so the limit applies while reading.
        HttpRequest chunked = node.request("/api/v1/config/candidate")
                .header("X-API-Key", RunningNode.KEY)
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> r = node.send(chunked);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(node.json(r).path("error").asText()).isNotBlank();
    }
}

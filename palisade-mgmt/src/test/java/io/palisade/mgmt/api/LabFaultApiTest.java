package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.mgmt.shell.NodeClient;
import io.palisade.mgmt.testing.RunningNode;
import io.palisade.ops.CommandResult;
import io.palisade.ops.LabFault;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LAB / FAULT INJECTION routes: listing, switching, bad input (400), refusal (409), and their labelling. */
class LabFaultApiTest {
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

    private HttpResponse<String> post(String body) {
        return node.send("POST", "/api/v1/lab/faults", body, "application/json");
    }

    @Test
    void listsSwitchesAllOffAndTurnsOneOn() {
        JsonNode list = node.json(node.get("/api/v1/lab/faults"));
        assertThat(list.size()).isEqualTo(5);
        assertThat(list).allSatisfy(f -> assertThat(f.path("on").asBoolean()).isFalse());

        HttpResponse<String> r = post("{\"fault\":\"link-down\",\"target\":\"ethernet1/2\",\"on\":true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(node.json(r).path("ok").asBoolean()).isTrue();
        JsonNode after = node.json(node.get("/api/v1/lab/faults"));
        assertThat(after)
                .filteredOn(f -> f.path("target").asText().equals("ethernet1/2"))
                .singleElement()
                .satisfies(f -> assertThat(f.path("on").asBoolean()).isTrue());
    }

    @Test
    void allTargetsEveryLinkOfTheKindThroughTheClient() {
        NodeClient client = new NodeClient(node.url(), RunningNode.KEY);
        CommandResult r = client.setLabFault(LabFault.HA1_BLOCK, LabFault.ALL, true);
        assertThat(r.ok()).isTrue();
        assertThat(client.labFaults())
                .filteredOn(f -> f.fault().equals(LabFault.HA1_BLOCK))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.on()).isTrue());
        assertThat(client.labFaults())
                .filteredOn(f -> f.fault().equals(LabFault.HA2_BLOCK))
                .allSatisfy(f -> assertThat(f.on()).isFalse());
    }

    @Test
    void unknownFaultOrMissingTargetIsBadInput() {
        HttpResponse<String> unknown = post("{\"fault\":\"meteor\",\"target\":\"ha1\",\"on\":true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(node.json(unknown).path("problems").get(0).path("path").asText())
                .isEqualTo("fault");
        HttpResponse<String> noTarget = post("{\"fault\":\"ha1-block\",\"on\":true}");
        assertThat(noTarget.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongTarget = post("{\"fault\":\"link-down\",\"target\":\"ethernet9/9\",\"on\":true}");
        assertThat(wrongTarget.statusCode()).isEqualTo(400);
        assertThat(node.json(wrongTarget).path("error").asText()).contains("ethernet9/9");
    }

    @Test
    void aNodeWithoutLabFaultsRefusesWith409() {
        node.ops.setLabFaultsEnabled(false);
        assertThat(node.json(node.get("/api/v1/lab/faults"))).isEmpty();
        HttpResponse<String> r = post("{\"fault\":\"ha1-block\",\"target\":\"ha1\",\"on\":true}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(node.json(r).path("ok").asBoolean()).isFalse();
        CommandResult viaClient = new NodeClient(node.url(), RunningNode.KEY).setLabFault("ha1-block", "ha1", true);
        assertThat(viaClient.ok()).isFalse();
        assertThat(viaClient.message()).contains("not enabled");
    }

    @Test
    void theRoutesAreLabelledAsLabFaultInjection() {
        JsonNode doc =
                node.json(node.send(node.request("/api/v1/openapi.json").GET().build()));
        JsonNode path = doc.path("paths").path("/api/v1/lab/faults");
        for (String method : new String[] {"get", "post"}) {
            assertThat(path.path(method).path("tags").get(0).asText()).isEqualTo("lab");
            assertThat(path.path(method).path("summary").asText()).startsWith("LAB / FAULT INJECTION");
        }
        assertThat(path.path("post").path("responses").has("409")).isTrue();
    }
}

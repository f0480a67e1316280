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

/** Success shapes of every read endpoint and of the HA commands, over a real HTTP port. */
class ApiContractTest {
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

    private JsonNode ok(String path) {
        HttpResponse<String> r = node.get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return node.json(r);
    }

    @Test
    void healthNeedsNoKey() {
        HttpResponse<String> r = node.send(node.request("/api/v1/health").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(node.json(r).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void systemInfo() {
        JsonNode s = ok("/api/v1/system");
        assertThat(s.path("hostname").asText()).isEqualTo("fw-a");
        assertThat(s.path("haState").asText()).isEqualTo("active");
        assertThat(s.path("haMode").asText()).isEqualTo("active-passive");
        assertThat(s.path("runningVersion").asLong()).isEqualTo(1);
        assertThat(s.path("uptimeMs").isNumber()).isTrue();
    }

    @Test
    void haAllAndState() {
        for (String path : new String[] {"/api/v1/ha", "/api/v1/ha/state"}) {
            JsonNode ha = ok(path);
            assertThat(ha.path("enabled").asBoolean()).isTrue();
            assertThat(ha.path("groupId").asInt()).isEqualTo(1);
            assertThat(ha.path("local").path("state").asText()).isEqualTo("active");
            assertThat(ha.path("local").path("priority").asInt()).isEqualTo(50);
            assertThat(ha.path("local").path("preemptive").asBoolean()).isTrue();
            assertThat(ha.path("local").path("timers").path("promotionHoldMs").asLong())
                    .isEqualTo(500);
            assertThat(ha.path("local").path("links").get(0).path("name").asText())
                    .isEqualTo("ha1");
            assertThat(ha.path("peers").get(0).path("state").asText()).isEqualTo("passive");
            assertThat(ha.path("runningConfigSync").asText()).isEqualTo("synchronized");
        }
    }

    @Test
    void haDetails() {
        assertThat(ok("/api/v1/ha/transitions").get(2).path("to").asText()).isEqualTo("active");
        assertThat(ok("/api/v1/ha/flap-statistics").path("flapMax").asInt()).isEqualTo(3);
        JsonNode sync = ok("/api/v1/ha/state-synchronization");
        assertThat(sync.path("bulkSync").asText()).isEqualTo("complete");
        assertThat(sync.path("queueDepth").asLong()).isEqualTo(3);
        JsonNode links = ok("/api/v1/ha/link-monitoring");
        assertThat(links.path("groups").get(0).path("name").asText()).isEqualTo("wire-links");
        assertThat(links.path("groups")
                        .get(0)
                        .path("members")
                        .get(1)
                        .path("interfaceName")
                        .asText())
                .isEqualTo("ethernet1/2");
        JsonNode paths = ok("/api/v1/ha/path-monitoring");
        assertThat(paths.path("groups")
                        .get(0)
                        .path("destinations")
                        .get(0)
                        .path("address")
                        .asText())
                .isEqualTo("198.18.0.1");
    }

    @Test
    void suspendThenFunctional() {
        HttpResponse<String> r = node.send("POST", "/api/v1/ha/suspend", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(node.json(r).path("ok").asBoolean()).isTrue();
        JsonNode local = ok("/api/v1/ha").path("local");
        assertThat(local.path("state").asText()).isEqualTo("suspended");
        assertThat(local.path("stateReason").asText()).isEqualTo("User requested");

        HttpResponse<String> again = node.send("POST", "/api/v1/ha/suspend", null, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(node.json(again).path("ok").asBoolean()).isFalse();

        HttpResponse<String> functional = node.send("POST", "/api/v1/ha/functional", null, null);
        assertThat(functional.statusCode()).isEqualTo(200);
        assertThat(ok("/api/v1/ha/state").path("local").path("state").asText()).isEqualTo("passive");
    }

    @Test
    void syncToRemote() {
        HttpResponse<String> r = node.send("POST", "/api/v1/ha/sync-to-remote/running-config", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(node.json(r).path("message").asText()).contains("synchronized");
        node.ops.setPeer("unknown", "down");
        HttpResponse<String> refused = node.send("POST", "/api/v1/ha/sync-to-remote/running-config", null, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(node.json(refused).path("ok").asBoolean()).isFalse();
    }

    @Test
    void sessionsWithFiltersAndLimit() {
        assertThat(ok("/api/v1/sessions")).hasSize(5);
        assertThat(ok("/api/v1/sessions?limit=2")).hasSize(2);
        JsonNode udp = ok("/api/v1/sessions?protocol=17");
        assertThat(udp).hasSize(1);
        assertThat(udp.get(0).path("application").asText()).isEqualTo("dns");
        assertThat(ok("/api/v1/sessions?from=untrust&state=discard")).hasSize(1);
        assertThat(ok("/api/v1/sessions?destination-port=443&source=198.18.1.10")
                        .get(0)
                        .path("id")
                        .asLong())
                .isEqualTo(4101);
    }

    @Test
    void sessionByIdAndInfo() {
        JsonNode s = ok("/api/v1/sessions/4103");
        assertThat(s.path("summary").path("flag").asText()).isEqualTo("NS");
        assertThat(s.path("natRule").asText()).isEqualTo("outbound-snat");
        assertThat(s.path("updatedByHaPeer").asBoolean()).isTrue();
        HttpResponse<String> missing = node.get("/api/v1/sessions/999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(node.json(missing).path("error").asText()).contains("999999");
        JsonNode info = ok("/api/v1/sessions/info");
        assertThat(info.path("activeTcp").asLong()).isEqualTo(3);
        assertThat(info.path("timeoutsS").path("tcp").asInt()).isEqualTo(3600);
        assertThat(info.path("tcpRejectNonSyn").asBoolean()).isTrue();
    }

    @Test
    void countersWithFilter() {
        assertThat(ok("/api/v1/counters").size()).isGreaterThan(5);
        JsonNode drops = ok("/api/v1/counters?severity=drop");
        assertThat(drops)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("severity").asText()).isEqualTo("drop"));
        assertThat(ok("/api/v1/counters?name=pkt_recv").get(0).path("value").asLong())
                .isEqualTo(1_204_331);
    }

    @Test
    void securityPolicyMatch() {
        JsonNode r = ok("/api/v1/test/security-policy-match?from=trust&to=untrust&source=198.18.1.10"
                + "&destination=198.19.0.80&protocol=6&destination-port=443");
        assertThat(r.path("rule").asText()).isEqualTo("allow-outbound");
        assertThat(r.path("action").asText()).isEqualTo("allow");
        assertThat(r.path("index").asInt()).isEqualTo(1);
        JsonNode in = ok("/api/v1/test/security-policy-match?from=untrust&to=trust&source=198.19.0.80"
                + "&destination=198.18.1.10&protocol=6&destination-port=22");
        assertThat(in.path("rule").asText()).isEqualTo("deny-inbound");
        assertThat(in.path("action").asText()).isEqualTo("drop");
    }

    @Test
    void openApiIsPublic() {
        HttpResponse<String> r =
                node.send(node.request("/api/v1/openapi.json").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(node.json(r).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void unknownRouteIsJson404() {
        HttpResponse<String> r = node.get("/api/v1/no-such-thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(node.json(r).path("error").asText()).contains("/api/v1/no-such-thing");
    }

    @Test
    void dashboardIsServed() {
        HttpResponse<String> r = node.send(node.request("/").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<title>Palisade");
    }
}

package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.mgmt.testing.RunningNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document served describes exactly the routes Javalin registered, and its references resolve. */
class OpenApiRoutesTest {
    @TempDir
    Path dir;

    @Test
    void documentAndRegisteredRoutesAreTheSameSet() {
        try (RunningNode node = RunningNode.start(dir)) {
            JsonNode doc = node.json(
                    node.send(node.request("/api/v1/openapi.json").GET().build()));
            Set<String> documented = new HashSet<>();
            doc.path("paths")
                    .properties()
                    .forEach(path -> path.getValue()
                            .properties()
                            .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
            Set<String> registered = new HashSet<>(node.server.registeredRoutes());
            assertThat(registered).hasSizeGreaterThanOrEqualTo(30);
            assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
        }
    }

    @Test
    void everyReferenceResolvesAndEveryOperationIsComplete() {
        try (RunningNode node = RunningNode.start(dir)) {
            JsonNode doc = node.json(
                    node.send(node.request("/api/v1/openapi.json").GET().build()));
            JsonNode schemas = doc.path("components").path("schemas");
            assertThat(schemas.has("HaStatusLocalHa")).isTrue();
            assertThat(schemas.has("LinkMonitoringStatusGroup")).isTrue();
            assertThat(schemas.has("PathMonitoringStatusGroup")).isTrue();
            doc.findValues("$ref").forEach(ref -> {
                String name = ref.asText().substring("#/components/schemas/".length());
                assertThat(schemas.has(name)).as(ref.asText()).isTrue();
            });
            Set<String> operationIds = new HashSet<>();
            doc.path("paths")
                    .properties()
                    .forEach(path -> path.getValue().properties().forEach(op -> {
                        assertThat(operationIds.add(
                                        op.getValue().path("operationId").asText()))
                                .isTrue();
                        assertThat(op.getValue().path("responses").has("200")).isTrue();
                        assertThat(op.getValue().path("summary").asText()).isNotBlank();
                    }));
            JsonNode sessionParams =
                    doc.path("paths").path("/api/v1/sessions/{id}").path("get").path("parameters");
            assertThat(sessionParams.get(0).path("in").asText()).isEqualTo("path");
            assertThat(doc.path("paths").path("/api/v1/health").path("get").path("security"))
                    .isEmpty();
        }
    }
}

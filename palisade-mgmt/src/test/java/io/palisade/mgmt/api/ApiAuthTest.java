package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.palisade.mgmt.testing.RunningNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every route of the table refuses a missing or wrong key with 401 JSON, and no log line carries a key. */
class ApiAuthTest {
    private static final String WRONG_KEY = "wrong-key-SECRET-4242";

    @TempDir
    Path dir;

    RunningNode node;
    ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        node = RunningNode.start(dir);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(ApiKeyGuard.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ApiKeyGuard.class)).detachAppender(logs);
        node.close();
    }

    private static String concrete(String path) {
        return path.replace("{id}", "4101");
    }

    private HttpResponse<String> call(ApiRoute route, String key) {
        HttpRequest.Builder b = node.request(concrete(route.path()));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return node.send(b.method(route.method().name(), HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void everyProtectedRouteRefusesMissingAndWrongKeys() {
        List<ApiRoute> protectedRoutes = node.server.routes().stream()
                .filter(r -> r.access() != ApiRoute.Access.PUBLIC)
                .toList();
        assertThat(protectedRoutes).hasSizeGreaterThan(25);
        for (ApiRoute route : protectedRoutes) {
            for (String key : new String[] {null, WRONG_KEY}) {
                HttpResponse<String> r = call(route, key);
                String what = route.method() + " " + route.path() + " key=" + key;
                assertThat(r.statusCode()).as(what).isEqualTo(401);
                assertThat(node.json(r).path("error").asText())
                        .as(what)
                        .contains(key == null ? "missing API key" : "wrong API key");
                assertThat(r.body()).doesNotContain(WRONG_KEY);
            }
        }
        // Nothing ran: the refused suspend did not suspend.
        assertThat(node.ops.haStatus().local().state()).isEqualTo("active");
    }

    @Test
    void publicRoutesAnswerWithoutKey() {
        node.server.routes().stream()
                .filter(r -> r.access() == ApiRoute.Access.PUBLIC)
                .forEach(
                        r -> assertThat(call(r, null).statusCode()).as(r.path()).isEqualTo(200));
    }

    @Test
    void queryKeyIsAcceptedOnlyForEvents() {
        HttpResponse<String> viaQuery = node.send(
                node.request("/api/v1/system?key=" + RunningNode.KEY).GET().build());
        assertThat(viaQuery.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongOnEvents =
                node.send(node.request("/api/v1/events?key=" + WRONG_KEY).GET().build());
        assertThat(wrongOnEvents.statusCode()).isEqualTo(401);
    }

    @Test
    void refusalsAreLoggedWithoutTheKey() {
        node.send(
                node.request("/api/v1/ha").header("X-API-Key", WRONG_KEY).GET().build());
        node.send(node.request("/api/v1/events?key=" + WRONG_KEY).GET().build());
        node.send(node.request("/api/v1/system").GET().build());
        List<String> lines =
                logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("refused GET /api/v1/ha", "wrong API key");
        assertThat(lines.get(1)).contains("/api/v1/events", "wrong API key");
        assertThat(lines.get(2)).contains("missing API key");
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(WRONG_KEY));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(RunningNode.KEY));
    }

    @Test
    void metricsNeedTheKey() {
        assertThat(node.send(node.request("/metrics").GET().build()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> r = node.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    }
}

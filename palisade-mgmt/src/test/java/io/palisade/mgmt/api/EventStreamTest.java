package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.mgmt.testing.RunningNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-sent events: a snapshot on connect, ops events as they happen, periodic snapshots. */
class EventStreamTest {
    @TempDir
    Path dir;

    RunningNode node;
    final ObjectMapper json = ApiJson.mapper();

    @BeforeEach
    void start() {
        node = RunningNode.start(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** One parsed event: its name and JSON data. */
    record Event(String name, JsonNode data) {}

    /** Reads the stream on a virtual thread into a queue; lines are "event: x", "data: {...}", "". */
    private BlockingQueue<Event> connect(String query) throws Exception {
        return connect(query, null);
    }

    private BlockingQueue<Event> connect(String query, String headerKey) throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = node.client()
                .send(
                        node.request("/api/v1/events" + query)
                                .header("Accept", "text/event-stream")
                                .header("X-API-Key", headerKey == null ? "" : headerKey)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread.ofVirtual().start(() -> {
            String name = null;
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        events.add(
                                new Event(name, json.readTree(line.substring(5).strip())));
                    }
                }
            } catch (Exception e) {
                // the server closed the stream at the end of the test
            }
        });
        return events;
    }

    private static Event next(BlockingQueue<Event> events, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.name().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " event within 5 s");
    }

    @Test
    void snapshotThenStateChangeThenPeriodicSnapshot() throws Exception {
        BlockingQueue<Event> events = connect("?key=" + RunningNode.KEY);
        Event first = next(events, "snapshot");
        assertThat(first.data().path("type").asText()).isEqualTo("snapshot");
        assertThat(first.data().path("ha").path("local").path("state").asText()).isEqualTo("active");
        assertThat(first.data().path("system").path("hostname").asText()).isEqualTo("fw-a");
        assertThat(first.data().path("transitions")).hasSize(3);

        assertThat(node.send("POST", "/api/v1/ha/suspend", null, null).statusCode())
                .isEqualTo(200);
        Event change = next(events, "ha-state-changed");
        assertThat(change.data().path("from").asText()).isEqualTo("active");
        assertThat(change.data().path("to").asText()).isEqualTo("suspended");
        assertThat(change.data().path("reason").asText()).isEqualTo("User requested");

        Event later = next(events, "snapshot");
        assertThat(later.data().path("ha").path("local").path("state").asText()).isEqualTo("suspended");
    }

    @Test
    void commitsAndMonitorChangesAreStreamed() throws Exception {
        BlockingQueue<Event> events = connect("?key=" + RunningNode.KEY);
        next(events, "snapshot");
        node.send("POST", "/api/v1/config/commit", "{\"description\":\"same\"}", "application/json");
        assertThat(next(events, "committed").data().path("version").asLong()).isEqualTo(2);
        node.ops.setInterface("ethernet1/2", "down");
        Event monitor = next(events, "monitor-changed");
        assertThat(monitor.data().path("name").asText()).isEqualTo("ethernet1/2");
        assertThat(monitor.data().path("up").asBoolean()).isFalse();
    }

    @Test
    void headerKeyWorksToo() throws Exception {
        BlockingQueue<Event> events = connect("", RunningNode.KEY);
        assertThat(next(events, "snapshot").data().path("ha").path("enabled").asBoolean())
                .isTrue();
    }
}

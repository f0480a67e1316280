package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import io.palisade.lab.LabNodeStatus;
import io.palisade.lab.LabState;
import io.palisade.testkit.netns.RequiresNetns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code lab up|status|fail|down} as separate commands would run them: each step builds a fresh
 * {@link LabControl} that knows the lab only through its state file. A link fault moves the active role, a second
 * lab is refused while one is recorded, and {@code down} leaves no namespace or process behind.
 */
@RequiresNetns
class LabControlNetnsIT {
    @Test
    void aRecordedLabIsControlledThroughItsStateFileAndRemovedWithoutTrace() throws Exception {
        Path stateFile = LabDirs.create("control").resolve("lab.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new LabControl(stateFile, new PrintStream(printed, true, StandardCharsets.UTF_8)).up("l3", "advanced");
        LabState recorded = LabState.load(stateFile).orElseThrow();
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("fw-a pid")
                    .contains("dashboard: http://127.0.0.1:")
                    .contains("ip netns exec " + recorded.prefix() + "fwa");
            assertThat(awaitStates(stateFile, List.of("active", "passive"))).isTrue();
            reachableFromTheHost(control(stateFile).status());
            assertThatThrownBy(() -> control(stateFile).up("l3", "advanced"))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("already up");

            assertThat(control(stateFile).fail("link-down", null)).isEqualTo("link-down on fw-a");
            assertThat(awaitStates(stateFile, List.of("non-functional", "active")))
                    .isTrue();
        } finally {
            control(stateFile).down();
        }
        assertThat(Files.exists(stateFile)).isFalse();
        assertThat(Shell.run("ip", "netns", "list").stdout()).doesNotContain(recorded.prefix());
        for (LabState.NodeEntry n : recorded.nodes()) {
            assertThat(ProcessHandle.of(n.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .as(n.name() + " stopped")
                    .isFalse();
        }
        for (long helper : recorded.helpers()) {
            assertThat(ProcessHandle.of(helper).map(ProcessHandle::isAlive).orElse(false))
                    .as("helper " + helper + " (echo server, API relay) stopped")
                    .isFalse();
        }
        assertThatThrownBy(() -> control(stateFile).status())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no lab is up");
    }

    /**
     * Each node's API, which listens inside its namespace, answers this JVM (root namespace) on the host URL that
     * status shows, through the lab's relay, with the node's own key check in force.
     */
    private static void reachableFromTheHost(List<LabNodeStatus> nodes) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        for (LabNodeStatus n : nodes) {
            assertThat(n.api()).startsWith("http://127.0.0.1:");
            HttpResponse<String> withKey = http.send(
                    HttpRequest.newBuilder(URI.create(n.api() + "/api/v1/ha"))
                            .header("X-API-Key", n.apiKey())
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withKey.statusCode()).as(n.name() + " " + withKey.body()).isEqualTo(200);
            assertThat(withKey.body()).contains("\"state\":\"" + n.state() + "\"");
            HttpResponse<String> withoutKey = http.send(
                    HttpRequest.newBuilder(URI.create(n.api() + "/api/v1/ha"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withoutKey.statusCode()).isEqualTo(401);
            assertThat(firstEventLine(http, n)).isEqualTo("event: snapshot");
        }
    }

    /** The dashboard's live updates stream through the relay: the first line of the server-sent events. */
    private static String firstEventLine(HttpClient http, LabNodeStatus n) throws Exception {
        HttpResponse<Stream<String>> events = http.send(
                HttpRequest.newBuilder(URI.create(n.api() + "/api/v1/events?key=" + n.apiKey()))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = events.body()) {
            return CompletableFuture.supplyAsync(() -> lines.findFirst().orElse("(stream ended)"))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static LabControl control(Path stateFile) {
        return new LabControl(stateFile, System.out);
    }

    /** Waits up to 10 s for fw-a and fw-b to report {@code states}. */
    private static boolean awaitStates(Path stateFile, List<String> states) {
        for (int i = 0; i < 100; i++) {
            List<String> now = control(stateFile).status().stream()
                    .map(LabNodeStatus::state)
                    .toList();
            if (now.equals(states)) {
                return true;
            }
            NetnsLab.sleep(100);
        }
        return false;
    }
}

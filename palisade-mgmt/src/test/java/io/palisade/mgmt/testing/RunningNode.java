package io.palisade.mgmt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.config.model.HostPort;
import io.palisade.mgmt.ManagementServer;
import io.palisade.mgmt.api.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A management server on a free loopback port over a {@link ScriptedOps}, with a small HTTP client for tests. */
public final class RunningNode implements AutoCloseable {
    public static final String KEY = "test-api-key-0123456789";

    public final ScriptedOps ops;
    public final ManagementServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = ApiJson.mapper();

    private RunningNode(ScriptedOps ops, ManagementServer server) {
        this.ops = ops;
        this.server = server;
    }

    public static RunningNode start(Path storeDir) {
        return start(storeDir, s -> s);
    }

    /** Starts a node whose settings the caller may change (body limit, snapshot interval, TLS). */
    public static RunningNode start(Path storeDir, UnaryOperator<ManagementServer.Settings> settings) {
        ScriptedOps ops = ScriptedOps.bootFwA(storeDir, System::currentTimeMillis);
        ManagementServer.Settings base = ManagementServer.Settings.of(HostPort.parse("127.0.0.1:0"), KEY)
                .withSnapshotInterval(Duration.ofMillis(500));
        ManagementServer server = new ManagementServer(ops, settings.apply(base)).start();
        return new RunningNode(ops, server);
    }

    public String url() {
        return server.baseUri().toString();
    }

    public URI uri(String path) {
        return URI.create(url() + path);
    }

    /** GET with the right key. */
    public HttpResponse<String> get(String path) {
        return send(request(path).header("X-API-Key", KEY).GET().build());
    }

    /** Any method with the right key and a body (null for none). */
    public HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = request(path).header("X-API-Key", KEY);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return http;
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.palisade.mgmt.shell;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import io.palisade.mgmt.api.ApiBodies.CandidateChanged;
import io.palisade.mgmt.api.ApiBodies.ConfigDiff;
import io.palisade.mgmt.api.ApiBodies.ErrorBody;
import io.palisade.mgmt.api.ApiBodies.ValidateResult;
import io.palisade.mgmt.api.ApiJson;
import io.palisade.mgmt.api.ApiKeyGuard;
import io.palisade.ops.CommandResult;
import io.palisade.ops.CommitResult;
import io.palisade.ops.ConfigText;
import io.palisade.ops.CounterValue;
import io.palisade.ops.FlapStatistics;
import io.palisade.ops.HaStatus;
import io.palisade.ops.HaTransition;
import io.palisade.ops.LabFault;
import io.palisade.ops.LabFaultRequest;
import io.palisade.ops.LinkMonitoringStatus;
import io.palisade.ops.PathMonitoringStatus;
import io.palisade.ops.PolicyMatchResult;
import io.palisade.ops.SessionDetail;
import io.palisade.ops.SessionInfo;
import io.palisade.ops.SessionSummary;
import io.palisade.ops.StateSyncStatus;
import io.palisade.ops.SystemInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A client of the management REST API (java.net.http), answering ops records. Every failure is an
 * {@link ApiFailure} carrying the node's message and problems.
 */
public final class NodeClient {
    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final ObjectMapper json = ApiJson.mapper();

    public NodeClient(String nodeUrl, String apiKey) {
        String url = nodeUrl.endsWith("/") ? nodeUrl.substring(0, nodeUrl.length() - 1) : nodeUrl;
        this.base = URI.create(url);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public URI base() {
        return base;
    }

    public SystemInfo systemInfo() {
        return get("/api/v1/system", SystemInfo.class);
    }

    public HaStatus haStatus() {
        return get("/api/v1/ha", HaStatus.class);
    }

    public List<HaTransition> haTransitions() {
        return get("/api/v1/ha/transitions", new TypeReference<>() {});
    }

    public FlapStatistics haFlapStatistics() {
        return get("/api/v1/ha/flap-statistics", FlapStatistics.class);
    }

    public StateSyncStatus haStateSynchronization() {
        return get("/api/v1/ha/state-synchronization", StateSyncStatus.class);
    }

    public LinkMonitoringStatus haLinkMonitoring() {
        return get("/api/v1/ha/link-monitoring", LinkMonitoringStatus.class);
    }

    public PathMonitoringStatus haPathMonitoring() {
        return get("/api/v1/ha/path-monitoring", PathMonitoringStatus.class);
    }

    public CommandResult haSuspend() {
        return command("/api/v1/ha/suspend");
    }

    public CommandResult haFunctional() {
        return command("/api/v1/ha/functional");
    }

    public CommandResult haSyncToRemoteRunningConfig() {
        return command("/api/v1/ha/sync-to-remote/running-config");
    }

    /** A refused command (409) answers the same body with {@code ok=false}; it is returned, not thrown. */
    private CommandResult command(String path) {
        HttpResponse<String> r =
                send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() == 409) {
            return read(r.body(), json.constructType(CommandResult.class));
        }
        return answer(r, json.constructType(CommandResult.class));
    }

    /** {@code show session all}: query parameters by PAN-OS filter name ({@code source}, {@code from}, ...). */
    public List<SessionSummary> sessions(Map<String, String> filter, int limit) {
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("limit", Integer.toString(limit));
        return get("/api/v1/sessions" + query(query), new TypeReference<>() {});
    }

    public SessionDetail session(long id) {
        return get("/api/v1/sessions/" + id, SessionDetail.class);
    }

    public SessionInfo sessionInfo() {
        return get("/api/v1/sessions/info", SessionInfo.class);
    }

    public List<CounterValue> counters(Map<String, String> filter) {
        return get("/api/v1/counters" + query(filter), new TypeReference<>() {});
    }

    public PolicyMatchResult securityPolicyMatch(Map<String, String> query) {
        return get("/api/v1/test/security-policy-match" + query(query), PolicyMatchResult.class);
    }

    public ConfigText runningConfig() {
        return get("/api/v1/config/running", ConfigText.class);
    }

    public ConfigText candidateConfig() {
        return get("/api/v1/config/candidate", ConfigText.class);
    }

    /** Sets ({@code yamlValue} YAML text) or deletes ({@code null}) one candidate value. */
    public ConfigText setCandidateValue(String path, String yamlValue) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("value", yamlValue);
        return send("PATCH", "/api/v1/config/candidate", body, CandidateChanged.class)
                .candidate();
    }

    public ConfigText replaceCandidate(String yaml) {
        HttpRequest req = request("/api/v1/config/candidate")
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build();
        CandidateChanged changed = answer(send(req), json.constructType(CandidateChanged.class));
        return changed.candidate();
    }

    public ValidateResult validate() {
        return send("POST", "/api/v1/config/validate", null, ValidateResult.class);
    }

    public CommitResult commit(String description) {
        return send(
                "POST",
                "/api/v1/config/commit",
                Map.of("description", description, "source", "cli"),
                CommitResult.class);
    }

    public CommandResult revert() {
        return send("POST", "/api/v1/config/revert", null, CommandResult.class);
    }

    public List<VersionInfo> configHistory() {
        return get("/api/v1/config/history", new TypeReference<>() {});
    }

    public CommitResult rollback(long version) {
        return send("POST", "/api/v1/config/rollback", Map.of("version", version), CommitResult.class);
    }

    /** Line diff; {@code from}/{@code to} null for the defaults (running against candidate). */
    public ConfigDiff diff(Long from, Long to) {
        Map<String, String> q = new LinkedHashMap<>();
        if (from != null) {
            q.put("from", from.toString());
        }
        if (to != null) {
            q.put("to", to.toString());
        }
        return get("/api/v1/config/diff" + query(q), ConfigDiff.class);
    }

    /** LAB / FAULT INJECTION: the node's fault switches. */
    public List<LabFault> labFaults() {
        return get("/api/v1/lab/faults", new TypeReference<List<LabFault>>() {});
    }

    /**
     * LAB / FAULT INJECTION: turns one switch on or off. A refusal (409) is returned with {@code ok=false}; bad
     * input (400) is an {@link ApiFailure}.
     */
    public CommandResult setLabFault(String fault, String target, boolean on) {
        String body;
        try {
            body = json.writeValueAsString(new LabFaultRequest(fault, target, on));
        } catch (IOException e) {
            throw new ApiFailure(0, "cannot encode the request: " + e.getMessage(), List.of());
        }
        HttpResponse<String> r = send(request("/api/v1/lab/faults")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (r.statusCode() == 409) {
            return read(r.body(), json.constructType(CommandResult.class));
        }
        return answer(r, json.constructType(CommandResult.class));
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T get(String path, Class<T> type) {
        return answer(send(request(path).GET().build()), json.constructType(type));
    }

    private <T> T get(String path, TypeReference<T> type) {
        return answer(send(request(path).GET().build()), json.constructType(type));
    }

    private <T> T send(String method, String path, Object body, Class<T> type) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new ApiFailure(0, "cannot encode the request: " + e.getMessage(), List.of());
        }
        HttpRequest req = request(path)
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        return answer(send(req), json.constructType(type));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header(ApiKeyGuard.HEADER, apiKey)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiFailure(
                    0,
                    "cannot reach " + base + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "interrupted", List.of());
        }
    }

    private <T> T answer(HttpResponse<String> r, JavaType type) {
        if (r.statusCode() / 100 != 2) {
            ErrorBody error;
            try {
                error = json.readValue(r.body(), ErrorBody.class);
            } catch (IOException e) {
                error = new ErrorBody("HTTP " + r.statusCode());
            }
            List<Problem> problems = error.problems() == null ? List.of() : error.problems();
            throw new ApiFailure(
                    r.statusCode(), error.error() == null ? "HTTP " + r.statusCode() : error.error(), problems);
        }
        return read(r.body(), type);
    }

    private <T> T read(String body, JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ApiFailure(0, "the node's answer could not be read: " + e.getMessage(), List.of());
        }
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package io.palisade.mgmt.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.palisade.config.validate.Problem;
import io.palisade.mgmt.api.ApiBodies.CandidateChanged;
import io.palisade.mgmt.api.ApiBodies.CommitRequest;
import io.palisade.mgmt.api.ApiBodies.ConfigDiff;
import io.palisade.mgmt.api.ApiBodies.ErrorBody;
import io.palisade.mgmt.api.ApiBodies.RollbackRequest;
import io.palisade.mgmt.api.ApiBodies.SetValueRequest;
import io.palisade.mgmt.api.ApiBodies.ValidateResult;
import io.palisade.ops.CommandResult;
import io.palisade.ops.CommitResult;
import io.palisade.ops.CounterValue;
import io.palisade.ops.LabFault;
import io.palisade.ops.LabFaultRequest;
import io.palisade.ops.OpsService;
import io.palisade.ops.PolicyMatchQuery;
import io.palisade.ops.SessionFilter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The handlers behind the route table: parse the request, ask the {@link OpsService}, answer JSON. */
final class ApiHandlers {
    /** Default and largest {@code limit} of a session listing. */
    static final int DEFAULT_SESSION_LIMIT = 1000;

    static final int MAX_SESSION_LIMIT = 100_000;

    private static final Set<String> COMMIT_SOURCES = Set.of("api", "cli", "web");

    private final OpsService ops;
    private final ObjectMapper json;

    ApiHandlers(OpsService ops, ObjectMapper json) {
        this.ops = ops;
        this.json = json;
    }

    // ------------------------------------------------------------------ system and HA

    void systemInfo(Context ctx) {
        ctx.json(ops.systemInfo());
    }

    void haAll(Context ctx) {
        ctx.json(ops.haStatus());
    }

    void haTransitions(Context ctx) {
        ctx.json(ops.haTransitions());
    }

    void haFlapStatistics(Context ctx) {
        ctx.json(ops.haFlapStatistics());
    }

    void haStateSynchronization(Context ctx) {
        ctx.json(ops.haStateSynchronization());
    }

    void haLinkMonitoring(Context ctx) {
        ctx.json(ops.haStatus().linkMonitoring());
    }

    void haPathMonitoring(Context ctx) {
        ctx.json(ops.haStatus().pathMonitoring());
    }

    void haSuspend(Context ctx) {
        answer(ctx, ops.haSuspend());
    }

    void haFunctional(Context ctx) {
        answer(ctx, ops.haFunctional());
    }

    void haSyncToRemote(Context ctx) {
        answer(ctx, ops.haSyncToRemoteRunningConfig());
    }

    /** A refused request is a conflict with the node's state, not bad input: 409 with the same body. */
    private static void answer(Context ctx, CommandResult result) {
        ctx.status(result.ok() ? HttpStatus.OK : HttpStatus.CONFLICT).json(result);
    }

    // ------------------------------------------------------------------ sessions, counters, policy

    void sessions(Context ctx) {
        QueryReader q = new QueryReader(ctx);
        SessionFilter filter = new SessionFilter(
                q.string("source"),
                q.string("destination"),
                q.integer("source-port", 0, 65535),
                q.integer("destination-port", 0, 65535),
                q.integer("protocol", 0, 255),
                q.string("from"),
                q.string("to"),
                q.string("application"),
                q.string("rule"),
                upper(q.string("state")));
        Integer limit = q.integer("limit", 1, MAX_SESSION_LIMIT);
        q.check();
        ctx.json(ops.sessions(filter, limit == null ? DEFAULT_SESSION_LIMIT : limit));
    }

    void sessionInfo(Context ctx) {
        ctx.json(ops.sessionInfo());
    }

    void session(Context ctx) {
        String text = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw BadRequest.at("id", "'" + text + "' is not a session id");
        }
        ops.session(id)
                .ifPresentOrElse(
                        ctx::json,
                        () -> ctx.status(HttpStatus.NOT_FOUND).json(new ErrorBody("no session with id " + id)));
    }

    void counters(Context ctx) {
        QueryReader q = new QueryReader(ctx);
        String severity = q.string("severity");
        String category = q.string("category");
        String name = q.string("name");
        q.check();
        List<CounterValue> all = ops.globalCounters();
        ctx.json(all.stream()
                .filter(c -> severity == null || c.severity().equalsIgnoreCase(severity))
                .filter(c -> category == null || c.category().equalsIgnoreCase(category))
                .filter(c -> name == null || c.name().contains(name))
                .toList());
    }

    void securityPolicyMatch(Context ctx) {
        QueryReader q = new QueryReader(ctx);
        PolicyMatchQuery query = new PolicyMatchQuery(
                q.requiredString("from"),
                q.requiredString("to"),
                q.requiredString("source"),
                q.requiredString("destination"),
                q.requiredInteger("protocol", 0, 255),
                q.requiredInteger("destination-port", 0, 65535),
                q.string("application"),
                q.string("source-user"));
        q.check();
        ctx.json(ops.testSecurityPolicyMatch(query));
    }

    // ------------------------------------------------------------------ configuration

    void runningConfig(Context ctx) {
        ctx.json(ops.runningConfig());
    }

    void candidateConfig(Context ctx) {
        ctx.json(ops.candidateConfig());
    }

    void replaceCandidate(Context ctx) {
        String yaml = ctx.body();
        if (yaml.isBlank()) {
            throw BadRequest.at("", "the body must be the YAML configuration");
        }
        candidateAnswer(ctx, ops.replaceCandidate(yaml), "the configuration was refused");
    }

    void setCandidateValue(Context ctx) {
        SetValueRequest request = readJson(ctx, SetValueRequest.class);
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw BadRequest.at("path", "is required");
        }
        candidateAnswer(
                ctx, ops.setCandidateValue(request.path().strip(), yamlOf(request.value())), "the change was refused");
    }

    private void candidateAnswer(Context ctx, List<Problem> problems, String refusal) {
        if (!problems.isEmpty()) {
            throw new BadRequest(refusal, problems);
        }
        ctx.json(new CandidateChanged(ops.candidateConfig()));
    }

    /** A JSON string is YAML text already; other JSON values are valid YAML flow text as they are. */
    private String yamlOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw BadRequest.at("value", "cannot be written as YAML");
        }
    }

    void validateCandidate(Context ctx) {
        List<Problem> problems = ops.validateCandidate();
        ctx.json(new ValidateResult(problems.isEmpty(), problems));
    }

    void commit(Context ctx) {
        CommitRequest request = ctx.body().isBlank() ? null : readJson(ctx, CommitRequest.class);
        String description = request == null || request.description() == null ? "" : request.description();
        String source = request == null || request.source() == null ? "api" : request.source();
        if (!COMMIT_SOURCES.contains(source)) {
            throw BadRequest.at(
                    "source",
                    "must be one of " + COMMIT_SOURCES.stream().sorted().toList());
        }
        commitAnswer(ctx, ops.commit(description, source), "commit refused");
    }

    void revertCandidate(Context ctx) {
        ops.revertCandidate();
        ctx.json(new CommandResult(true, "candidate configuration reverted to the running configuration"));
    }

    void configHistory(Context ctx) {
        ctx.json(ops.configHistory());
    }

    void rollback(Context ctx) {
        RollbackRequest request = readJson(ctx, RollbackRequest.class);
        if (request == null || request.version() == null || request.version() < 1) {
            throw BadRequest.at("version", "a committed version (1 or more) is required");
        }
        commitAnswer(ctx, ops.rollback(request.version()), "rollback refused");
    }

    private static void commitAnswer(Context ctx, CommitResult result, String refusal) {
        if (!result.ok()) {
            throw new BadRequest(refusal, result.problems());
        }
        ctx.json(result);
    }

    void configDiff(Context ctx) {
        QueryReader q = new QueryReader(ctx);
        Long from = q.longValue("from", 0, Long.MAX_VALUE);
        Long to = q.longValue("to", 0, Long.MAX_VALUE);
        q.check();
        long fromVersion = from != null ? from : ops.runningConfig().version();
        long toVersion = to != null ? to : 0;
        ctx.json(new ConfigDiff(fromVersion, toVersion, ops.configDiff(fromVersion, toVersion)));
    }

    // ------------------------------------------------------------------ lab fault injection

    void labFaults(Context ctx) {
        ctx.json(ops.labFaults());
    }

    void setLabFault(Context ctx) {
        LabFaultRequest request = readJson(ctx, LabFaultRequest.class);
        if (request == null || request.fault() == null || !LabFault.FAULTS.contains(request.fault())) {
            throw BadRequest.at("fault", "must be one of " + LabFault.FAULTS);
        }
        if (request.target() == null || request.target().isBlank()) {
            throw BadRequest.at("target", "is required (a link name, all, an interface or an address)");
        }
        answer(ctx, ops.setLabFault(request));
    }

    // ------------------------------------------------------------------ helpers

    private <T> T readJson(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            int line = location == null ? 0 : Math.max(0, location.getLineNr());
            int column = location == null ? 0 : Math.max(0, location.getColumnNr());
            String message = "the body is not valid JSON for this request: " + e.getOriginalMessage();
            throw new BadRequest(message, List.of(new Problem("", line, column, message)));
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}

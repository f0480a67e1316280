package io.palisade.mgmt.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static io.palisade.mgmt.api.ApiRoute.route;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Handler;
import io.palisade.config.store.VersionInfo;
import io.palisade.mgmt.api.ApiBodies.CandidateChanged;
import io.palisade.mgmt.api.ApiBodies.CommitRequest;
import io.palisade.mgmt.api.ApiBodies.ConfigDiff;
import io.palisade.mgmt.api.ApiBodies.Health;
import io.palisade.mgmt.api.ApiBodies.RollbackRequest;
import io.palisade.mgmt.api.ApiBodies.SetValueRequest;
import io.palisade.mgmt.api.ApiBodies.ValidateResult;
import io.palisade.mgmt.api.ApiRoute.Access;
import io.palisade.mgmt.api.ApiRoute.Body;
import io.palisade.mgmt.api.ApiRoute.Param;
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
import java.lang.reflect.Type;
import java.util.List;

/**
 * The route table of the management server, in one place: {@link io.palisade.mgmt.ManagementServer} registers
 * exactly these routes and {@link OpenApiDocument} describes exactly these routes.
 */
public final class ApiRoutes {
    /** Prefix of every API route. */
    public static final String API = "/api/v1";

    /** The Prometheus scrape path. */
    public static final String METRICS = "/metrics";

    private ApiRoutes() {}

    /** The handlers that do not come from {@link ApiHandlers}: they live in the server. */
    record ServerHandlers(Handler health, Handler openApi, Handler events, Handler metrics) {}

    static List<ApiRoute> table(ApiHandlers h, ServerHandlers s) {
        return List.of(
                route(GET, API + "/health", "getHealth")
                        .tag("meta")
                        .summary("Liveness of the management server (no key needed)")
                        .access(Access.PUBLIC)
                        .returnsJson(Health.class, "always {\"status\":\"ok\"}")
                        .handle(s.health()),
                route(GET, API + "/openapi.json", "getOpenApi")
                        .tag("meta")
                        .summary("This document (no key needed)")
                        .access(Access.PUBLIC)
                        .returnsJson(Object.class, "OpenAPI 3 description of the API")
                        .handle(s.openApi()),
                route(GET, API + "/events", "getEvents")
                        .tag("meta")
                        .summary("Server-sent events: snapshot, ha-state-changed, peer-changed, committed, "
                                + "monitor-changed, sync-changed. The key may be given as ?key= here only "
                                + "(EventSource cannot send headers).")
                        .access(Access.API_KEY_OR_QUERY)
                        .query(Param.string("key", "API key, for EventSource clients that cannot set headers"))
                        .returns(Body.text("text/event-stream", "one JSON object per event, with a type field"))
                        .handle(s.events()),
                route(GET, METRICS, "getMetrics")
                        .tag("meta")
                        .summary("Prometheus metrics, text format 0.0.4 (send the key in X-API-Key)")
                        .returns(Body.text("text/plain; version=0.0.4", "Prometheus text exposition"))
                        .handle(s.metrics()),
                route(GET, API + "/system", "getSystemInfo")
                        .summary("show system info")
                        .returnsJson(SystemInfo.class, "identity, versions, uptime and HA state")
                        .handle(h::systemInfo),
                route(GET, API + "/ha", "getHaAll")
                        .tag("high-availability")
                        .summary("show high-availability all")
                        .returnsJson(HaStatus.class, "the whole HA picture")
                        .handle(h::haAll),
                route(GET, API + "/ha/state", "getHaState")
                        .tag("high-availability")
                        .summary("show high-availability state (the same snapshot; the CLI prints a subset)")
                        .returnsJson(HaStatus.class, "the HA picture")
                        .handle(h::haAll),
                route(GET, API + "/ha/transitions", "getHaTransitions")
                        .tag("high-availability")
                        .summary("show high-availability transitions: the HA event timeline, newest last")
                        .returnsJson(listOf(new TypeReference<List<HaTransition>>() {}), "state transitions")
                        .handle(h::haTransitions),
                route(GET, API + "/ha/flap-statistics", "getHaFlapStatistics")
                        .tag("high-availability")
                        .summary("show high-availability flap-statistics")
                        .returnsJson(FlapStatistics.class, "flap counters")
                        .handle(h::haFlapStatistics),
                route(GET, API + "/ha/state-synchronization", "getHaStateSynchronization")
                        .tag("high-availability")
                        .summary("show high-availability state-synchronization")
                        .returnsJson(StateSyncStatus.class, "HA2 session synchronisation")
                        .handle(h::haStateSynchronization),
                route(GET, API + "/ha/link-monitoring", "getHaLinkMonitoring")
                        .tag("high-availability")
                        .summary("show high-availability link-monitoring")
                        .returnsJson(LinkMonitoringStatus.class, "link groups and interface states")
                        .handle(h::haLinkMonitoring),
                route(GET, API + "/ha/path-monitoring", "getHaPathMonitoring")
                        .tag("high-availability")
                        .summary("show high-availability path-monitoring")
                        .returnsJson(PathMonitoringStatus.class, "path groups and destinations")
                        .handle(h::haPathMonitoring),
                route(POST, API + "/ha/suspend", "postHaSuspend")
                        .tag("high-availability")
                        .summary("request high-availability state suspend (409 when refused)")
                        .returnsJson(CommandResult.class, "what happened")
                        .errors(409)
                        .handle(h::haSuspend),
                route(POST, API + "/ha/functional", "postHaFunctional")
                        .tag("high-availability")
                        .summary("request high-availability state functional (409 when refused)")
                        .returnsJson(CommandResult.class, "what happened")
                        .errors(409)
                        .handle(h::haFunctional),
                route(POST, API + "/ha/sync-to-remote/running-config", "postHaSyncToRemote")
                        .tag("high-availability")
                        .summary("request high-availability sync-to-remote running-config (409 when refused)")
                        .returnsJson(CommandResult.class, "what happened")
                        .errors(409)
                        .handle(h::haSyncToRemote),
                route(GET, API + "/sessions", "getSessions")
                        .tag("sessions")
                        .summary("show session all [filter ...]")
                        .query(
                                Param.string("source", "client address"),
                                Param.string("destination", "server address"),
                                Param.integer("source-port", "client port"),
                                Param.integer("destination-port", "server port"),
                                Param.integer("protocol", "IP protocol number"),
                                Param.string("from", "source zone"),
                                Param.string("to", "destination zone"),
                                Param.string("application", "application name"),
                                Param.string("rule", "security rule name"),
                                Param.string("state", "ACTIVE or DISCARD"),
                                Param.integer(
                                        "limit",
                                        "most rows to return (default " + ApiHandlers.DEFAULT_SESSION_LIMIT
                                                + ", at most " + ApiHandlers.MAX_SESSION_LIMIT + ")"))
                        .returnsJson(listOf(new TypeReference<List<SessionSummary>>() {}), "session rows")
                        .errors(400)
                        .handle(h::sessions),
                // Registered before /sessions/{id}: the first matching route wins.
                route(GET, API + "/sessions/info", "getSessionInfo")
                        .tag("sessions")
                        .summary("show session info")
                        .returnsJson(SessionInfo.class, "session table figures and timeouts")
                        .handle(h::sessionInfo),
                route(GET, API + "/sessions/{id}", "getSession")
                        .tag("sessions")
                        .summary("show session id N")
                        .returnsJson(SessionDetail.class, "one session")
                        .errors(400, 404)
                        .handle(h::session),
                route(GET, API + "/counters", "getCounters")
                        .tag("counters")
                        .summary("show counter global [filter ...]")
                        .query(
                                Param.string("severity", "info, warn, drop or error"),
                                Param.string("category", "packet, flow, session, ha, ..."),
                                Param.string("name", "substring of the counter name"))
                        .returnsJson(listOf(new TypeReference<List<CounterValue>>() {}), "counters")
                        .handle(h::counters),
                route(GET, API + "/test/security-policy-match", "getSecurityPolicyMatch")
                        .tag("policy")
                        .summary("test security-policy-match")
                        .query(
                                Param.string("from", "source zone").asRequired(),
                                Param.string("to", "destination zone").asRequired(),
                                Param.string("source", "source address").asRequired(),
                                Param.string("destination", "destination address")
                                        .asRequired(),
                                Param.integer("protocol", "IP protocol number").asRequired(),
                                Param.integer("destination-port", "destination port")
                                        .asRequired(),
                                Param.string("application", "application (default: identified by port)"),
                                Param.string("source-user", "user (default: from User-ID)"))
                        .returnsJson(PolicyMatchResult.class, "the matching rule")
                        .errors(400)
                        .handle(h::securityPolicyMatch),
                route(GET, API + "/config/running", "getRunningConfig")
                        .tag("config")
                        .summary("show config running")
                        .returnsJson(ConfigText.class, "running configuration as YAML")
                        .handle(h::runningConfig),
                route(GET, API + "/config/candidate", "getCandidateConfig")
                        .tag("config")
                        .summary("show config candidate")
                        .returnsJson(ConfigText.class, "candidate configuration as YAML")
                        .handle(h::candidateConfig),
                route(PUT, API + "/config/candidate", "putCandidateConfig")
                        .tag("config")
                        .summary("Replace the candidate with a YAML document (refused whole when invalid)")
                        .request(Body.text("application/yaml", "the whole configuration"))
                        .returnsJson(CandidateChanged.class, "the new candidate")
                        .errors(400, 413)
                        .handle(h::replaceCandidate),
                route(PATCH, API + "/config/candidate", "patchCandidateConfig")
                        .tag("config")
                        .summary("set / delete one value of the candidate by YAML path")
                        .request(Body.json(SetValueRequest.class, "path and value (null deletes)"))
                        .returnsJson(CandidateChanged.class, "the new candidate")
                        .errors(400, 413)
                        .handle(h::setCandidateValue),
                route(POST, API + "/config/validate", "postValidate")
                        .tag("config")
                        .summary("validate: every problem with the candidate")
                        .returnsJson(ValidateResult.class, "ok, or the problems")
                        .handle(h::validateCandidate),
                route(POST, API + "/config/commit", "postCommit")
                        .tag("config")
                        .summary("commit [description \"...\"] (400 with problems when refused)")
                        .request(Body.json(CommitRequest.class, "optional description and source"))
                        .returnsJson(CommitResult.class, "the committed version")
                        .errors(400, 413)
                        .handle(h::commit),
                route(POST, API + "/config/revert", "postRevert")
                        .tag("config")
                        .summary("revert: throw candidate changes away")
                        .returnsJson(CommandResult.class, "done")
                        .handle(h::revertCandidate),
                route(GET, API + "/config/history", "getConfigHistory")
                        .tag("config")
                        .summary("Commit history, oldest first")
                        .returnsJson(listOf(new TypeReference<List<VersionInfo>>() {}), "versions")
                        .handle(h::configHistory),
                route(POST, API + "/config/rollback", "postRollback")
                        .tag("config")
                        .summary("Commit an earlier version again (a new version)")
                        .request(Body.json(RollbackRequest.class, "the version to go back to"))
                        .returnsJson(CommitResult.class, "the new version")
                        .errors(400, 413)
                        .handle(h::rollback),
                route(GET, API + "/config/diff", "getConfigDiff")
                        .tag("config")
                        .summary("show config diff: line diff between two versions (0 = candidate)")
                        .query(
                                Param.integer("from", "older version (default: running)"),
                                Param.integer("to", "newer version (default: 0, the candidate)"))
                        .returnsJson(ConfigDiff.class, "the diff")
                        .errors(400)
                        .handle(h::configDiff),
                route(GET, API + "/lab/faults", "getLabFaults")
                        .tag("lab")
                        .summary("LAB / FAULT INJECTION (not for production): the fault switches this node"
                                + " offers and their state; empty unless the node runs with --lab-faults")
                        .returnsJson(listOf(new TypeReference<List<LabFault>>() {}), "fault switches")
                        .handle(h::labFaults),
                route(POST, API + "/lab/faults", "postLabFault")
                        .tag("lab")
                        .summary("LAB / FAULT INJECTION (not for production): turn one fault switch on or off"
                                + " (ha1-block, ha2-block, link-down, path-unreachable); 409 when the node does"
                                + " not offer it")
                        .request(Body.json(LabFaultRequest.class, "fault, target and on/off"))
                        .returnsJson(CommandResult.class, "what happened")
                        .errors(400, 409, 413)
                        .handle(h::setLabFault));
    }

    private static Type listOf(TypeReference<?> reference) {
        return reference.getType();
    }
}

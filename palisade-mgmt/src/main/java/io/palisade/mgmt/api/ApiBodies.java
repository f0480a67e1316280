package io.palisade.mgmt.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.config.validate.Problem;
import io.palisade.ops.ConfigText;
import io.palisade.ops.HaStatus;
import io.palisade.ops.HaTransition;
import io.palisade.ops.SessionInfo;
import io.palisade.ops.StateSyncStatus;
import io.palisade.ops.SystemInfo;
import java.util.List;

/** Request and response bodies of the REST API that are not ops records themselves. */
public final class ApiBodies {
    private ApiBodies() {}

    /**
     * Every error answer: a one-line message and, for bad input, the problems located in it.
     *
     * @param error what went wrong
     * @param problems located problems (config paths or query parameter names); empty when none apply
     */
    public record ErrorBody(String error, List<Problem> problems) {
        public ErrorBody(String error) {
            this(error, List.of());
        }
    }

    /** {@code GET /api/v1/health}. */
    public record Health(String status) {}

    /**
     * {@code PATCH /api/v1/config/candidate}: one value of the candidate.
     *
     * @param path YAML path such as {@code security-rules[0].action} or {@code session.timeouts.tcp}
     * @param value the new value: a string is taken as YAML text, other JSON values as themselves; null deletes
     */
    public record SetValueRequest(String path, JsonNode value) {}

    /**
     * {@code POST /api/v1/config/commit}.
     *
     * @param description free text kept in the history
     * @param source who commits: {@code api} (default), {@code cli} or {@code web}
     */
    public record CommitRequest(String description, String source) {}

    /** {@code POST /api/v1/config/rollback}. */
    public record RollbackRequest(Long version) {}

    /**
     * The answer of a candidate change: the candidate as it is now.
     *
     * @param candidate the candidate after the change
     */
    public record CandidateChanged(ConfigText candidate) {}

    /**
     * {@code POST /api/v1/config/validate}.
     *
     * @param ok whether the candidate would commit
     * @param problems why not
     */
    public record ValidateResult(boolean ok, List<Problem> problems) {}

    /**
     * {@code GET /api/v1/config/diff}.
     *
     * @param from older version (0 = candidate)
     * @param to newer version (0 = candidate)
     * @param diff unified-style line diff, empty when equal
     */
    public record ConfigDiff(long from, long to, String diff) {}

    /**
     * The periodic {@code snapshot} server-sent event: everything the dashboard's HA widget shows.
     *
     * @param atEpochMs when it was taken
     * @param system system information
     * @param ha HA status
     * @param stateSync HA2 state synchronisation
     * @param sessions session table summary
     * @param transitions the newest transitions of the HA timeline, newest last
     */
    public record Snapshot(
            long atEpochMs,
            SystemInfo system,
            HaStatus ha,
            StateSyncStatus stateSync,
            SessionInfo sessions,
            List<HaTransition> transitions) {}
}

package io.palisade.ops;

import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything management can see and do on a node. Implementations answer from published snapshots or by
 * sending commands to the component that owns the state; nothing here blocks for long.
 */
public interface OpsService {
    // ------------------------------------------------------------------ system
    SystemInfo systemInfo();

    // ------------------------------------------------------------------ high availability
    /** {@code show high-availability all} (and {@code state}, which prints a subset). */
    HaStatus haStatus();

    /** The HA event timeline: state transitions, newest last. */
    List<HaTransition> haTransitions();

    /** {@code show high-availability flap-statistics}. */
    FlapStatistics haFlapStatistics();

    /** {@code show high-availability state-synchronization}. */
    StateSyncStatus haStateSynchronization();

    /** {@code request high-availability state suspend}. */
    CommandResult haSuspend();

    /** {@code request high-availability state functional}. */
    CommandResult haFunctional();

    /** {@code request high-availability sync-to-remote running-config}. */
    CommandResult haSyncToRemoteRunningConfig();

    // ------------------------------------------------------------------ sessions and counters
    /** {@code show session all [filter ...]}: at most {@code limit} sessions matching the filter. */
    List<SessionSummary> sessions(SessionFilter filter, int limit);

    /** {@code show session id N}. */
    Optional<SessionDetail> session(long id);

    /** {@code show session info}. */
    SessionInfo sessionInfo();

    /** {@code show counter global}: every named counter with its value and rate. */
    List<CounterValue> globalCounters();

    /** {@code test security-policy-match ...}. */
    PolicyMatchResult testSecurityPolicyMatch(PolicyMatchQuery query);

    // ------------------------------------------------------------------ configuration
    /** The running configuration as YAML, with its version. */
    ConfigText runningConfig();

    /** The candidate configuration as YAML. */
    ConfigText candidateConfig();

    /** Replaces the candidate with YAML text; returns the problems (empty on success, candidate unchanged otherwise). */
    List<Problem> replaceCandidate(String yaml);

    /**
     * Changes one value of the candidate: {@code path} is a YAML path such as {@code security-rules[0].action} or
     * {@code session.timeouts.tcp}; {@code yamlValue} is YAML text ({@code null} deletes the key or list item).
     */
    List<Problem> setCandidateValue(String path, String yamlValue);

    /** Every problem with the candidate (empty when it would commit). */
    List<Problem> validateCandidate();

    /** Commits the candidate. */
    CommitResult commit(String description, String source);

    /** Throws candidate changes away. */
    void revertCandidate();

    List<VersionInfo> configHistory();

    /** Commits an earlier version again. */
    CommitResult rollback(long version);

    /** Line diff between two versions; version 0 is the candidate. */
    String configDiff(long fromVersion, long toVersion);

    // ------------------------------------------------------------------ lab fault injection
    /**
     * LAB / FAULT INJECTION: the fault switches this node offers and their state (empty when lab faults are not
     * enabled on this node).
     */
    List<LabFault> labFaults();

    /**
     * LAB / FAULT INJECTION: turns one fault switch on or off. Refused ({@code ok=false}) when lab faults are not
     * enabled on this node or the switch does not apply to it (e.g. a real ICMP path probe); throws
     * {@link IllegalArgumentException} for a fault or target this node does not have.
     */
    CommandResult setLabFault(LabFaultRequest request);

    // ------------------------------------------------------------------ live events
    /** Subscribes to live events (HA transitions, commits, monitor changes); close the subscription to stop. */
    AutoCloseable subscribe(Consumer<OpsEvent> listener);
}

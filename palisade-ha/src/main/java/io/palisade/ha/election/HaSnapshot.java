package io.palisade.ha.election;

import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the HA state machine for {@code show high-availability state|all|flap-statistics},
 * the REST API and the dashboard. Times are on the agent's monotonic clock ({@code ...Ns}); renderers turn them
 * into "last 5 minutes" using {@link #takenAtNs}.
 *
 * @param groupId HA group id
 * @param mode active-passive or active-active
 * @param local this node
 * @param peers what this node knows about each peer
 * @param flaps flap statistics
 * @param history recent transitions, oldest first
 * @param counters the machine's counters by name
 * @param nextDeadlineNs the next time the machine needs {@code doWork}
 * @param takenAtNs when the snapshot was taken
 */
public record HaSnapshot(
        int groupId,
        HaMode mode,
        Local local,
        List<Peer> peers,
        FlapStatistics flaps,
        List<HaTransition> history,
        Map<String, Long> counters,
        long nextDeadlineNs,
        long takenAtNs) {

    public HaSnapshot {
        peers = List.copyOf(peers);
        history = List.copyOf(history);
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    /**
     * The local node.
     *
     * @param serial device serial
     * @param nodeId HA1 MAC as an 8-byte value
     * @param state current state
     * @param reason why
     * @param stateSinceNs when the state was entered
     * @param priority device priority
     * @param preemptive preemption enabled
     * @param deviceId active/active device id
     * @param version software version
     * @param forwarding what the data plane should do now
     * @param bulkSyncComplete whether this node holds a complete session state
     * @param stallVerifying an active node checking for a peer that took over during its own pause
     * @param linkMonitoring last link-monitoring verdict
     * @param pathMonitoring last path-monitoring verdict
     * @param dataplane last data-plane health verdict
     * @param timers effective timers
     */
    public record Local(
            String serial,
            long nodeId,
            HaState state,
            StateReason reason,
            long stateSinceNs,
            int priority,
            boolean preemptive,
            int deviceId,
            SoftwareVersion version,
            ForwardingMode forwarding,
            boolean bulkSyncComplete,
            boolean stallVerifying,
            MonitorVerdict linkMonitoring,
            MonitorVerdict pathMonitoring,
            MonitorVerdict dataplane,
            Timers timers) {}

    /**
     * Effective timers, as {@code show high-availability all} prints them.
     *
     * @param resolved the election timers
     * @param peerFailureTimeoutMs heartbeat interval × miss threshold
     * @param peerNegotiationTimeoutMs initial-state wait for a peer
     * @param monitorFailHoldDownMs non-functional hold-down
     * @param tentativeHoldMs active/active tentative hold
     * @param flapWindowMs window of flap counting
     */
    public record Timers(
            HaTimers.Resolved resolved,
            long peerFailureTimeoutMs,
            long peerNegotiationTimeoutMs,
            long monitorFailHoldDownMs,
            long tentativeHoldMs,
            long flapWindowMs) {
        /** The effective timers of a configuration. */
        public static Timers of(HaMachineConfig config) {
            return new Timers(
                    config.timers(),
                    config.timers().peerFailureTimeoutMs(),
                    config.peerNegotiationTimeoutMs(),
                    config.monitorFailHoldDownMs(),
                    config.tentativeHoldMs(),
                    HaMachineConfig.FLAP_WINDOW_MS);
        }
    }

    /**
     * A peer as this node sees it. Announced values are from its last hello; null/zero before any hello.
     *
     * @param serial device serial
     * @param nodeId HA1 MAC as an 8-byte value
     * @param state announced state, or null when unknown
     * @param stateCurrent whether a hello arrived since the peer was last heard again (the state is current)
     * @param priority announced device priority
     * @param preemptive announced preemption setting
     * @param deviceId announced active/active device id
     * @param version announced software version, or null
     * @param bulkSyncComplete announced session state completeness
     * @param lastHeardNs last message on any path, or {@link HaStateMachine#NONE}
     * @param connectionUp heard on some path within the failure timeout
     * @param failed declared failed after silence on every path
     * @param failedAtNs when it was declared failed, or {@link HaStateMachine#NONE}
     * @param departed sent a graceful goodbye and has not been heard since
     * @param mismatch compatibility check failure, or null
     * @param paths per-path status
     */
    public record Peer(
            String serial,
            long nodeId,
            HaState state,
            boolean stateCurrent,
            int priority,
            boolean preemptive,
            int deviceId,
            SoftwareVersion version,
            boolean bulkSyncComplete,
            long lastHeardNs,
            boolean connectionUp,
            boolean failed,
            long failedAtNs,
            boolean departed,
            StateReason mismatch,
            List<PathStatus> paths) {
        public Peer {
            paths = List.copyOf(paths);
        }
    }

    /**
     * One path to a peer.
     *
     * @param path which path
     * @param lastHeardNs last message on it, or {@link HaStateMachine#NONE}
     * @param up heard within the failure timeout
     */
    public record PathStatus(HaPath path, long lastHeardNs, boolean up) {}
}

package io.palisade.ha.agent;

import io.palisade.ha.election.HaSnapshot;
import io.palisade.ha.monitor.LinkMonitor;
import java.util.List;

/**
 * What the agent publishes for operations after each change: the state machine's snapshot plus the links, the
 * peer's extra hello fields, config sync and monitor status. Immutable; read by any thread.
 *
 * @param snapshot the state machine's picture
 * @param links HA1/HA1-backup/HA2 link states
 * @param peer what the peer's last hello said beyond the election fields, or null
 * @param configSynchronized whether the peer's running configuration digest equals ours
 * @param lastConfigSync the outcome of the last config sync, or null
 * @param linkMonitoring link monitoring status
 * @param pathGroups path monitoring status per group
 * @param pathMonitoringFailed the global path verdict
 * @param takenAtEpochMs wall clock of the snapshot
 * @param takenAtNs agent clock of the snapshot
 */
public record HaView(
        HaSnapshot snapshot,
        List<Link> links,
        PeerExtras peer,
        boolean configSynchronized,
        String lastConfigSync,
        LinkMonitor.Status linkMonitoring,
        List<PathGroupStatus> pathGroups,
        boolean pathMonitoringFailed,
        long takenAtEpochMs,
        long takenAtNs) {

    /** One HA link: up when both directions are connected (HA1) or keep-alives flow (HA2). */
    public record Link(String name, String local, String peer, boolean up, String detail) {}

    /** Fields of the peer's last hello that the election does not use. */
    public record PeerExtras(
            String stateReason,
            String softwareVersion,
            String configDigest,
            boolean linkMonitorFailed,
            boolean pathMonitorFailed,
            int preemptionFlaps,
            int nonFunctionalFlaps,
            String ha1Address) {}

    /** A path group's destinations with their probe statistics. */
    public record PathGroupStatus(
            String name,
            String type,
            String target,
            String failureCondition,
            boolean failed,
            int pingIntervalMs,
            int pingCount,
            List<DestinationStatus> destinations) {}

    /** A destination's probe statistics. */
    public record DestinationStatus(
            String address, boolean up, int successes, int total, double rttMinMs, double rttMaxMs, double rttAvgMs) {}
}

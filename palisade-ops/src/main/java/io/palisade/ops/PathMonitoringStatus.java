package io.palisade.ops;

import java.util.List;

/**
 * Path monitoring as {@code show high-availability path-monitoring} prints it.
 *
 * @param enabled monitoring on
 * @param failureCondition {@code any} or {@code all}
 * @param failed the global verdict
 * @param groups destination groups
 */
public record PathMonitoringStatus(boolean enabled, String failureCondition, boolean failed, List<Group> groups) {
    /** A destination group. */
    public record Group(
            String name,
            String type,
            String target,
            boolean enabled,
            String failureCondition,
            boolean failed,
            int pingIntervalMs,
            int pingCount,
            List<Destination> destinations) {}

    /**
     * One destination: probes answered out of the last window, and RTTs in milliseconds.
     *
     * @param address destination
     * @param up reachable by the count rule
     * @param successes answered probes in the window
     * @param total probes in the window
     * @param rttMinMs fastest reply
     * @param rttMaxMs slowest reply
     * @param rttAvgMs mean reply time
     */
    public record Destination(
            String address, boolean up, int successes, int total, double rttMinMs, double rttMaxMs, double rttAvgMs) {}
}

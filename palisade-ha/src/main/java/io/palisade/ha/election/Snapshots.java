package io.palisade.ha.election;

import java.util.LinkedHashMap;

/** Builds {@link HaSnapshot}s from the machine's parts. */
final class Snapshots {
    private Snapshots() {}

    static HaSnapshot of(HaStateMachine m, PeerTable peers, LocalHealth health, long nowNs) {
        HaMachineConfig c = m.config();
        var local = new HaSnapshot.Local(
                c.serial(),
                c.nodeId(),
                m.state(),
                m.reason(),
                m.stateSinceNs(),
                c.devicePriority(),
                c.preemptive(),
                c.deviceId(),
                c.version(),
                m.forwarding(),
                m.bulkSyncComplete(),
                m.stallVerifying(),
                health.verdict(LocalHealth.Source.LINK),
                health.verdict(LocalHealth.Source.PATH),
                health.verdict(LocalHealth.Source.DATAPLANE),
                HaSnapshot.Timers.of(c));
        var counterValues = new LinkedHashMap<String, Long>();
        m.counters().addTo(counterValues);
        return new HaSnapshot(
                c.groupId(),
                c.mode(),
                local,
                peers.snapshots(nowNs),
                m.flapStatistics(),
                m.history(),
                counterValues,
                m.nextDeadlineNs(nowNs),
                nowNs);
    }
}

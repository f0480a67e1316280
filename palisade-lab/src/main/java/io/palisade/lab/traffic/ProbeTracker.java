package io.palisade.lab.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The receiving end of the probe stream: one UDP datagram every probe interval from a client to a server. Each
 * gap between consecutive new probes longer than {@link #GAP_THRESHOLD_NS} is recorded; the longest one around a
 * failover is the traffic interruption. Duplicates (both firewalls forwarding in a split brain) and late probes
 * are counted, not taken as arrivals.
 */
final class ProbeTracker {
    /** Gaps shorter than this are scheduling noise, not interruptions. */
    static final long GAP_THRESHOLD_NS = 5_000_000L;

    private static final int MAX_GAPS = 100_000;

    /** A gap in arrivals, generator nanoTime. */
    record Gap(long fromNs, long toNs) {
        long lengthNs() {
            return toNs - fromNs;
        }
    }

    private final List<Gap> gaps = new ArrayList<>();
    private long highestSeq = -1;
    private long lastArrivalNs = -1;
    long received;
    long duplicates;

    void onArrival(long seq, long nowNs) {
        if (seq <= highestSeq) {
            duplicates++;
            return;
        }
        highestSeq = seq;
        received++;
        if (lastArrivalNs >= 0 && nowNs - lastArrivalNs > GAP_THRESHOLD_NS && gaps.size() < MAX_GAPS) {
            gaps.add(new Gap(lastArrivalNs, nowNs));
        }
        lastArrivalNs = nowNs;
    }

    long lastArrivalNs() {
        return lastArrivalNs;
    }

    /** The recorded gaps plus, when probes stopped arriving, the open gap up to {@code nowNs}. */
    List<Gap> gaps(long nowNs) {
        List<Gap> out = new ArrayList<>(gaps);
        if (lastArrivalNs >= 0 && nowNs - lastArrivalNs > GAP_THRESHOLD_NS) {
            out.add(new Gap(lastArrivalNs, nowNs));
        }
        return out;
    }
}

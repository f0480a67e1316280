package io.palisade.dataplane.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the first fragment of a datagram decided, so later fragments (which carry no ports and may reach any
 * worker) follow it: forward or drop, where to, with which address translation. Shared by all workers; entries
 * live a few seconds. Fragments are rare next to whole packets, so this path allocates a small entry per
 * datagram; the per-packet paths do not touch it. Out-of-order fragments that arrive before the first are
 * dropped ({@code flow_frag_nosession}): Palisade does not reassemble.
 */
public final class FragmentTable {
    static final long LIFETIME_NS = 5_000_000_000L;
    private static final int MAX_ENTRIES = 65_536;

    /** The datagram identity. */
    record Key(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, int id, int protocol) {}

    /** The decision of a datagram and the byte ranges seen so far (for overlap detection). */
    static final class Entry {
        final boolean forward;
        final int egressInterface;
        final boolean rewriteSource;
        final long newSrcHi;
        final long newSrcLo;
        final boolean rewriteDestination;
        final long newDstHi;
        final long newDstLo;
        final long createdNs;
        private final List<long[]> ranges = new ArrayList<>();

        Entry(
                boolean forward,
                int egressInterface,
                boolean rewriteSource,
                long newSrcHi,
                long newSrcLo,
                boolean rewriteDestination,
                long newDstHi,
                long newDstLo,
                long createdNs) {
            this.forward = forward;
            this.egressInterface = egressInterface;
            this.rewriteSource = rewriteSource;
            this.newSrcHi = newSrcHi;
            this.newSrcLo = newSrcLo;
            this.rewriteDestination = rewriteDestination;
            this.newDstHi = newDstHi;
            this.newDstLo = newDstLo;
            this.createdNs = createdNs;
        }

        /** Records a fragment's byte range; returns true when it overlaps one seen before. */
        synchronized boolean addRange(long start, long end) {
            boolean overlap = false;
            for (long[] r : ranges) {
                if (start < r[1] && r[0] < end) {
                    overlap = true;
                }
            }
            if (ranges.size() < 64) {
                ranges.add(new long[] {start, end});
            }
            return overlap;
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    void put(Key key, Entry entry) {
        if (entries.size() < MAX_ENTRIES) {
            entries.put(key, entry);
        }
    }

    Entry get(Key key, long nowNs) {
        Entry e = entries.get(key);
        if (e != null && nowNs - e.createdNs > LIFETIME_NS) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    /** Drops entries older than their lifetime; returns how many. */
    int expire(long nowNs) {
        int before = entries.size();
        entries.values().removeIf(e -> nowNs - e.createdNs > LIFETIME_NS);
        return before - entries.size();
    }

    int size() {
        return entries.size();
    }
}

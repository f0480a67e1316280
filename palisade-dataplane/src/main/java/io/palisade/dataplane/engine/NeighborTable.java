package io.palisade.dataplane.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 neighbours (ARP) of the layer-3 interfaces, shared by all workers: readers look up without locks or
 * allocation in an immutable open-addressing snapshot; writers (ARP learning on any worker, HA2 sync, ageing)
 * build a new snapshot under a lock and publish it. ARP changes are rare next to packets, so copy-on-write is
 * the cheap side of the trade.
 */
public final class NeighborTable {
    /** One learned neighbour. */
    public record Entry(int interfaceId, int ip, long mac, long learnedNs) {}

    private static final class Snapshot {
        final long[] keys; // (interface << 32 | ip) + 1; 0 empty
        final long[] macs;
        final long[] learned;
        final int mask;
        final int size;

        Snapshot(int capacity, int size) {
            keys = new long[capacity];
            macs = new long[capacity];
            learned = new long[capacity];
            mask = capacity - 1;
            this.size = size;
        }
    }

    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(16, 0);

    private static long key(int interfaceId, int ip) {
        return ((long) interfaceId << 32 | (ip & 0xffffffffL)) + 1;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The neighbour's MAC, or 0 when unknown. */
    public long lookup(int interfaceId, int ip) {
        Snapshot s = snapshot;
        long k = key(interfaceId, ip);
        for (int i = slot(k, s.mask); ; i = (i + 1) & s.mask) {
            long e = s.keys[i];
            if (e == k) {
                return s.macs[i];
            }
            if (e == 0) {
                return 0;
            }
        }
    }

    /** When the neighbour was learned or refreshed ({@code nanoTime}), or {@code Long.MIN_VALUE}. */
    public long learnedNs(int interfaceId, int ip) {
        Snapshot s = snapshot;
        long k = key(interfaceId, ip);
        for (int i = slot(k, s.mask); ; i = (i + 1) & s.mask) {
            long e = s.keys[i];
            if (e == k) {
                return s.learned[i];
            }
            if (e == 0) {
                return Long.MIN_VALUE;
            }
        }
    }

    /**
     * Learns or refreshes a neighbour. Returns true when something changed (new entry or new MAC), which is
     * what HA syncs; a refresh with the same MAC only moves its learned time, without a new snapshot unless the
     * entry is older than {@code refreshNs}.
     */
    public boolean learn(int interfaceId, int ip, long mac, long nowNs, long refreshNs) {
        long current = lookup(interfaceId, ip);
        if (current == mac && nowNs - learnedNs(interfaceId, ip) < refreshNs) {
            return false;
        }
        synchronized (writeLock) {
            List<Entry> entries = entries();
            entries.removeIf(e -> e.interfaceId() == interfaceId && e.ip() == ip);
            entries.add(new Entry(interfaceId, ip, mac, nowNs));
            snapshot = build(entries);
        }
        return current != mac;
    }

    /** Removes entries not refreshed since {@code olderThanNs}; returns how many. */
    public int expire(long olderThanNs) {
        synchronized (writeLock) {
            List<Entry> entries = entries();
            int before = entries.size();
            entries.removeIf(e -> e.learnedNs() - olderThanNs < 0);
            if (entries.size() != before) {
                snapshot = build(entries);
            }
            return before - entries.size();
        }
    }

    /** A copy of every entry. */
    public List<Entry> entries() {
        Snapshot s = snapshot;
        List<Entry> out = new ArrayList<>(s.size);
        for (int i = 0; i < s.keys.length; i++) {
            if (s.keys[i] != 0) {
                long k = s.keys[i] - 1;
                out.add(new Entry((int) (k >>> 32), (int) k, s.macs[i], s.learned[i]));
            }
        }
        return out;
    }

    public int size() {
        return snapshot.size;
    }

    private static Snapshot build(List<Entry> entries) {
        int capacity = Integer.highestOneBit(Math.max(16, entries.size() * 2 - 1)) << 1;
        Snapshot s = new Snapshot(capacity, entries.size());
        for (Entry e : entries) {
            long k = key(e.interfaceId(), e.ip());
            int i = slot(k, s.mask);
            while (s.keys[i] != 0) {
                i = (i + 1) & s.mask;
            }
            s.keys[i] = k;
            s.macs[i] = e.mac();
            s.learned[i] = e.learnedNs();
        }
        return s;
    }
}

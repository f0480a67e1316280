package io.palisade.dataplane.session;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One worker's sessions of one address family, off-heap: fixed-size records ({@link SessionLayout}) and an
 * open-addressing index holding both directions' keys (c2s as the client sent it, s2c as the server's reply
 * arrives after NAT). Single owner: only the worker thread calls it; nothing here locks.
 *
 * <p>Index entries are 8 bytes: the low 32 bits of the key hash (which also give the home slot, so
 * backward-shift deletion needs no record reads) and {@code (record << 1 | direction) + 1}; zero is empty.
 * Linear probing at a load factor of at most 0.6; the index size is exact (the home slot is the hash scaled
 * onto it, not masked), so memory per session does not jump with powers of two: 96 bytes of IPv4 record,
 * about 27 bytes of index and 4 of free list. A lookup returns a handle {@code record << 1 | direction}.
 */
public final class SessionTable implements AutoCloseable {
    /** Direction bit of a handle: 0 client-to-server, 1 server-to-client. */
    public static final int C2S = 0;

    public static final int S2C = 1;

    // Unaligned views: IPv6 records put 8-byte addresses at 4-byte boundaries (free on x86-64).
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final double MAX_LOAD = 0.6;

    /** Most keys one {@link #warm} call takes. */
    public static final int WARM_BATCH = 64;

    /** Slots past the home slot that {@link #warm} looks at for a key's entry (8 entries share a cache line). */
    private static final int WARM_PROBE = 8;

    private final SessionLayout layout;
    private final boolean v6;
    private final int capacity;
    private final int recordSize;
    private final Arena arena;
    private final MemorySegment records;
    private final MemorySegment index;
    private final MemorySegment freeStack;
    private final long indexSlots;
    /** Scratch of {@link #warm}: the index entry of each key. */
    private final long[] warmEntries = new long[WARM_BATCH];

    private int freeTop;
    private int size;
    private int scanCursor;

    public SessionTable(SessionLayout layout, int capacity) {
        if (capacity < 1 || capacity >= (1 << 30)) {
            throw new IllegalArgumentException("session capacity " + capacity + " is outside 1..2^30-1");
        }
        this.layout = layout;
        this.v6 = layout.isIpv6();
        this.capacity = capacity;
        this.recordSize = layout.recordSize();
        long slots = (long) Math.ceil(2.0 * capacity / MAX_LOAD);
        this.indexSlots = slots;
        this.arena = Arena.ofShared();
        this.records = TableMemory.allocate(arena, (long) capacity * recordSize);
        this.index = TableMemory.allocate(arena, slots * 8);
        this.freeStack = arena.allocate((long) capacity * 4, 64);
        for (int i = 0; i < capacity; i++) {
            freeStack.setAtIndex(INT, i, capacity - 1 - i);
        }
        this.freeTop = capacity;
    }

    public SessionLayout layout() {
        return layout;
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    /** Off-heap bytes held: records, index and free list. */
    public long offHeapBytes() {
        return records.byteSize() + index.byteSize() + freeStack.byteSize();
    }

    // ---------------------------------------------------------------- lookup and insert

    /**
     * Finds the session whose c2s or s2c key equals the given key.
     *
     * @return a handle {@code record << 1 | direction}, or -1
     */
    public int lookup(
            long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol, int zone) {
        return lookup(0, srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, zone);
    }

    /**
     * {@link #lookup} with the key's {@link FlowHash#directional} hash when the caller has it already (0: hash the
     * key here). The hash must be the one of exactly this key.
     */
    public int lookup(
            long hash,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int srcPort,
            int dstPort,
            int protocol,
            int zone) {
        long h = hash != 0 ? hash : FlowHash.directional(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, zone);
        long r = probe(h, srcHi, srcLo, dstHi, dstLo, srcPort << 16 | dstPort, protocol, zone);
        return r >= 0 ? (int) r : -1;
    }

    /**
     * Walks a key's probe sequence: the handle of the entry holding the key, or {@code ~slot} (negative) of the
     * first empty slot, where the key would be inserted.
     */
    private long probe(long h, long srcHi, long srcLo, long dstHi, long dstLo, int ports, int protocol, int zone) {
        int tag = (int) h;
        long slot = home(tag);
        while (true) {
            long e = index.getAtIndex(LONG, slot);
            if (e == 0) {
                return ~slot;
            }
            if ((int) (e >>> 32) == tag) {
                int handle = (int) e - 1;
                if (keyEquals(handle >>> 1, handle & 1, srcHi, srcLo, dstHi, dstLo, ports, protocol, zone)) {
                    return handle;
                }
            }
            slot = next(slot);
        }
    }

    /**
     * Warms the memory that lookups of a batch of keys will read, given their {@link FlowHash#directional} hashes
     * ({@code 0}: skip that key). Java has no prefetch instruction, but plain loads whose results are not needed
     * at once let the CPU overlap the cache misses of different packets (memory-level parallelism), as long as the
     * loads of one stage do not depend on each other. So the work is split into stages, each a short loop over
     * the whole batch: first every key's home index slot is loaded, then the record of the first entry from there
     * with the key's hash tag (both of its cache lines). A later {@link #lookup} of the same keys then finds slot
     * and record in the cache. No state changes; the result means nothing and exists only so the loads are not
     * optimised away.
     *
     * @param count keys to warm, at most {@link #WARM_BATCH}
     */
    public long warm(long[] hashes, int count) {
        long[] entries = warmEntries;
        for (int k = 0; k < count; k++) {
            long h = hashes[k];
            entries[k] = h == 0 ? 0 : index.getAtIndex(LONG, home((int) h));
        }
        long sink = 0;
        for (int k = 0; k < count; k++) {
            long e = entries[k];
            if (e != 0) {
                e = entryWithTag(e, (int) hashes[k]);
            }
            if (e != 0) {
                long base = (long) ((((int) e - 1) >>> 1)) * recordSize;
                sink += records.get(LONG, base) + records.get(LONG, base + recordSize - 8);
            }
        }
        return sink;
    }

    /**
     * The first entry from a key's home slot on whose hash tag is the key's, or 0. Linear probing leaves a good
     * share of keys a few slots past their home (the index holds up to 0.6 entries per slot); warming the record
     * of the home entry instead would warm another session's record. The walk is bounded: past
     * {@link #WARM_PROBE} slots the lookup finds the key itself.
     */
    private long entryWithTag(long homeEntry, int tag) {
        long e = homeEntry;
        long slot = home(tag);
        for (int step = 0; (int) (e >>> 32) != tag; step++) {
            if (step == WARM_PROBE) {
                return 0;
            }
            slot = next(slot);
            e = index.getAtIndex(LONG, slot);
            if (e == 0) {
                return 0;
            }
        }
        return e;
    }

    private boolean keyEquals(
            int rec, int dir, long srcHi, long srcLo, long dstHi, long dstLo, int ports, int protocol, int zone) {
        long base = (long) rec * recordSize;
        int src = dir == C2S ? layout.c2sSrc : layout.s2cSrc;
        int dst = dir == C2S ? layout.c2sDst : layout.s2cDst;
        int portOff = dir == C2S ? layout.c2sPorts : layout.s2cPorts;
        int zoneOff = dir == C2S ? layout.zoneC2s : layout.zoneS2c;
        return records.get(INT, base + portOff) == ports
                && addressEquals(base + src, srcHi, srcLo)
                && addressEquals(base + dst, dstHi, dstLo)
                && (records.get(BYTE, base + layout.protocol) & 0xff) == protocol
                && (records.get(SHORT, base + zoneOff) & 0xffff) == zone;
    }

    private boolean addressEquals(long off, long hi, long lo) {
        if (v6) {
            return records.get(LONG, off) == hi && records.get(LONG, off + 8) == lo;
        }
        return records.get(INT, off) == (int) lo;
    }

    /**
     * Takes a free record, bumps its generation and clears it; the caller fills it and then {@link #publish}es
     * it. Returns -1 when the table is full.
     */
    public int allocate() {
        if (freeTop == 0) {
            return -1;
        }
        int rec = freeStack.getAtIndex(INT, --freeTop);
        long base = (long) rec * recordSize;
        int generation = records.get(INT, base + layout.generation) + 1;
        records.asSlice(base, recordSize).fill((byte) 0);
        records.set(INT, base + layout.generation, generation);
        records.set(BYTE, base + layout.state, (byte) SessionState.FREE.ordinal());
        return rec;
    }

    /** Returns an allocated record that was never published. */
    public void abandon(int rec) {
        freeStack.setAtIndex(INT, freeTop++, rec);
    }

    /** Writes one direction's key into a record (before {@link #publish}). */
    public void setKey(
            int rec,
            int dir,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int srcPort,
            int dstPort,
            int protocol,
            int zone) {
        long base = (long) rec * recordSize;
        writeAddress(base + (dir == C2S ? layout.c2sSrc : layout.s2cSrc), srcHi, srcLo);
        writeAddress(base + (dir == C2S ? layout.c2sDst : layout.s2cDst), dstHi, dstLo);
        records.set(INT, base + (dir == C2S ? layout.c2sPorts : layout.s2cPorts), srcPort << 16 | dstPort);
        records.set(BYTE, base + layout.protocol, (byte) protocol);
        records.set(SHORT, base + (dir == C2S ? layout.zoneC2s : layout.zoneS2c), (short) zone);
    }

    private void writeAddress(long off, long hi, long lo) {
        if (v6) {
            records.set(LONG, off, hi);
            records.set(LONG, off + 8, lo);
        } else {
            records.set(INT, off, (int) lo);
        }
    }

    /**
     * Makes a filled record findable by both keys and marks it {@code state}. Fails (returns false, nothing
     * indexed) when either key is already present, e.g. a NAT translation that collides with a live session.
     */
    public boolean publish(int rec, SessionState state) {
        // Each key is hashed and probed once: the probe that finds a key absent also yields the empty slot it goes
        // to (the s2c slot is usually a cache miss on a large table; a second walk to insert cost a second hash).
        long c2sHash = hashOf(rec, C2S);
        long s2cHash = hashOf(rec, S2C);
        long c2s = probeKeyOf(rec, C2S, c2sHash);
        if (c2s >= 0) {
            return false;
        }
        long s2c = probeKeyOf(rec, S2C, s2cHash);
        if (s2c >= 0) {
            return false;
        }
        insertIndex(~c2s, c2sHash, rec, C2S);
        insertIndex(~s2c, s2cHash, rec, S2C);
        records.set(BYTE, (long) rec * recordSize + layout.state, (byte) state.ordinal());
        size++;
        return true;
    }

    private long probeKeyOf(int rec, int dir, long hash) {
        long base = base(rec);
        int portOff = dir == C2S ? layout.c2sPorts : layout.s2cPorts;
        return probe(
                hash,
                addressHi(rec, dir, true),
                addressLo(rec, dir, true),
                addressHi(rec, dir, false),
                addressLo(rec, dir, false),
                records.get(INT, base + portOff),
                protocol(rec),
                zone(rec, dir));
    }

    private long hashOf(int rec, int dir) {
        return FlowHash.directional(
                addressHi(rec, dir, true),
                addressLo(rec, dir, true),
                addressHi(rec, dir, false),
                addressLo(rec, dir, false),
                srcPort(rec, dir),
                dstPort(rec, dir),
                protocol(rec),
                zone(rec, dir));
    }

    /**
     * Enters a record's key at the first free slot from {@code slot} on: the empty slot its probe found, or a later
     * one when the record's other key took that slot (both keys with the same home).
     */
    private void insertIndex(long slot, long h, int rec, int dir) {
        while (index.getAtIndex(LONG, slot) != 0) {
            slot = next(slot);
        }
        index.setAtIndex(LONG, slot, (h << 32) | ((rec << 1 | dir) + 1L));
    }

    /** Unindexes a live session and frees its record. */
    public void remove(int rec) {
        removeIndex(rec, C2S);
        removeIndex(rec, S2C);
        records.set(BYTE, (long) rec * recordSize + layout.state, (byte) SessionState.FREE.ordinal());
        freeStack.setAtIndex(INT, freeTop++, rec);
        size--;
    }

    private void removeIndex(int rec, int dir) {
        long h = hashOf(rec, dir);
        long want = (h << 32) | ((rec << 1 | dir) + 1L);
        long slot = home((int) h);
        while (true) {
            long e = index.getAtIndex(LONG, slot);
            if (e == 0) {
                throw new IllegalStateException("session record " + rec + " is not indexed");
            }
            if (e == want) {
                shiftBack(slot);
                return;
            }
            slot = next(slot);
        }
    }

    /** Backward-shift deletion: pull later entries of the cluster into the hole when their home allows it. */
    private void shiftBack(long hole) {
        long j = hole;
        while (true) {
            j = next(j);
            long e = index.getAtIndex(LONG, j);
            if (e == 0) {
                index.setAtIndex(LONG, hole, 0L);
                return;
            }
            long home = home((int) (e >>> 32));
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                index.setAtIndex(LONG, hole, e);
                hole = j;
            }
        }
    }

    /** The home slot of a hash tag: the tag scaled onto the index size. */
    private long home(int tag) {
        return ((tag & 0xffffffffL) * indexSlots) >>> 32;
    }

    private long next(long slot) {
        return slot + 1 == indexSlots ? 0 : slot + 1;
    }

    // ---------------------------------------------------------------- iteration

    /** Whether a record holds a live session. */
    public boolean isLive(int rec) {
        return state(rec) != SessionState.FREE;
    }

    /**
     * The next {@code count} record slots in round-robin order, for ageing and bulk sync spread over duty cycles
     * (no full scans). Returns the first slot of the window; the caller visits {@code first .. first+count-1}
     * modulo capacity.
     */
    public int nextScanWindow(int count) {
        int first = scanCursor;
        scanCursor = (int) ((scanCursor + (long) Math.min(count, capacity)) % capacity);
        return first;
    }

    // ---------------------------------------------------------------- field access

    private long base(int rec) {
        return (long) rec * recordSize;
    }

    public long addressHi(int rec, int dir, boolean source) {
        if (!v6) {
            return 0;
        }
        return records.get(LONG, base(rec) + addressOffset(dir, source));
    }

    public long addressLo(int rec, int dir, boolean source) {
        long off = base(rec) + addressOffset(dir, source);
        return v6 ? records.get(LONG, off + 8) : records.get(INT, off) & 0xffffffffL;
    }

    private int addressOffset(int dir, boolean source) {
        if (dir == C2S) {
            return source ? layout.c2sSrc : layout.c2sDst;
        }
        return source ? layout.s2cSrc : layout.s2cDst;
    }

    public int srcPort(int rec, int dir) {
        return records.get(INT, base(rec) + (dir == C2S ? layout.c2sPorts : layout.s2cPorts)) >>> 16;
    }

    public int dstPort(int rec, int dir) {
        return records.get(INT, base(rec) + (dir == C2S ? layout.c2sPorts : layout.s2cPorts)) & 0xffff;
    }

    public int protocol(int rec) {
        return records.get(BYTE, base(rec) + layout.protocol) & 0xff;
    }

    public int zone(int rec, int dir) {
        return records.get(SHORT, base(rec) + (dir == C2S ? layout.zoneC2s : layout.zoneS2c)) & 0xffff;
    }

    public SessionState state(int rec) {
        return SessionState.of(records.get(BYTE, base(rec) + layout.state));
    }

    public void setState(int rec, SessionState s) {
        records.set(BYTE, base(rec) + layout.state, (byte) s.ordinal());
    }

    public TcpState tcpState(int rec) {
        return TcpState.of(records.get(BYTE, base(rec) + layout.tcpState));
    }

    public void setTcpState(int rec, TcpState s) {
        records.set(BYTE, base(rec) + layout.tcpState, (byte) s.ordinal());
    }

    public int flags(int rec) {
        return records.get(BYTE, base(rec) + layout.flags) & 0xff;
    }

    public void setFlags(int rec, int flags) {
        records.set(BYTE, base(rec) + layout.flags, (byte) flags);
    }

    public int interfaceIn(int rec) {
        return records.get(SHORT, base(rec) + layout.ifIn) & 0xffff;
    }

    public int interfaceOut(int rec) {
        return records.get(SHORT, base(rec) + layout.ifOut) & 0xffff;
    }

    public void setInterfaces(int rec, int in, int out) {
        records.set(SHORT, base(rec) + layout.ifIn, (short) in);
        records.set(SHORT, base(rec) + layout.ifOut, (short) out);
    }

    public int rule(int rec) {
        return records.get(SHORT, base(rec) + layout.rule);
    }

    public void setRule(int rec, int rule) {
        records.set(SHORT, base(rec) + layout.rule, (short) rule);
    }

    /** NAT rule index, or -1 when the session is not translated. */
    public int natRule(int rec) {
        return (records.get(SHORT, base(rec) + layout.natRule) & 0xffff) - 1;
    }

    public void setNatRule(int rec, int natRule) {
        records.set(SHORT, base(rec) + layout.natRule, (short) (natRule + 1));
    }

    public int app(int rec) {
        return records.get(SHORT, base(rec) + layout.app) & 0xffff;
    }

    public void setApp(int rec, int app) {
        records.set(SHORT, base(rec) + layout.app, (short) app);
    }

    public SyncState syncState(int rec) {
        return SyncState.of(records.get(BYTE, base(rec) + layout.syncState));
    }

    public void setSyncState(int rec, SyncState s) {
        records.set(BYTE, base(rec) + layout.syncState, (byte) s.ordinal());
    }

    public EndReason endReason(int rec) {
        return EndReason.of(records.get(BYTE, base(rec) + layout.endReason));
    }

    public void setEndReason(int rec, EndReason r) {
        records.set(BYTE, base(rec) + layout.endReason, (byte) r.ordinal());
    }

    public int epoch(int rec) {
        return records.get(INT, base(rec) + layout.epoch);
    }

    public void setEpoch(int rec, int epoch) {
        records.set(INT, base(rec) + layout.epoch, epoch);
    }

    public int startSeconds(int rec) {
        return records.get(INT, base(rec) + layout.start);
    }

    public void setStartSeconds(int rec, int seconds) {
        records.set(INT, base(rec) + layout.start, seconds);
    }

    public int lastSeenMs(int rec) {
        return records.get(INT, base(rec) + layout.lastSeen);
    }

    public void setLastSeenMs(int rec, int ms) {
        records.set(INT, base(rec) + layout.lastSeen, ms);
    }

    /** Packets in a direction (unsigned 32-bit). */
    public long packets(int rec, int dir) {
        return records.get(INT, base(rec) + (dir == C2S ? layout.packetsC2s : layout.packetsS2c)) & 0xffffffffL;
    }

    public long bytes(int rec, int dir) {
        return records.get(LONG, base(rec) + (dir == C2S ? layout.bytesC2s : layout.bytesS2c));
    }

    /** Counts one packet of {@code length} bytes in a direction. */
    public void count(int rec, int dir, int length) {
        long b = base(rec);
        int p = dir == C2S ? layout.packetsC2s : layout.packetsS2c;
        int y = dir == C2S ? layout.bytesC2s : layout.bytesS2c;
        records.set(INT, b + p, records.get(INT, b + p) + 1);
        records.set(LONG, b + y, records.get(LONG, b + y) + length);
    }

    /** Sets both directions' counters (sessions installed from the HA peer). */
    public void setCounters(int rec, long packetsC2s, long packetsS2c, long bytesC2s, long bytesS2c) {
        long b = base(rec);
        records.set(INT, b + layout.packetsC2s, (int) packetsC2s);
        records.set(INT, b + layout.packetsS2c, (int) packetsS2c);
        records.set(LONG, b + layout.bytesC2s, bytesC2s);
        records.set(LONG, b + layout.bytesS2c, bytesS2c);
    }

    public int nextSeq(int rec, int dir) {
        return records.get(INT, base(rec) + (dir == C2S ? layout.seqC2s : layout.seqS2c));
    }

    public void setNextSeq(int rec, int dir, int seq) {
        records.set(INT, base(rec) + (dir == C2S ? layout.seqC2s : layout.seqS2c), seq);
    }

    public int generation(int rec) {
        return records.get(INT, base(rec) + layout.generation);
    }

    public long nextHopHi(int rec) {
        return v6 ? records.get(LONG, base(rec) + layout.nextHop) : 0;
    }

    public long nextHopLo(int rec) {
        long off = base(rec) + layout.nextHop;
        return v6 ? records.get(LONG, off + 8) : records.get(INT, off) & 0xffffffffL;
    }

    public void setNextHop(int rec, long hi, long lo) {
        writeAddress(base(rec) + layout.nextHop, hi, lo);
    }

    @Override
    public void close() {
        arena.close();
    }
}

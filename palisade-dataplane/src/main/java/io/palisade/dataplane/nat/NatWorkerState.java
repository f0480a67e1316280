package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.IpBits;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's NAT allocation state for one configuration epoch, and the translation hot path. Each worker owns its
 * own instance and its partition of every pool (ports {@code p % workerCount == workerIndex} for
 * dynamic-ip-and-port, pool addresses {@code i % workerCount == workerIndex} for dynamic-ip), so workers never share
 * mutable state.
 *
 * <p>On a new epoch the engine creates the next state from the previous one: per-address port bitmaps and address
 * bindings carry over by address, so sessions admitted under the old epoch keep their ports and release them through
 * either state, and the new epoch never hands out a port an old session still holds.
 */
public final class NatWorkerState {
    /** Default number of free candidates offered to a {@link PortChooser} per translation. */
    public static final int DEFAULT_CHOOSER_BUDGET = 512;

    private final NatTable table;
    private final int workerIndex;
    private final int workerCount;
    /** Per NAT entry: a {@link PortPool}, a {@link DynamicIpState}, or null. */
    private final Object[] stateByEntry;

    private final AddressList<PortBitmap> bitmaps;
    private final AddressList<DipAddress> dips;

    private NatWorkerState(Builder b) {
        this.table = b.table;
        this.workerIndex = b.workerIndex;
        this.workerCount = b.workerCount;
        this.stateByEntry = b.stateByEntry;
        this.bitmaps = b.bitmaps;
        this.dips = b.dips;
    }

    /**
     * The state of worker {@code workerIndex} of {@code workerCount} for {@code table}, with the default chooser budget
     * and fallback to any free port when the chooser accepts none.
     *
     * @param previous this worker's state of the previous epoch, or null
     */
    public static NatWorkerState create(NatTable table, int workerIndex, int workerCount, NatWorkerState previous) {
        return create(table, workerIndex, workerCount, previous, DEFAULT_CHOOSER_BUDGET, true);
    }

    /**
     * The state of one worker.
     *
     * @param chooserBudget free candidates offered to a {@link PortChooser} per translation
     * @param chooserFallback when the chooser accepts none: true takes any free port ({@link
     *     NatResult#chooserSatisfied} false), false fails with {@link NatOutcome#CHOOSER_REJECTED}
     */
    public static NatWorkerState create(
            NatTable table,
            int workerIndex,
            int workerCount,
            NatWorkerState previous,
            int chooserBudget,
            boolean chooserFallback) {
        if (workerCount < 1 || workerIndex < 0 || workerIndex >= workerCount) {
            throw new IllegalArgumentException("worker " + workerIndex + " of " + workerCount);
        }
        // A different partitioning cannot reuse per-partition bitmaps.
        NatWorkerState carry =
                previous != null && previous.workerIndex == workerIndex && previous.workerCount == workerCount
                        ? previous
                        : null;
        return new NatWorkerState(new Builder(table, workerIndex, workerCount, carry, chooserBudget, chooserFallback));
    }

    public NatTable table() {
        return table;
    }

    /**
     * Applies NAT entry {@code entryId} to a new session's first packet: destination translation first (so a {@link
     * PortChooser} can read the post-NAT destination from {@code out}), then source translation. Allocation-free.
     *
     * @param chooser predicate for dynamic-ip-and-port ports, or null for any free port
     * @return true when translated; false leaves the reason in {@link NatResult#outcome()} (a drop to count)
     */
    public boolean translate(
            int entryId,
            int ipVersion,
            long srcHi,
            long srcLo,
            int srcPort,
            long dstHi,
            long dstLo,
            int dstPort,
            PortChooser chooser,
            NatResult out) {
        out.reset(ipVersion, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
        NatEntry entry = table.entry(entryId);
        if (entry.destination() != null && !translateDestination(entry.destination(), out)) {
            out.fail(NatOutcome.FAMILY_MISMATCH);
            return false;
        }
        SourceTranslator source = entry.source();
        if (source == null) {
            return true;
        }
        return switch (source) {
            case SourceTranslator.DynamicIpAndPort p ->
                ((PortPool) stateByEntry[entryId]).allocate(ipVersion, srcHi, srcLo, chooser, out);
            case SourceTranslator.DynamicIp d ->
                ((DynamicIpState) stateByEntry[entryId]).allocate(ipVersion, srcHi, srcLo, srcPort, out);
            case SourceTranslator.StaticIp s -> staticSource(s, ipVersion, srcHi, srcLo, srcPort, out);
        };
    }

    private static boolean translateDestination(DestinationTranslator d, NatResult out) {
        return switch (d) {
            case DestinationTranslator.ToAddress t ->
                t.apply(out.ipVersion(), out.srcHi(), out.srcLo(), out.dstPort(), out);
            case DestinationTranslator.StaticReverse r ->
                r.mapping().reverse(out.ipVersion(), out.dstHi(), out.dstLo(), out.dstPort(), out);
        };
    }

    private static boolean staticSource(
            SourceTranslator.StaticIp s, int ipVersion, long srcHi, long srcLo, int srcPort, NatResult out) {
        if (!s.mapping().forward(ipVersion, srcHi, srcLo, srcPort, out)) {
            out.fail(NatOutcome.FAMILY_MISMATCH);
            return false;
        }
        return true;
    }

    /**
     * Returns a dynamic-ip-and-port port at session end.
     *
     * @return false if the address is not a pool address of this worker or the port was not allocated
     */
    public boolean releasePort(int ipVersion, long addressHi, long addressLo, int port) {
        PortBitmap m = bitmaps.get(ipVersion, addressHi, addressLo);
        return m != null && m.release(port);
    }

    /**
     * Drops one session's use of a dynamic-ip address at session end; the address is free again when its source has
     * no sessions left.
     *
     * @return false if the address is not bound on this worker
     */
    public boolean releaseAddress(int ipVersion, long addressHi, long addressLo) {
        DipAddress d = dips.get(ipVersion, addressHi, addressLo);
        if (d == null || d.refs == 0) {
            return false;
        }
        if (--d.refs == 0 && d.owner != null) {
            d.owner.unbind(d);
        }
        return true;
    }

    /**
     * Holds the translation of a session this worker did not translate itself (installed from the HA peer), so it is
     * not handed out again and {@link #releasePort} / {@link #releaseAddress} at the session's end balance. A port
     * outside this worker's partition (the peer runs another worker count) cannot be held and is not a conflict.
     *
     * @return false when the port is held by another session already
     */
    public boolean hold(int ipVersion, long addressHi, long addressLo, int port) {
        PortBitmap m = bitmaps.get(ipVersion, addressHi, addressLo);
        if (m != null) {
            return !m.owns(port) || m.reserve(port);
        }
        DipAddress d = dips.get(ipVersion, addressHi, addressLo);
        if (d != null) {
            d.refs++; // released by releaseAddress; the address is not rebound to the peer session's source
        }
        return true;
    }

    /** Free ports this worker has for a pool address, or -1 if it is not a dynamic-ip-and-port pool address. */
    public int freePorts(int ipVersion, long addressHi, long addressLo) {
        PortBitmap m = bitmaps.get(ipVersion, addressHi, addressLo);
        return m == null ? -1 : m.free();
    }

    /** Sessions using a dynamic-ip address on this worker (0 when free or unknown). */
    public int addressUsers(int ipVersion, long addressHi, long addressLo) {
        DipAddress d = dips.get(ipVersion, addressHi, addressLo);
        return d == null ? 0 : d.refs;
    }

    /** Builds a worker state, reusing the previous epoch's per-address state. */
    private static final class Builder {
        final NatTable table;
        final int workerIndex;
        final int workerCount;
        final int chooserBudget;
        final boolean chooserFallback;
        final NatWorkerState previous;
        final Object[] stateByEntry;
        final AddressList<PortBitmap> bitmaps;
        final AddressList<DipAddress> dips;

        Builder(
                NatTable table,
                int workerIndex,
                int workerCount,
                NatWorkerState previous,
                int chooserBudget,
                boolean chooserFallback) {
            this.table = table;
            this.workerIndex = workerIndex;
            this.workerCount = workerCount;
            this.previous = previous;
            this.chooserBudget = chooserBudget;
            this.chooserFallback = chooserFallback;
            this.stateByEntry = new Object[table.size()];
            int ports = previous == null ? 0 : previous.bitmaps.size();
            int addresses = previous == null ? 0 : previous.dips.size();
            for (NatEntry e : table.entries()) {
                if (e.source() instanceof SourceTranslator.DynamicIpAndPort(AddressPool pool)) {
                    ports += pool.size(IpBits.V4) + pool.size(IpBits.V6);
                } else if (e.source() instanceof SourceTranslator.DynamicIp(AddressPool pool)) {
                    addresses += pool.size(IpBits.V4) + pool.size(IpBits.V6);
                }
            }
            this.bitmaps = new AddressList<>(ports);
            this.dips = new AddressList<>(addresses);
            build();
        }

        private void build() {
            List<DynamicIpState> dipStates = new ArrayList<>();
            for (int id = 0; id < table.size(); id++) {
                NatEntry e = table.entry(id);
                if (e.source() instanceof SourceTranslator.DynamicIpAndPort(AddressPool pool)) {
                    stateByEntry[id] = new PortPool(
                            pool,
                            bitmapsOf(pool, IpBits.V4),
                            bitmapsOf(pool, IpBits.V6),
                            chooserBudget,
                            chooserFallback);
                } else if (e.source() instanceof SourceTranslator.DynamicIp(AddressPool pool)) {
                    DynamicIpState s = new DynamicIpState(pool, dipsOf(pool, IpBits.V4), dipsOf(pool, IpBits.V6));
                    stateByEntry[id] = s;
                    dipStates.add(s);
                }
            }
            carryInUse();
            dipStates.forEach(DynamicIpState::adoptBindings);
        }

        private PortBitmap[] bitmapsOf(AddressPool pool, int version) {
            PortBitmap[] out = new PortBitmap[pool.size(version)];
            for (int j = 0; j < out.length; j++) {
                long hi = pool.hi(version, j);
                long lo = pool.lo(version, j);
                PortBitmap reused = previous == null ? null : previous.bitmaps.get(version, hi, lo);
                out[j] = bitmaps.getOrAdd(
                        version, hi, lo, reused != null ? reused : new PortBitmap(workerIndex, workerCount));
            }
            return out;
        }

        private DipAddress[] dipsOf(AddressPool pool, int version) {
            List<DipAddress> owned = new ArrayList<>();
            for (int j = workerIndex; j < pool.size(version); j += workerCount) {
                long hi = pool.hi(version, j);
                long lo = pool.lo(version, j);
                DipAddress reused = previous == null ? null : previous.dips.get(version, hi, lo);
                owned.add(dips.getOrAdd(version, hi, lo, reused != null ? reused : new DipAddress(version, hi, lo)));
            }
            return owned.toArray(DipAddress[]::new);
        }

        /** Keeps state of addresses that left every pool but still have sessions, so their releases still land. */
        private void carryInUse() {
            if (previous == null) {
                return;
            }
            for (int i = 0; i < previous.bitmaps.size(); i++) {
                PortBitmap m = previous.bitmaps.value(i);
                if (m.free() < m.capacity()) {
                    bitmaps.getOrAdd(previous.bitmaps.version(i), previous.bitmaps.hi(i), previous.bitmaps.lo(i), m);
                }
            }
            for (int i = 0; i < previous.dips.size(); i++) {
                DipAddress d = previous.dips.value(i);
                if (d.refs > 0) {
                    dips.getOrAdd(d.version, d.hi, d.lo, d);
                }
            }
        }
    }
}

package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.IpBits;
import io.palisade.dataplane.route.IpInterval;

/**
 * Static source NAT arithmetic: an original address at offset {@code k} above the rule's source base maps to the
 * pool address at offset {@code k} (modulo the pool size). A prefix or range onto an equal-size prefix or range is
 * one-to-one and keeps host bits; a single pool address makes it many-to-one. The reverse mapping serves
 * bi-directional rules: a new session towards a pool address is translated back to the original address.
 */
public final class StaticMapping {
    private final int version;
    private final long baseHi;
    private final long baseLo;
    private final long firstHi;
    private final long firstLo;
    private final long lastHi;
    private final long lastLo;
    /** Pool size minus one, as a 128-bit value. */
    private final long spanHi;

    private final long spanLo;
    private final boolean powerOfTwo;
    private final IpInterval pool;
    private final Ip sourceBase;

    /**
     * @param sourceBase the lowest original address the rule translates (same version as the pool)
     * @param pool translated addresses
     */
    public StaticMapping(Ip sourceBase, IpInterval pool) {
        this.pool = pool;
        this.sourceBase = sourceBase;
        this.version = pool.version();
        this.baseHi = sourceBase.hi();
        this.baseLo = sourceBase.lo();
        this.firstHi = pool.first().hi();
        this.firstLo = pool.first().lo();
        this.lastHi = pool.last().hi();
        this.lastLo = pool.last().lo();
        this.spanHi = IpBits.subHi(lastHi, lastLo, firstHi, firstLo);
        this.spanLo = lastLo - firstLo;
        // span = 2^k - 1 exactly when span + 1 has a single bit: test span & (span + 1) == 0 on 128 bits.
        long nextLo = spanLo + 1;
        long nextHi = nextLo == 0 ? spanHi + 1 : spanHi;
        this.powerOfTwo = (spanHi & nextHi) == 0 && (spanLo & nextLo) == 0;
    }

    public int version() {
        return version;
    }

    public IpInterval pool() {
        return pool;
    }

    public Ip sourceBase() {
        return sourceBase;
    }

    /** Translates the source address into {@code out}; false when the version differs from the pool's. */
    boolean forward(int ipVersion, long hi, long lo, int port, NatResult out) {
        if (ipVersion != version) {
            return false;
        }
        long offLo = lo - baseLo;
        long offHi = IpBits.subHi(hi, lo, baseHi, baseLo);
        if (IpBits.compare(offHi, offLo, spanHi, spanLo) > 0) {
            if (powerOfTwo) {
                offHi &= spanHi;
                offLo &= spanLo;
            } else {
                // Pools that are not a power of two in size are ranges, far below 2^64 addresses.
                offHi = 0;
                offLo = Long.remainderUnsigned(offLo, spanLo + 1);
            }
        }
        out.setSource(
                firstHi + offHi + (Long.compareUnsigned(firstLo + offLo, firstLo) < 0 ? 1 : 0),
                firstLo + offLo,
                port,
                SourceNatKind.STATIC_IP);
        return true;
    }

    /** Whether an address is one of the translated (pool) addresses. */
    public boolean inPool(int ipVersion, long hi, long lo) {
        return ipVersion == version
                && IpBits.compare(hi, lo, firstHi, firstLo) >= 0
                && IpBits.compare(hi, lo, lastHi, lastLo) <= 0;
    }

    /** Translates a pool destination address back to its original address into {@code out}. */
    boolean reverse(int ipVersion, long hi, long lo, int port, NatResult out) {
        if (!inPool(ipVersion, hi, lo)) {
            return false;
        }
        long offLo = lo - firstLo;
        long offHi = IpBits.subHi(hi, lo, firstHi, firstLo);
        out.setDestination(
                baseHi + offHi + (Long.compareUnsigned(baseLo + offLo, baseLo) < 0 ? 1 : 0), baseLo + offLo, port);
        return true;
    }

    @Override
    public String toString() {
        return sourceBase + "+ -> " + pool;
    }
}

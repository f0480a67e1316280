package io.palisade.dataplane.engine;

/**
 * Reconnaissance detection for one kind (TCP port scan, UDP port scan, host sweep) on one worker: for each
 * (zone, source) the number of distinct destination ports or hosts within the interval, estimated by linear
 * counting over a 256-bit bitmap. Sources live in a fixed direct-mapped table (a new source may evict an old
 * one), so memory is bounded whatever an attacker sends.
 */
final class ScanTracker {
    static final int PASS = 0;
    static final int DETECTED = 1;
    static final int BLOCKED = 2;

    private static final int BITS = 256;

    private final int mask;
    private final long[] srcHi;
    private final long[] srcLo;
    private final int[] zone;
    private final long[] windowStartNs;
    private final long[] bitmap;
    private final long[] blockedUntilNs;
    private final boolean[] reported;

    ScanTracker(int entriesPowerOfTwo) {
        mask = entriesPowerOfTwo - 1;
        srcHi = new long[entriesPowerOfTwo];
        srcLo = new long[entriesPowerOfTwo];
        zone = new int[entriesPowerOfTwo];
        windowStartNs = new long[entriesPowerOfTwo];
        bitmap = new long[entriesPowerOfTwo * (BITS / 64)];
        blockedUntilNs = new long[entriesPowerOfTwo];
        reported = new boolean[entriesPowerOfTwo];
        java.util.Arrays.fill(zone, -1);
    }

    /**
     * Records that {@code source} in {@code zoneId} opened a session to {@code target} (a port or a host hash).
     *
     * @return {@link #DETECTED} when the threshold is first crossed in this window, {@link #BLOCKED} while
     *     the source is blocked, otherwise {@link #PASS}
     */
    int observe(int zoneId, long hi, long lo, int target, ZoneProtectionPlan.Scan plan, long nowNs) {
        int i = slot(zoneId, hi, lo);
        if (zone[i] != zoneId || srcHi[i] != hi || srcLo[i] != lo) {
            reset(i, zoneId, hi, lo, nowNs);
        }
        if (blockedUntilNs[i] - nowNs > 0) {
            return BLOCKED;
        }
        if (nowNs - windowStartNs[i] >= plan.intervalNs()) {
            clearWindow(i, nowNs);
        }
        int bit = Integer.hashCode(target * 0x9E3779B9) >>> 24;
        bitmap[i * 4 + (bit >>> 6)] |= 1L << bit;
        if (!reported[i] && estimate(i) > plan.threshold()) {
            reported[i] = true;
            return DETECTED;
        }
        return PASS;
    }

    /** Blocks the source for {@code durationNs} (actions block and block-ip). */
    void block(int zoneId, long hi, long lo, long durationNs, long nowNs) {
        int i = slot(zoneId, hi, lo);
        if (zone[i] == zoneId && srcHi[i] == hi && srcLo[i] == lo) {
            blockedUntilNs[i] = nowNs + durationNs;
        }
    }

    /** Whether the source is currently blocked. */
    boolean isBlocked(int zoneId, long hi, long lo, long nowNs) {
        int i = slot(zoneId, hi, lo);
        return zone[i] == zoneId && srcHi[i] == hi && srcLo[i] == lo && blockedUntilNs[i] - nowNs > 0;
    }

    private int slot(int zoneId, long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ zoneId;
        return (int) ((h ^ (h >>> 29)) & mask);
    }

    private void reset(int i, int zoneId, long hi, long lo, long nowNs) {
        zone[i] = zoneId;
        srcHi[i] = hi;
        srcLo[i] = lo;
        blockedUntilNs[i] = nowNs;
        clearWindow(i, nowNs);
    }

    private void clearWindow(int i, long nowNs) {
        windowStartNs[i] = nowNs;
        reported[i] = false;
        for (int w = 0; w < 4; w++) {
            bitmap[i * 4 + w] = 0;
        }
    }

    /** Linear counting: distinct values ~ -m ln(zero bits / m). */
    private double estimate(int i) {
        int ones = 0;
        for (int w = 0; w < 4; w++) {
            ones += Long.bitCount(bitmap[i * 4 + w]);
        }
        int zeros = BITS - ones;
        return zeros == 0 ? Double.MAX_VALUE : -BITS * Math.log((double) zeros / BITS);
    }
}

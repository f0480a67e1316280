package io.palisade.dataplane.policy;

/**
 * A classifier dimension over non-negative 64-bit keys (IPv4 addresses, protocol and port keys, ids): sorted interval
 * starts and, per interval, the offset of its entry bit set in {@link #bits}. Immutable; lookups are a binary search.
 */
final class LongDimension {
    private final long[] starts;
    private final int[] rowOffsets;
    /** Bit-set rows back to back; row {@code r} of {@code words} longs starts at {@code r * words}. */
    final long[] bits;

    LongDimension(long[] starts, int[] rowOffsets, long[] bits) {
        this.starts = starts;
        this.rowOffsets = rowOffsets;
        this.bits = bits;
    }

    /** The offset in {@link #bits} of the row for {@code key}. */
    int rowOffset(long key) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return rowOffsets[lo];
    }

    int intervals() {
        return starts.length;
    }

    /** Heap bytes of the arrays (a memory figure for the design note and benchmarks). */
    long bytes() {
        return starts.length * 8L + rowOffsets.length * 4L + bits.length * 8L;
    }
}

package io.palisade.dataplane.policy;

/**
 * A classifier dimension over non-negative 64-bit keys (IPv4 addresses, protocol and port keys, ids): sorted interval
 * starts and, per interval, where its entry bit set lives in {@link #bits} and which words of it are non-zero.
 * Immutable; a lookup is one binary search.
 *
 * <p>Only the window of non-zero words of a row is stored; word {@code w} of the row of interval {@code i} is {@code
 * bits[rowBaseAt(i) + w]} for {@code firstWordAt(i) <= w <= lastWordAt(i)}, and zero outside.
 */
final class LongDimension {
    private final long[] starts;
    private final int[] rowBases;
    private final int[] firstWords;
    private final int[] lastWords;
    /** The stored row windows back to back. */
    final long[] bits;

    LongDimension(long[] starts, int[] rowBases, int[] firstWords, int[] lastWords, long[] bits) {
        this.starts = starts;
        this.rowBases = rowBases;
        this.firstWords = firstWords;
        this.lastWords = lastWords;
        this.bits = bits;
    }

    /** The interval holding {@code key}. */
    int find(long key) {
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
        return lo;
    }

    /** Index in {@link #bits} of word 0 of an interval's row (only words of its window may be read). */
    int rowBaseAt(int interval) {
        return rowBases[interval];
    }

    /** First word of an interval's row with a set bit ({@code words} if none). */
    int firstWordAt(int interval) {
        return firstWords[interval];
    }

    /** Last word of an interval's row with a set bit (-1 if none). */
    int lastWordAt(int interval) {
        return lastWords[interval];
    }

    int intervals() {
        return starts.length;
    }

    /** Heap bytes of the arrays (a memory figure for the design note and benchmarks). */
    long bytes() {
        return starts.length * 20L + bits.length * 8L;
    }
}

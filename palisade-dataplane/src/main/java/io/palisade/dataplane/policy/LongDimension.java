package io.palisade.dataplane.policy;

/**
 * A classifier dimension over non-negative 64-bit keys (IPv4 addresses, protocol and port keys, ids): sorted interval
 * starts and, per interval, where its entry bit set lives in {@link #bits} and which words of it are non-zero.
 * Immutable; a lookup is one binary search, over a few intervals only when there are many: a bucket table over the
 * span of the interval starts narrows it first (the keys of new sessions are as good as random, so each step of a
 * long search is a branch mispredicted half the time; the bucket table replaces most of them with one array read).
 *
 * <p>Only the window of non-zero words of a row is stored; word {@code w} of the row of interval {@code i} is {@code
 * bits[rowBaseAt(i) + w]} for {@code firstWordAt(i) <= w <= lastWordAt(i)}, and zero outside.
 */
final class LongDimension {
    /** Below this many intervals a plain binary search is short enough. */
    private static final int BUCKETED = 32;

    private final long[] starts;
    private final int[] rowBases;
    private final int[] firstWords;
    private final int[] lastWords;
    /** The stored row windows back to back. */
    final long[] bits;

    /**
     * Bucket {@code b} holds the keys {@code spanStart + (b << shift)} up to the next bucket's first key; {@code
     * bucketFirst[b]} is the interval its first key falls in, so a key of bucket {@code b} falls in an interval from
     * {@code bucketFirst[b]} to {@code bucketFirst[b + 1]}. Null when there are fewer than {@link #BUCKETED}.
     */
    private final int[] bucketFirst;

    private final long spanStart;
    private final int shift;

    LongDimension(long[] starts, int[] rowBases, int[] firstWords, int[] lastWords, long[] bits) {
        this.starts = starts;
        this.rowBases = rowBases;
        this.firstWords = firstWords;
        this.lastWords = lastWords;
        this.bits = bits;
        int n = starts.length;
        if (n < BUCKETED) {
            this.bucketFirst = null;
            this.spanStart = 0;
            this.shift = 0;
            return;
        }
        // Buckets cover starts[1] .. starts[n - 1] (keys below starts[1] are in interval 0), about two per interval.
        int buckets = Integer.highestOneBit(n - 1) << 1;
        long span = starts[n - 1] - starts[1] + 1;
        int spanBits = 64 - Long.numberOfLeadingZeros(span - 1);
        this.spanStart = starts[1];
        this.shift = Math.max(0, spanBits - Integer.numberOfTrailingZeros(buckets));
        this.bucketFirst = new int[buckets + 1];
        for (int b = 0; b < buckets; b++) {
            long offset = (long) b << shift;
            bucketFirst[b] = offset > starts[n - 1] - spanStart ? n - 1 : search(spanStart + offset, 0, n - 1);
        }
        bucketFirst[buckets] = n - 1;
    }

    /** The interval holding {@code key}. */
    int find(long key) {
        if (bucketFirst == null) {
            return search(key, 0, starts.length - 1);
        }
        long offset = key - spanStart;
        if (offset < 0) {
            return 0;
        }
        long b = offset >>> shift;
        if (b >= bucketFirst.length - 1) {
            return starts.length - 1;
        }
        return search(key, bucketFirst[(int) b], bucketFirst[(int) b + 1]);
    }

    /** The last interval in {@code [lo, hi]} whose start is at most {@code key}, or {@code lo}. */
    private int search(long key, int lo, int hi) {
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
        return starts.length * 20L + bits.length * 8L + (bucketFirst == null ? 0 : bucketFirst.length * 4L);
    }
}

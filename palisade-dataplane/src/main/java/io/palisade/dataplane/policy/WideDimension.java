package io.palisade.dataplane.policy;

import io.palisade.dataplane.route.IpBits;

/** A classifier dimension over unsigned 128-bit keys (IPv6 addresses); otherwise like {@link LongDimension}. */
final class WideDimension {
    private final long[] startHi;
    private final long[] startLo;
    private final int[] rowBases;
    private final int[] firstWords;
    private final int[] lastWords;
    /** The stored row windows back to back. */
    final long[] bits;

    WideDimension(long[] startHi, long[] startLo, int[] rowBases, int[] firstWords, int[] lastWords, long[] bits) {
        this.startHi = startHi;
        this.startLo = startLo;
        this.rowBases = rowBases;
        this.firstWords = firstWords;
        this.lastWords = lastWords;
        this.bits = bits;
    }

    int find(long hi, long lo) {
        int low = 0;
        int high = startHi.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (IpBits.compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    int rowBaseAt(int interval) {
        return rowBases[interval];
    }

    int firstWordAt(int interval) {
        return firstWords[interval];
    }

    int lastWordAt(int interval) {
        return lastWords[interval];
    }

    int intervals() {
        return startHi.length;
    }

    long bytes() {
        return startHi.length * 28L + bits.length * 8L;
    }
}

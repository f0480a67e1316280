package io.palisade.dataplane.policy;

import io.palisade.dataplane.route.IpBits;

/** A classifier dimension over unsigned 128-bit keys (IPv6 addresses); otherwise like {@link LongDimension}. */
final class WideDimension {
    private final long[] startHi;
    private final long[] startLo;
    private final int[] rowOffsets;
    /** Bit-set rows back to back. */
    final long[] bits;

    WideDimension(long[] startHi, long[] startLo, int[] rowOffsets, long[] bits) {
        this.startHi = startHi;
        this.startLo = startLo;
        this.rowOffsets = rowOffsets;
        this.bits = bits;
    }

    int rowOffset(long hi, long lo) {
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
        return rowOffsets[low];
    }

    int intervals() {
        return startHi.length;
    }

    long bytes() {
        return startHi.length * 16L + rowOffsets.length * 4L + bits.length * 8L;
    }
}

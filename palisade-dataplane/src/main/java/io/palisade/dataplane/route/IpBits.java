package io.palisade.dataplane.route;

/**
 * The data plane's address convention and the bit arithmetic on it. An address is {@code (int version, long hi,
 * long lo)}: IPv4 in the low 32 bits of {@code lo} with {@code hi = 0}; IPv6 as two big-endian 64-bit halves. All
 * methods here are allocation-free so that hot paths can call them.
 */
public final class IpBits {
    /** IP version 4. */
    public static final int V4 = 4;
    /** IP version 6. */
    public static final int V6 = 6;
    /** The largest IPv4 address as a {@code lo} value. */
    public static final long V4_MAX = 0xFFFF_FFFFL;

    private IpBits() {}

    /** Address width in bits: 32 for IPv4, 128 otherwise. */
    public static int width(int version) {
        return version == V4 ? 32 : 128;
    }

    /** Unsigned 128-bit comparison. */
    public static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** The high half of the network mask of a prefix of {@code length} bits. */
    public static long maskHi(int version, int length) {
        if (version == V4) {
            return 0;
        }
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** The low half of the network mask of a prefix of {@code length} bits. */
    public static long maskLo(int version, int length) {
        if (version == V4) {
            return length <= 0 ? 0 : (V4_MAX << (32 - length)) & V4_MAX;
        }
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    /**
     * A well-mixed 32-bit hash of an address, for open addressing and for picking a pool address by source (so that a
     * source keeps its translated address while it has sessions).
     */
    public static int hash(int version, long hi, long lo) {
        long h = lo * 0x9E37_79B9_7F4A_7C15L ^ Long.rotateLeft(hi * 0xC2B2_AE3D_27D4_EB4FL, 31) ^ version;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The high half of {@code (hi, lo) + offset} (unsigned offset, carry into the high half). */
    public static long addHi(long hi, long lo, long offset) {
        return Long.compareUnsigned(lo + offset, lo) < 0 ? hi + 1 : hi;
    }

    /** The low half of {@code (hi, lo) + offset}. */
    public static long addLo(long lo, long offset) {
        return lo + offset;
    }

    /** The high half of {@code a - b} for 128-bit unsigned values. */
    public static long subHi(long aHi, long aLo, long bHi, long bLo) {
        return Long.compareUnsigned(aLo, bLo) < 0 ? aHi - bHi - 1 : aHi - bHi;
    }
}

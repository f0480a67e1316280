package io.palisade.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) over {@link MemorySegment} ranges, the IPv4 header and TCP/UDP/ICMPv6
 * pseudo-header checksums, and RFC 1624 incremental updates for NAT.
 *
 * <p>A <em>sum</em> here is an unfolded ones-complement accumulator (a {@code long} that may exceed 16 bits);
 * sums of several ranges can be added before {@link #fold}. Every range but the last must have an even length,
 * because the sum treats a range as a sequence of 16-bit words starting at its first byte.
 *
 * <p>Incremental updates use RFC 1624 equation 3, {@code HC' = ~(~HC + ~m + m')}, which yields the same value as a
 * full recomputation (both map the ones-complement zero to a checksum of {@code 0x0000}, never {@code 0xFFFF},
 * for any header that is not all zeros).
 */
public final class Checksums {
    /** Offset of the checksum field in a TCP header. */
    public static final int TCP_CHECKSUM_OFFSET = 16;
    /** Offset of the checksum field in a UDP header. */
    public static final int UDP_CHECKSUM_OFFSET = 6;
    /** Offset of the checksum field in an ICMP or ICMPv6 header. */
    public static final int ICMP_CHECKSUM_OFFSET = 2;
    /** Offset of the header checksum in an IPv4 header. */
    public static final int IPV4_CHECKSUM_OFFSET = 10;

    private Checksums() {}

    /**
     * Ones-complement sum of {@code length} bytes at {@code offset}, unfolded; an odd last byte is padded with 0.
     *
     * <p>Every read is in the machine's byte order (RFC 1071 2(B): the sum is byte-order independent up to a byte
     * swap). On a little-endian machine that swap is a multiplication by 256: modulo 0xFFFF, {@code 0x10000} is 1,
     * so {@code 256 * (h << 8 | l)} is congruent to {@code l << 8 | h}, and 256 is its own inverse; so the native
     * sum shifted left by 8 needs no fold here. The result is congruent modulo 0xFFFF to the big-endian word sum
     * and is zero exactly when that is, so every fold, check and checksum computed from it is the same.
     *
     * <p>Whole 32-byte chunks are summed in a counted loop; the rest (under 32 bytes, all of it for most headers and
     * small packets) by one test per bit of the length, without a loop: a short loop costs more in loop set-up than
     * it sums.
     */
    public static long sum(MemorySegment segment, long offset, int length) {
        int chunks = length >>> 5;
        long native64 = 0;
        for (int i = 0; i < chunks; i++) {
            long q = offset + ((long) i << 5);
            native64 += words(segment.get(NATIVE_U64, q))
                    + words(segment.get(NATIVE_U64, q + 8))
                    + words(segment.get(NATIVE_U64, q + 16))
                    + words(segment.get(NATIVE_U64, q + 24));
        }
        long p = offset + ((long) chunks << 5);
        if ((length & 16) != 0) {
            native64 += words(segment.get(NATIVE_U64, p)) + words(segment.get(NATIVE_U64, p + 8));
            p += 16;
        }
        if ((length & 8) != 0) {
            native64 += words(segment.get(NATIVE_U64, p));
            p += 8;
        }
        if ((length & 4) != 0) {
            native64 += segment.get(NATIVE_U32, p) & 0xFFFF_FFFFL;
            p += 4;
        }
        if ((length & 2) != 0) {
            native64 += segment.get(NATIVE_U16, p) & 0xFFFF;
            p += 2;
        }
        if ((length & 1) != 0) {
            int last = segment.get(ValueLayout.JAVA_BYTE, p) & 0xFF; // padded with a zero byte after it
            native64 += NATIVE_IS_BIG_ENDIAN ? last << 8 : last;
        }
        // Below 2^46 for any length up to 2^16 (2^13 blocks of two 32-bit words), so the shift cannot overflow.
        return NATIVE_IS_BIG_ENDIAN ? native64 : native64 << 8;
    }

    private static final ValueLayout.OfInt NATIVE_U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort NATIVE_U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfLong NATIVE_U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final boolean NATIVE_IS_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /**
     * Folds an unfolded sum to 16 bits with end-around carry; a non-zero sum never folds to 0. A fixed number of
     * steps without branches: two 32-bit folds leave at most {@code 2^32}, and three 16-bit folds bring that to
     * 16 bits ({@code 0x1FFFF}, then {@code 0x10000}, then {@code 0xFFFF} at most); a step that has nothing to fold
     * changes nothing.
     */
    public static int fold(long sum) {
        long s = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        s = (s & 0xFFFF_FFFFL) + (s >>> 32);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return (int) s;
    }

    /** The checksum of a sum: its folded ones-complement, 16 bits. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** True when a range that includes its own checksum field sums to ones-complement zero. */
    public static boolean isValid(long sumIncludingChecksum) {
        return fold(sumIncludingChecksum) == 0xFFFF;
    }

    // ---- IPv4 header ----

    /** True when the IPv4 header of {@code headerLength} bytes at {@code offset} has a correct checksum. */
    public static boolean verifyIpv4Header(MemorySegment segment, long offset, int headerLength) {
        return isValid(sum(segment, offset, headerLength));
    }

    /** Computes the IPv4 header checksum (treating the checksum field as zero) and writes it into the header. */
    public static int writeIpv4Header(MemorySegment segment, long offset, int headerLength) {
        NetOrder.put16(segment, offset + IPV4_CHECKSUM_OFFSET, 0);
        int checksum = finish(sum(segment, offset, headerLength));
        NetOrder.put16(segment, offset + IPV4_CHECKSUM_OFFSET, checksum);
        return checksum;
    }

    // ---- pseudo-headers ----

    /** Unfolded sum of the IPv4 pseudo-header (RFC 793/768): addresses, protocol, upper-layer length. */
    public static long pseudoHeaderIpv4(int src, int dst, int protocol, int l4Length) {
        return (src & 0xFFFF_FFFFL) + (dst & 0xFFFF_FFFFL) + protocol + l4Length;
    }

    /** Unfolded sum of the IPv6 pseudo-header (RFC 8200 section 8.1). */
    public static long pseudoHeaderIpv6(long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int l4Length) {
        return words(srcHi) + words(srcLo) + words(dstHi) + words(dstLo) + protocol + (l4Length & 0xFFFF_FFFFL);
    }

    private static long words(long v) {
        return (v >>> 32) + (v & 0xFFFF_FFFFL);
    }

    /** Unfolded pseudo-header sum for the packet described by {@code meta}, with an upper-layer length. */
    public static long pseudoHeader(PacketMeta meta, int protocol, int l4Length) {
        return meta.ipVersion == 4
                ? pseudoHeaderIpv4((int) meta.srcLo, (int) meta.dstLo, protocol, l4Length)
                : pseudoHeaderIpv6(meta.srcHi, meta.srcLo, meta.dstHi, meta.dstLo, protocol, l4Length);
    }

    /**
     * True when the upper-layer message of {@code l4Length} bytes at {@code l4Offset}, which includes its checksum
     * field, checks out against the pseudo-header sum {@code pseudoSum} (0 for ICMPv4, which has none).
     */
    public static boolean verifyTransport(MemorySegment segment, long l4Offset, int l4Length, long pseudoSum) {
        return isValid(pseudoSum + sum(segment, l4Offset, l4Length));
    }

    /**
     * Computes a TCP, UDP, ICMP or ICMPv6 checksum and writes it at {@code l4Offset + checksumOffset}, treating the
     * field as zero. A UDP result of 0 is sent as {@code 0xFFFF} (RFC 768), which the caller asks for with
     * {@code udp}.
     */
    public static int writeTransport(
            MemorySegment segment, long l4Offset, int l4Length, int checksumOffset, long pseudoSum, boolean udp) {
        NetOrder.put16(segment, l4Offset + checksumOffset, 0);
        int checksum = finish(pseudoSum + sum(segment, l4Offset, l4Length));
        if (udp && checksum == 0) {
            checksum = 0xFFFF;
        }
        NetOrder.put16(segment, l4Offset + checksumOffset, checksum);
        return checksum;
    }

    // ---- incremental updates (RFC 1624) ----

    /** The checksum after one 16-bit word it covers changed from {@code oldValue} to {@code newValue}. */
    public static int update16(int checksum, int oldValue, int newValue) {
        return finish((~checksum & 0xFFFF) + (~oldValue & 0xFFFF) + (newValue & 0xFFFF));
    }

    /** The checksum after a 32-bit field it covers (e.g. an IPv4 address) changed. */
    public static int update32(int checksum, int oldValue, int newValue) {
        return finish((~checksum & 0xFFFF) + complementWords(oldValue) + words32(newValue));
    }

    /** The checksum after a 128-bit field it covers (an IPv6 address) changed. */
    public static int update128(int checksum, long oldHi, long oldLo, long newHi, long newLo) {
        long s = (~checksum & 0xFFFF)
                + complementWords((int) (oldHi >>> 32))
                + complementWords((int) oldHi)
                + complementWords((int) (oldLo >>> 32))
                + complementWords((int) oldLo);
        return finish(s + words(newHi) + words(newLo));
    }

    /**
     * Updates a {@code CHECKSUM_PARTIAL} field, which holds the folded pseudo-header sum itself rather than its
     * complement (Linux {@code inet_proto_csum_replace4}), after a 32-bit pseudo-header field changed.
     */
    public static int updatePartial32(int partialSum, int oldValue, int newValue) {
        return fold((partialSum & 0xFFFF) + complementWords(oldValue) + words32(newValue));
    }

    /** As {@link #updatePartial32} for a 128-bit field. */
    public static int updatePartial128(int partialSum, long oldHi, long oldLo, long newHi, long newLo) {
        long s = (partialSum & 0xFFFF)
                + complementWords((int) (oldHi >>> 32))
                + complementWords((int) oldHi)
                + complementWords((int) (oldLo >>> 32))
                + complementWords((int) oldLo);
        return fold(s + words(newHi) + words(newLo));
    }

    private static long words32(int v) {
        return ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }

    private static long complementWords(int v) {
        return (~(v >>> 16) & 0xFFFF) + (~v & 0xFFFF);
    }
}

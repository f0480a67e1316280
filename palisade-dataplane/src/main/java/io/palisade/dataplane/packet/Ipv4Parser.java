package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.i32;
import static io.palisade.dataplane.packet.NetOrder.i64;
import static io.palisade.dataplane.packet.NetOrder.u8;

import java.lang.foreign.MemorySegment;

/**
 * IPv4 header (RFC 791): checks lengths, checksum, TTL and addresses, records fragment and option information,
 * then hands the payload to {@link TransportParser}.
 *
 * <pre>
 *  0       4       8              16    19                   31
 * | ver 4 | IHL   | DSCP/ECN      | total length              |
 * | identification                | flags | fragment offset   |
 * | TTL           | protocol      | header checksum           |
 * | source address                                            |
 * | destination address                                       |
 * | options (IHL > 5) ...                                     |
 * </pre>
 */
final class Ipv4Parser {
    static final int MIN_HEADER = 20;
    static final int MAX_DATAGRAM = 65_535;
    private static final int DONT_FRAGMENT = 0x4000;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET_MASK = 0x1FFF;

    private Ipv4Parser() {}

    static ParseOutcome parse(MemorySegment frame, int l3, int end, PacketMeta meta) {
        int available = end - l3;
        if (available < MIN_HEADER) {
            if (available > 0 && (u8(frame, l3) >>> 4) != 4) {
                return PacketDrop.IP_VERSION_MISMATCH;
            }
            return PacketDrop.IPV4_TRUNCATED;
        }
        // The fixed header in three loads (one bounds check each instead of one per field); the checksum and
        // every field are taken from these words.
        long w0 = i64(frame, l3); // version, IHL, DSCP, total length | identification, flags, fragment offset
        long w1 = i64(frame, l3 + 8); // TTL, protocol, checksum | source
        int w2 = i32(frame, l3 + 16); // destination
        int versionIhl = (int) (w0 >>> 56);
        if ((versionIhl >>> 4) != 4) {
            return PacketDrop.IP_VERSION_MISMATCH;
        }
        int headerLength = (versionIhl & 0x0F) << 2;
        if (headerLength < MIN_HEADER) {
            return PacketDrop.IPV4_BAD_IHL;
        }
        if (headerLength > available) {
            return PacketDrop.IPV4_TRUNCATED;
        }
        int totalLength = (int) (w0 >>> 32) & 0xFFFF;
        if (totalLength > available) {
            return PacketDrop.IPV4_LEN_BEYOND_FRAME;
        }
        if (totalLength < headerLength) {
            return PacketDrop.IPV4_LEN_BELOW_HEADER;
        }
        // 32-bit big-endian words: congruent modulo 0xFFFF to the 16-bit word sum and zero exactly when it is.
        long sum = (w0 >>> 32) + (w0 & 0xFFFF_FFFFL) + (w1 >>> 32) + (w1 & 0xFFFF_FFFFL) + (w2 & 0xFFFF_FFFFL);
        if (headerLength > MIN_HEADER) {
            sum += Checksums.sum(frame, l3 + MIN_HEADER, headerLength - MIN_HEADER);
        }
        if (!Checksums.isValid(sum)) {
            return PacketDrop.IPV4_HDR_CHECKSUM;
        }
        fillHeader(w0, w1, w2, totalLength, meta);
        ParseOutcome refused = checkHeader(headerLength, meta);
        if (refused != null) {
            return refused;
        }
        if (headerLength > MIN_HEADER) {
            meta.ipOptions = parseOptions(frame, l3 + MIN_HEADER, l3 + headerLength);
        }
        return TransportParser.parse(frame, l3 + headerLength, l3 + totalLength, meta);
    }

    private static void fillHeader(long w0, long w1, int w2, int totalLength, PacketMeta meta) {
        meta.ipVersion = 4;
        meta.ipTotalLength = totalLength;
        meta.fragmentId = (int) (w0 >>> 16) & 0xFFFF;
        int flagsOffset = (int) w0 & 0xFFFF;
        meta.dontFragment = (flagsOffset & DONT_FRAGMENT) != 0;
        meta.moreFragments = (flagsOffset & MORE_FRAGMENTS) != 0;
        meta.fragmentOffset = (flagsOffset & OFFSET_MASK) << 3;
        meta.fragment = meta.moreFragments || meta.fragmentOffset != 0;
        meta.ttl = (int) (w1 >>> 56);
        meta.protocol = (int) (w1 >>> 48) & 0xFF;
        meta.srcLo = w1 & 0xFFFF_FFFFL;
        meta.dstLo = w2 & 0xFFFF_FFFFL;
    }

    /** The header checks that need no more bytes, in {@link PacketDrop} order; null when the header passes. */
    private static ParseOutcome checkHeader(int headerLength, PacketMeta meta) {
        if (meta.ttl == 0) {
            return PacketDrop.IP_TTL_ZERO;
        }
        if (isMartianSource((int) meta.srcLo)) {
            return PacketDrop.IP_MARTIAN_SOURCE;
        }
        if (meta.srcLo == meta.dstLo) {
            return PacketDrop.IP_LAND;
        }
        if (meta.fragmentOffset + meta.ipTotalLength - headerLength > MAX_DATAGRAM) {
            return PacketDrop.IP_FRAGMENT_OVERSIZE;
        }
        if (meta.protocol == 0) {
            return PacketDrop.IPV4_PROTOCOL_ZERO;
        }
        return null;
    }

    /** Multicast (224.0.0.0/4) or limited broadcast can never be a source. */
    static boolean isMartianSource(int src) {
        return (src >>> 28) == 0xE || src == -1;
    }

    /**
     * Classifies the options between {@code start} and {@code end} (at most 40 bytes, so the walk is bounded) into
     * {@link IpOptionFlags}. Type 0 ends the list, type 1 is one byte; every other option has a length byte that
     * counts the type and length bytes too (RFC 791).
     */
    static int parseOptions(MemorySegment frame, int start, int end) {
        int flags = IpOptionFlags.HAS_OPTIONS;
        int p = start;
        while (p < end) {
            int type = u8(frame, p);
            if (type == 0) {
                break;
            }
            if (type == 1) {
                p++;
                continue;
            }
            if (end - p < 2) {
                return flags | IpOptionFlags.MALFORMED;
            }
            int length = u8(frame, p + 1);
            if (length < 2 || length > end - p) {
                return flags | IpOptionFlags.MALFORMED;
            }
            flags |= IpOptionFlags.forType(type);
            p += length;
        }
        return flags;
    }
}

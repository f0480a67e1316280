package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.i32;
import static io.palisade.dataplane.packet.NetOrder.i64;
import static io.palisade.dataplane.packet.NetOrder.u16;
import static io.palisade.dataplane.packet.NetOrder.u8;

import java.lang.foreign.MemorySegment;

/**
 * IPv6 header and extension-header chain (RFC 8200), then {@link TransportParser} for the upper layer.
 *
 * <pre>
 * | ver 4 | traffic class 8 | flow label 20                    |
 * | payload length 16        | next header 8 | hop limit 8     |
 * | source address 128                                         |
 * | destination address 128                                    |
 * extension header: | next header 8 | length 8 (8-octet units, not counting the first) | ... |
 * AH:               | next header 8 | length 8 (4-octet units, minus 2)                | ... |
 * fragment:         | next header 8 | reserved 8 | offset 13 | res 2 | M 1 | identification 32 |
 * </pre>
 *
 * <p>The walk stops after {@link #MAX_EXTENSIONS} headers: each header moves forward, so a chain cannot loop, but
 * a long one costs time on every packet and is an evasion technique.
 */
final class Ipv6Parser {
    static final int HEADER = 40;
    static final int MAX_EXTENSIONS = 8;
    private static final int MIN_EXTENSION = 8;
    private static final int FRAGMENT_HEADER = 8;

    private Ipv6Parser() {}

    static ParseOutcome parse(MemorySegment frame, int l3, int end, PacketMeta meta) {
        int available = end - l3;
        if (available > 0 && (u8(frame, l3) >>> 4) != 6) {
            return PacketDrop.IP_VERSION_MISMATCH;
        }
        if (available < HEADER) {
            return PacketDrop.IPV6_TRUNCATED;
        }
        int payloadLength = u16(frame, l3 + 4);
        if (HEADER + payloadLength > available) {
            return PacketDrop.IPV6_LEN_BEYOND_FRAME;
        }
        meta.ipVersion = 6;
        meta.ipTotalLength = HEADER + payloadLength;
        meta.ttl = u8(frame, l3 + 7);
        meta.srcHi = i64(frame, l3 + 8);
        meta.srcLo = i64(frame, l3 + 16);
        meta.dstHi = i64(frame, l3 + 24);
        meta.dstLo = i64(frame, l3 + 32);
        if (meta.ttl == 0) {
            return PacketDrop.IP_TTL_ZERO;
        }
        if ((meta.srcHi >>> 56) == 0xFF) {
            return PacketDrop.IP_MARTIAN_SOURCE;
        }
        if (meta.srcHi == meta.dstHi && meta.srcLo == meta.dstLo) {
            return PacketDrop.IP_LAND;
        }
        return walkExtensions(frame, l3 + HEADER, l3 + meta.ipTotalLength, u8(frame, l3 + 6), meta);
    }

    /** The {@link Ipv6ExtensionFlags} bit of an extension header type, 0 for an upper-layer protocol. */
    static int extensionFlag(int nextHeader) {
        return switch (nextHeader) {
            case IpProtocol.HOP_BY_HOP -> Ipv6ExtensionFlags.HOP_BY_HOP;
            case IpProtocol.ROUTING -> Ipv6ExtensionFlags.ROUTING;
            case IpProtocol.FRAGMENT -> Ipv6ExtensionFlags.FRAGMENT;
            case IpProtocol.DESTINATION_OPTIONS -> Ipv6ExtensionFlags.DESTINATION_OPTIONS;
            case IpProtocol.AH -> Ipv6ExtensionFlags.AUTHENTICATION;
            case IpProtocol.MOBILITY,
                    IpProtocol.HIP,
                    IpProtocol.SHIM6,
                    IpProtocol.EXPERIMENTAL_1,
                    IpProtocol.EXPERIMENTAL_2 -> Ipv6ExtensionFlags.OTHER;
            default -> 0;
        };
    }

    /** Length in bytes of the extension header at {@code off} (at least 8 bytes are known to be there). */
    static int extensionLength(MemorySegment frame, int off, int nextHeader) {
        int units = u8(frame, off + 1);
        return nextHeader == IpProtocol.AH ? (units + 2) << 2 : (units + 1) << 3;
    }

    private static ParseOutcome walkExtensions(MemorySegment frame, int start, int l3End, int first, PacketMeta meta) {
        int off = start;
        int next = first;
        for (int count = 0; ; count++) {
            int flag = extensionFlag(next);
            if (flag == 0) {
                break;
            }
            if (count == MAX_EXTENSIONS) {
                return PacketDrop.IPV6_EXT_CHAIN_TOO_LONG;
            }
            if (l3End - off < MIN_EXTENSION) {
                return PacketDrop.IPV6_EXT_TRUNCATED;
            }
            if (next == IpProtocol.HOP_BY_HOP && count != 0) {
                return PacketDrop.IPV6_HOP_BY_HOP_NOT_FIRST;
            }
            int length = next == IpProtocol.FRAGMENT ? FRAGMENT_HEADER : extensionLength(frame, off, next);
            if (length > l3End - off) {
                return PacketDrop.IPV6_EXT_TRUNCATED;
            }
            if ((meta.ipv6Extensions & flag & Ipv6ExtensionFlags.FRAGMENT) != 0) {
                return PacketDrop.IPV6_BAD_FRAGMENT;
            }
            meta.ipv6Extensions |= flag;
            if (next == IpProtocol.ROUTING) {
                meta.ipv6Extensions |= routingFlags(frame, off);
            } else if (next == IpProtocol.FRAGMENT) {
                ParseOutcome refused = fragmentHeader(frame, off, l3End, meta);
                if (refused != null) {
                    return refused;
                }
                if (meta.fragmentOffset != 0) {
                    // Later fragments carry no headers of their own: the chain continues in the first one.
                    meta.protocol = u8(frame, off);
                    return TransportParser.parse(frame, off + FRAGMENT_HEADER, l3End, meta);
                }
            }
            next = u8(frame, off);
            off += length;
        }
        meta.protocol = next;
        return TransportParser.parse(frame, off, l3End, meta);
    }

    private static int routingFlags(MemorySegment frame, int off) {
        int flags = u8(frame, off + 2) == 0 ? Ipv6ExtensionFlags.ROUTING_TYPE_0 : 0;
        return u8(frame, off + 3) != 0 ? flags | Ipv6ExtensionFlags.ROUTING_SEGMENTS_LEFT : flags;
    }

    /** Records the fragment header at {@code off}; null when it is acceptable. */
    private static ParseOutcome fragmentHeader(MemorySegment frame, int off, int l3End, PacketMeta meta) {
        int offsetFlags = u16(frame, off + 2);
        int fragmentOffset = offsetFlags & 0xFFF8;
        boolean more = (offsetFlags & 1) != 0;
        int data = l3End - off - FRAGMENT_HEADER;
        meta.fragmentId = i32(frame, off + 4);
        if (fragmentOffset == 0 && !more) {
            return null; // atomic fragment (RFC 6946): a whole packet, processed as such
        }
        if (more && (data & 7) != 0) {
            return PacketDrop.IPV6_BAD_FRAGMENT;
        }
        if (fragmentOffset + data > Ipv4Parser.MAX_DATAGRAM) {
            return PacketDrop.IP_FRAGMENT_OVERSIZE;
        }
        meta.fragment = true;
        meta.fragmentOffset = fragmentOffset;
        meta.moreFragments = more;
        return null;
    }
}

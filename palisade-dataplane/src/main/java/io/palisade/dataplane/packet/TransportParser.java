package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.i64;
import static io.palisade.dataplane.packet.NetOrder.u16;
import static io.palisade.dataplane.packet.NetOrder.u8;

import java.lang.foreign.MemorySegment;

/**
 * TCP, UDP, ICMP and ICMPv6 headers. Only the first fragment (or an unfragmented packet) has one; later fragments
 * get an L4 offset and payload but no ports. L4 checksums are verified unless the port reported
 * {@code CHECKSUM_PARTIAL}, the packet is a fragment (the checksum covers the whole datagram) or an IPv6 routing
 * header still has segments left (the pseudo-header then names the final destination, not this one).
 *
 * <pre>
 * TCP  | src port 16 | dst port 16 | seq 32 | ack 32 | offset 4 | res 4 | flags 8 | window 16 | cksum 16 | urg 16 |
 * UDP  | src port 16 | dst port 16 | length 16 | cksum 16 |
 * ICMP | type 8 | code 8 | cksum 16 | id 16 | seq 16 |   (queries)   or   | unused 32 | embedded IP packet | (errors)
 * </pre>
 */
final class TransportParser {
    static final int TCP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int ICMP_HEADER = 8;

    private TransportParser() {}

    static ParseOutcome parse(MemorySegment frame, int l4, int l3End, PacketMeta meta) {
        meta.l4Offset = l4;
        if (meta.fragmentOffset != 0) {
            return rest(l4, l3End, meta);
        }
        return switch (meta.protocol) {
            case IpProtocol.TCP -> tcp(frame, l4, l3End, meta);
            case IpProtocol.UDP -> udp(frame, l4, l3End, meta);
            case IpProtocol.ICMP -> meta.ipVersion == 4 ? icmp(frame, l4, l3End, meta) : rest(l4, l3End, meta);
            case IpProtocol.ICMPV6 -> meta.ipVersion == 6 ? icmpv6(frame, l4, l3End, meta) : rest(l4, l3End, meta);
            default -> rest(l4, l3End, meta);
        };
    }

    private static ParseOutcome rest(int l4, int l3End, PacketMeta meta) {
        meta.payloadOffset = l4;
        meta.payloadLength = l3End - l4;
        return ParseStatus.OK;
    }

    private static boolean verifyL4(PacketMeta meta) {
        return !meta.checksumPartial
                && !meta.fragment
                && (meta.ipv6Extensions & Ipv6ExtensionFlags.ROUTING_SEGMENTS_LEFT) == 0;
    }

    private static ParseOutcome tcp(MemorySegment frame, int l4, int l3End, PacketMeta meta) {
        int length = l3End - l4;
        if (length < TCP_HEADER) {
            return PacketDrop.TCP_TRUNCATED;
        }
        // The fixed header's first 16 bytes in two loads: ports | sequence, and acknowledgement | offset and flags |
        // window.
        long portsSeq = i64(frame, l4);
        long ackRest = i64(frame, l4 + 8);
        int offsetFlags = (int) (ackRest >>> 16) & 0xFFFF;
        int dataOffset = offsetFlags >>> 12;
        if (dataOffset < 5) {
            return PacketDrop.TCP_BAD_DATA_OFFSET;
        }
        int headerLength = dataOffset << 2;
        if (headerLength > length) {
            return PacketDrop.TCP_DATA_OFFSET_BEYOND_SEGMENT;
        }
        if (verifyL4(meta)
                && !Checksums.verifyTransport(
                        frame, l4, length, Checksums.pseudoHeader(meta, IpProtocol.TCP, length))) {
            return PacketDrop.TCP_CHECKSUM;
        }
        int ports = (int) (portsSeq >>> 32);
        meta.srcPort = ports >>> 16;
        meta.dstPort = ports & 0xFFFF;
        if (meta.srcPort == 0 || meta.dstPort == 0) {
            return PacketDrop.L4_PORT_ZERO;
        }
        int flags = offsetFlags & 0xFF;
        meta.tcpFlags = flags;
        if (!TcpFlags.isValid(flags)) {
            return invalidFlags(flags);
        }
        meta.tcpSeq = (int) portsSeq;
        meta.tcpAck = (int) (ackRest >>> 32);
        meta.tcpWindow = (int) ackRest & 0xFFFF;
        meta.tcpDataOffset = dataOffset;
        meta.l4Header = true;
        meta.payloadOffset = l4 + headerLength;
        meta.payloadLength = length - headerLength;
        if ((flags & TcpFlags.SYN) != 0 && headerLength > TCP_HEADER) {
            parseTcpOptions(frame, l4 + TCP_HEADER, l4 + headerLength, meta);
        }
        return ParseStatus.OK;
    }

    /** Names the most specific reason for a combination {@link TcpFlags#isValid} refused. */
    static PacketDrop invalidFlags(int flags) {
        boolean fin = (flags & TcpFlags.FIN) != 0;
        boolean syn = (flags & TcpFlags.SYN) != 0;
        if (flags == 0) {
            return PacketDrop.TCP_NULL_FLAGS;
        } else if (syn && fin) {
            return PacketDrop.TCP_SYN_FIN;
        } else if (syn && (flags & TcpFlags.RST) != 0) {
            return PacketDrop.TCP_SYN_RST;
        } else if (fin && (flags & (TcpFlags.PSH | TcpFlags.URG)) == (TcpFlags.PSH | TcpFlags.URG)) {
            return PacketDrop.TCP_XMAS;
        } else if (fin && (flags & TcpFlags.ACK) == 0) {
            return PacketDrop.TCP_FIN_NO_ACK;
        }
        return PacketDrop.TCP_BAD_FLAGS;
    }

    /** MSS, window scale and SACK-permitted from a SYN's options (at most 40 bytes, so the walk is bounded). */
    static void parseTcpOptions(MemorySegment frame, int start, int end, PacketMeta meta) {
        meta.rareFieldsWritten = true;
        int p = start;
        while (p < end) {
            int kind = u8(frame, p);
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                p++;
                continue;
            }
            int length = end - p >= 2 ? u8(frame, p + 1) : 0;
            if (length < 2 || length > end - p) {
                meta.tcpOptionsMalformed = true;
                return;
            }
            if (kind == 2 && length == 4) {
                meta.tcpMss = u16(frame, p + 2);
            } else if (kind == 3 && length == 3) {
                meta.tcpWindowScale = u8(frame, p + 2);
            } else if (kind == 4 && length == 2) {
                meta.tcpSackPermitted = true;
            }
            p += length;
        }
    }

    private static ParseOutcome udp(MemorySegment frame, int l4, int l3End, PacketMeta meta) {
        int available = l3End - l4;
        if (available < UDP_HEADER) {
            return PacketDrop.UDP_TRUNCATED;
        }
        long header = i64(frame, l4); // the whole header in one load: ports | length | checksum
        int length = (int) (header >>> 16) & 0xFFFF;
        // A first fragment holds only part of the datagram the length field describes.
        if (length < UDP_HEADER || (!meta.fragment && length > available)) {
            return PacketDrop.UDP_BAD_LENGTH;
        }
        int checksum = (int) header & 0xFFFF;
        if (checksum == 0) {
            if (meta.ipVersion == 6 && !meta.checksumPartial) {
                return PacketDrop.UDP6_ZERO_CHECKSUM; // RFC 8200 8.1: IPv4 may omit it, IPv6 may not
            }
        } else if (verifyL4(meta)
                && !Checksums.verifyTransport(
                        frame, l4, length, Checksums.pseudoHeader(meta, IpProtocol.UDP, length))) {
            return PacketDrop.UDP_CHECKSUM;
        }
        int ports = (int) (header >>> 32);
        meta.srcPort = ports >>> 16;
        meta.dstPort = ports & 0xFFFF;
        if (meta.srcPort == 0 || meta.dstPort == 0) {
            return PacketDrop.L4_PORT_ZERO;
        }
        meta.l4Header = true;
        meta.payloadOffset = l4 + UDP_HEADER;
        meta.payloadLength = Math.min(length, available) - UDP_HEADER;
        return ParseStatus.OK;
    }

    private static ParseOutcome icmp(MemorySegment frame, int l4, int l3End, PacketMeta meta) {
        int length = l3End - l4;
        if (length < ICMP_HEADER) {
            return PacketDrop.ICMP_TRUNCATED;
        }
        if (verifyL4(meta) && !Checksums.verifyTransport(frame, l4, length, 0)) {
            return PacketDrop.ICMP_CHECKSUM;
        }
        return icmpCommon(frame, l4, l3End, meta, isIcmpQuery(u8(frame, l4)), isIcmpError(u8(frame, l4)));
    }

    private static ParseOutcome icmpv6(MemorySegment frame, int l4, int l3End, PacketMeta meta) {
        int length = l3End - l4;
        if (length < ICMP_HEADER) {
            return PacketDrop.ICMPV6_TRUNCATED;
        }
        if (verifyL4(meta)
                && !Checksums.verifyTransport(
                        frame, l4, length, Checksums.pseudoHeader(meta, IpProtocol.ICMPV6, length))) {
            return PacketDrop.ICMPV6_CHECKSUM;
        }
        int type = u8(frame, l4);
        return icmpCommon(frame, l4, l3End, meta, isIcmpv6Query(type), isIcmpv6Error(type));
    }

    private static ParseOutcome icmpCommon(
            MemorySegment frame, int l4, int l3End, PacketMeta meta, boolean query, boolean error) {
        meta.rareFieldsWritten = true; // before any ICMP field, including those IcmpErrorParser fills
        meta.icmpType = u8(frame, l4);
        meta.icmpCode = u8(frame, l4 + 1);
        meta.l4Header = true;
        meta.payloadOffset = l4 + ICMP_HEADER;
        meta.payloadLength = l3End - l4 - ICMP_HEADER;
        if (query) {
            // The identifier stands in for both ports, so a request and its reply form one flow.
            meta.icmpId = u16(frame, l4 + 4);
            meta.icmpSeq = u16(frame, l4 + 6);
            meta.srcPort = meta.icmpId;
            meta.dstPort = meta.icmpId;
        } else if (error) {
            return IcmpErrorParser.parse(frame, l4 + ICMP_HEADER, l3End, meta);
        }
        return ParseStatus.OK;
    }

    /** Echo, timestamp, information and address mask requests and replies carry an identifier. */
    static boolean isIcmpQuery(int type) {
        return type == 0 || type == 8 || (type >= 13 && type <= 18);
    }

    /** Destination unreachable, source quench, redirect, time exceeded, parameter problem. */
    static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** Echo request and reply. */
    static boolean isIcmpv6Query(int type) {
        return type == 128 || type == 129;
    }

    /** Destination unreachable, packet too big, time exceeded, parameter problem. */
    static boolean isIcmpv6Error(int type) {
        return type >= 1 && type <= 4;
    }
}

package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.i32;
import static io.palisade.dataplane.packet.NetOrder.i64;
import static io.palisade.dataplane.packet.NetOrder.u16;
import static io.palisade.dataplane.packet.NetOrder.u8;

import java.lang.foreign.MemorySegment;

/**
 * The packet embedded in an ICMP or ICMPv6 error: its addresses, protocol and ports, so the engine can find the
 * session the error refers to. The embedded packet is usually cut short (ICMPv4 quotes the IP header and 8 bytes),
 * so only its IP header must be whole; ports are read when their bytes are present. The embedded packet is the
 * one the error's receiver sent, so its source is the receiver's side of the session.
 */
final class IcmpErrorParser {
    private IcmpErrorParser() {}

    static ParseOutcome parse(MemorySegment frame, int inner, int end, PacketMeta meta) {
        meta.icmpError = true;
        meta.innerL3Offset = inner;
        int available = end - inner;
        int version = available > 0 ? u8(frame, inner) >>> 4 : 0;
        if (version != meta.ipVersion) {
            return PacketDrop.ICMP_ERROR_INNER_MALFORMED;
        }
        return version == 4 ? innerIpv4(frame, inner, end, meta) : innerIpv6(frame, inner, end, meta);
    }

    private static ParseOutcome innerIpv4(MemorySegment frame, int inner, int end, PacketMeta meta) {
        int available = end - inner;
        int headerLength = (u8(frame, inner) & 0x0F) << 2;
        if (available < Ipv4Parser.MIN_HEADER || headerLength < Ipv4Parser.MIN_HEADER || headerLength > available) {
            return PacketDrop.ICMP_ERROR_INNER_MALFORMED;
        }
        meta.innerIpVersion = 4;
        meta.innerProtocol = u8(frame, inner + 9);
        meta.innerSrcLo = i32(frame, inner + 12) & 0xFFFF_FFFFL;
        meta.innerDstLo = i32(frame, inner + 16) & 0xFFFF_FFFFL;
        boolean laterFragment = (u16(frame, inner + 6) & 0x1FFF) != 0;
        if (!laterFragment) {
            innerPorts(frame, inner + headerLength, end, meta);
        }
        return ParseStatus.OK;
    }

    private static ParseOutcome innerIpv6(MemorySegment frame, int inner, int end, PacketMeta meta) {
        if (end - inner < Ipv6Parser.HEADER) {
            return PacketDrop.ICMP_ERROR_INNER_MALFORMED;
        }
        meta.innerIpVersion = 6;
        meta.innerSrcHi = i64(frame, inner + 8);
        meta.innerSrcLo = i64(frame, inner + 16);
        meta.innerDstHi = i64(frame, inner + 24);
        meta.innerDstLo = i64(frame, inner + 32);
        int next = u8(frame, inner + 6);
        int off = inner + Ipv6Parser.HEADER;
        // The same bounded walk as the outer header, but a quote cut short just leaves the ports unknown.
        for (int count = 0; Ipv6Parser.extensionFlag(next) != 0; count++) {
            if (count == Ipv6Parser.MAX_EXTENSIONS || end - off < 8) {
                meta.innerProtocol = next;
                return ParseStatus.OK;
            }
            boolean laterFragment = next == IpProtocol.FRAGMENT && (u16(frame, off + 2) & 0xFFF8) != 0;
            int length = next == IpProtocol.FRAGMENT ? 8 : Ipv6Parser.extensionLength(frame, off, next);
            next = u8(frame, off);
            if (laterFragment) {
                meta.innerProtocol = next;
                return ParseStatus.OK;
            }
            off += length;
        }
        meta.innerProtocol = next;
        if (off <= end) {
            innerPorts(frame, off, end, meta);
        }
        return ParseStatus.OK;
    }

    private static void innerPorts(MemorySegment frame, int l4, int end, PacketMeta meta) {
        meta.innerL4Offset = l4;
        int available = end - l4;
        switch (meta.innerProtocol) {
            case IpProtocol.TCP, IpProtocol.UDP, 132 /* SCTP */, 136 /* UDP-Lite */ -> {
                if (available >= 4) {
                    meta.innerSrcPort = u16(frame, l4);
                    meta.innerDstPort = u16(frame, l4 + 2);
                }
            }
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> {
                if (available >= 6 && isEmbeddedQuery(meta.innerProtocol, u8(frame, l4))) {
                    meta.innerSrcPort = u16(frame, l4 + 4);
                    meta.innerDstPort = meta.innerSrcPort;
                }
            }
            default -> {
                // No ports to match on; the addresses and protocol still identify the session.
            }
        }
    }

    private static boolean isEmbeddedQuery(int protocol, int type) {
        return protocol == IpProtocol.ICMP ? TransportParser.isIcmpQuery(type) : TransportParser.isIcmpv6Query(type);
    }
}

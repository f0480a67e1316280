package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.u16;
import static io.palisade.dataplane.packet.NetOrder.u8;

import java.lang.foreign.MemorySegment;

/**
 * In-place NAT rewrites of a parsed frame, with incremental checksum updates (RFC 1624) and {@link PacketMeta}
 * kept in step. Call only after {@link PacketParser#parse} returned {@link ParseStatus#OK} for this frame and
 * meta; a call that does not fit the packet (an IPv6 address on IPv4, a port on a packet without ports) is a bug
 * in the caller and throws {@link IllegalStateException}.
 *
 * <p>Which checksums change:
 *
 * <pre>
 * change               IPv4 header   TCP/UDP            ICMPv4      ICMPv6
 * address              yes           yes (pseudo-hdr)   no          yes (pseudo-hdr)
 * port / echo id       -             yes                yes         yes
 * TTL / hop limit      yes           no                 no          no
 * </pre>
 *
 * A UDP checksum of zero on IPv4 means "none" and stays zero; an updated UDP checksum that comes out zero is
 * written as {@code 0xFFFF}. When {@link PacketMeta#checksumPartial()} is set the TCP/UDP field holds the
 * pseudo-header sum, not a checksum: address changes update that sum, port changes leave it alone (the checksum
 * is completed later over the final ports), as Linux does.
 */
public final class PacketRewriter {
    private PacketRewriter() {}

    /** Rewrites the IPv4 source address. */
    public static void setIpv4Source(MemorySegment frame, PacketMeta meta, int address) {
        requireVersion(meta, 4);
        int old = (int) meta.srcLo;
        rewriteIpv4Address(frame, meta, meta.l3Offset + 12, old, address);
        meta.srcLo = address & 0xFFFF_FFFFL;
    }

    /** Rewrites the IPv4 destination address. */
    public static void setIpv4Destination(MemorySegment frame, PacketMeta meta, int address) {
        requireVersion(meta, 4);
        int old = (int) meta.dstLo;
        rewriteIpv4Address(frame, meta, meta.l3Offset + 16, old, address);
        meta.dstLo = address & 0xFFFF_FFFFL;
    }

    /** Rewrites the IPv6 source address. */
    public static void setIpv6Source(MemorySegment frame, PacketMeta meta, long hi, long lo) {
        requireVersion(meta, 6);
        rewriteIpv6Address(frame, meta, meta.l3Offset + 8, meta.srcHi, meta.srcLo, hi, lo);
        meta.srcHi = hi;
        meta.srcLo = lo;
    }

    /** Rewrites the IPv6 destination address. */
    public static void setIpv6Destination(MemorySegment frame, PacketMeta meta, long hi, long lo) {
        requireVersion(meta, 6);
        rewriteIpv6Address(frame, meta, meta.l3Offset + 24, meta.dstHi, meta.dstLo, hi, lo);
        meta.dstHi = hi;
        meta.dstLo = lo;
    }

    /** Rewrites the TCP/UDP source port, or the identifier of an ICMP/ICMPv6 query (both "ports" follow). */
    public static void setSourcePort(MemorySegment frame, PacketMeta meta, int port) {
        if (isIcmpQuery(meta)) {
            setIcmpId(frame, meta, port);
            return;
        }
        requirePorts(meta);
        rewritePort(frame, meta, meta.l4Offset, meta.srcPort, port);
        meta.srcPort = port & 0xFFFF;
    }

    /** Rewrites the TCP/UDP destination port, or the identifier of an ICMP/ICMPv6 query (both "ports" follow). */
    public static void setDestinationPort(MemorySegment frame, PacketMeta meta, int port) {
        if (isIcmpQuery(meta)) {
            setIcmpId(frame, meta, port);
            return;
        }
        requirePorts(meta);
        rewritePort(frame, meta, meta.l4Offset + 2, meta.dstPort, port);
        meta.dstPort = port & 0xFFFF;
    }

    /**
     * Decrements the IPv4 TTL (updating the header checksum) or the IPv6 hop limit. A packet with a TTL of 1 or
     * less must not be forwarded: it is left unchanged and the method returns false.
     */
    public static boolean decrementTtl(MemorySegment frame, PacketMeta meta) {
        if (meta.ipVersion != 4 && meta.ipVersion != 6) {
            throw new IllegalStateException("not an IP packet: " + meta);
        }
        int l3 = meta.l3Offset;
        int ttlOffset = meta.ipVersion == 4 ? l3 + 8 : l3 + 7;
        int ttl = u8(frame, ttlOffset);
        if (ttl <= 1) {
            return false;
        }
        if (meta.ipVersion == 4) {
            int oldWord = u16(frame, l3 + 8); // TTL and protocol share one checksummed word
            int newWord = oldWord - 0x0100;
            int checksum = u16(frame, l3 + Checksums.IPV4_CHECKSUM_OFFSET);
            NetOrder.put16(frame, l3 + 8, newWord);
            NetOrder.put16(frame, l3 + Checksums.IPV4_CHECKSUM_OFFSET, Checksums.update16(checksum, oldWord, newWord));
        } else {
            NetOrder.put8(frame, ttlOffset, ttl - 1);
        }
        meta.ttl = ttl - 1;
        return true;
    }

    /**
     * Recomputes the TCP, UDP, ICMP or ICMPv6 checksum from scratch over the whole message and clears
     * {@link PacketMeta#checksumPartial()}: completes a {@code CHECKSUM_PARTIAL} frame before it leaves through a
     * port that will not. Does nothing for fragments or packets without an L4 header.
     */
    public static void completeL4Checksum(MemorySegment frame, PacketMeta meta) {
        if (!meta.l4Header || meta.fragment) {
            return;
        }
        int l4 = meta.l4Offset;
        int length = meta.l3End() - l4;
        switch (meta.protocol) {
            case IpProtocol.TCP ->
                Checksums.writeTransport(
                        frame,
                        l4,
                        length,
                        Checksums.TCP_CHECKSUM_OFFSET,
                        Checksums.pseudoHeader(meta, IpProtocol.TCP, length),
                        false);
            case IpProtocol.UDP -> {
                int udpLength = u16(frame, l4 + 4);
                Checksums.writeTransport(
                        frame,
                        l4,
                        udpLength,
                        Checksums.UDP_CHECKSUM_OFFSET,
                        Checksums.pseudoHeader(meta, IpProtocol.UDP, udpLength),
                        true);
            }
            case IpProtocol.ICMP ->
                Checksums.writeTransport(frame, l4, length, Checksums.ICMP_CHECKSUM_OFFSET, 0, false);
            case IpProtocol.ICMPV6 ->
                Checksums.writeTransport(
                        frame,
                        l4,
                        length,
                        Checksums.ICMP_CHECKSUM_OFFSET,
                        Checksums.pseudoHeader(meta, IpProtocol.ICMPV6, length),
                        false);
            default -> {
                // No checksum the parser knows of.
            }
        }
        meta.checksumPartial = false;
    }

    private static void rewriteIpv4Address(MemorySegment frame, PacketMeta meta, int at, int old, int address) {
        int l3 = meta.l3Offset;
        int checksumAt = l3 + Checksums.IPV4_CHECKSUM_OFFSET;
        NetOrder.put32(frame, at, address);
        NetOrder.put16(frame, checksumAt, Checksums.update32(u16(frame, checksumAt), old, address));
        int field = pseudoHeaderChecksumField(meta);
        if (field < 0) {
            return;
        }
        int value = u16(frame, field);
        if (skipUdpZero(meta, value)) {
            return;
        }
        int updated = meta.checksumPartial && !isIcmp(meta)
                ? Checksums.updatePartial32(value, old, address)
                : Checksums.update32(value, old, address);
        NetOrder.put16(frame, field, udpNonZero(meta, updated));
    }

    private static void rewriteIpv6Address(
            MemorySegment frame, PacketMeta meta, int at, long oldHi, long oldLo, long hi, long lo) {
        NetOrder.put64(frame, at, hi);
        NetOrder.put64(frame, at + 8, lo);
        int field = pseudoHeaderChecksumField(meta);
        if (field < 0) {
            return;
        }
        int value = u16(frame, field);
        int updated = meta.checksumPartial && !isIcmp(meta)
                ? Checksums.updatePartial128(value, oldHi, oldLo, hi, lo)
                : Checksums.update128(value, oldHi, oldLo, hi, lo);
        NetOrder.put16(frame, field, udpNonZero(meta, updated));
    }

    private static void rewritePort(MemorySegment frame, PacketMeta meta, int at, int old, int port) {
        NetOrder.put16(frame, at, port);
        if (meta.checksumPartial) {
            return; // ports are not in the pseudo-header sum the field holds
        }
        int field = meta.l4Offset
                + (meta.protocol == IpProtocol.TCP ? Checksums.TCP_CHECKSUM_OFFSET : Checksums.UDP_CHECKSUM_OFFSET);
        int value = u16(frame, field);
        if (skipUdpZero(meta, value)) {
            return;
        }
        NetOrder.put16(frame, field, udpNonZero(meta, Checksums.update16(value, old, port)));
    }

    private static void setIcmpId(MemorySegment frame, PacketMeta meta, int id) {
        int at = meta.l4Offset + 4;
        int field = meta.l4Offset + Checksums.ICMP_CHECKSUM_OFFSET;
        int old = u16(frame, at);
        NetOrder.put16(frame, at, id);
        NetOrder.put16(frame, field, Checksums.update16(u16(frame, field), old, id));
        meta.rareFieldsWritten = true;
        meta.icmpId = id & 0xFFFF;
        meta.srcPort = meta.icmpId;
        meta.dstPort = meta.icmpId;
    }

    /** Offset of the L4 checksum that covers the addresses, or -1 (ICMPv4, later fragments, other protocols). */
    private static int pseudoHeaderChecksumField(PacketMeta meta) {
        if (!meta.l4Header) {
            return -1;
        }
        return switch (meta.protocol) {
            case IpProtocol.TCP -> meta.l4Offset + Checksums.TCP_CHECKSUM_OFFSET;
            case IpProtocol.UDP -> meta.l4Offset + Checksums.UDP_CHECKSUM_OFFSET;
            case IpProtocol.ICMPV6 -> meta.l4Offset + Checksums.ICMP_CHECKSUM_OFFSET;
            default -> -1;
        };
    }

    private static boolean isIcmp(PacketMeta meta) {
        return meta.protocol == IpProtocol.ICMP || meta.protocol == IpProtocol.ICMPV6;
    }

    private static boolean isIcmpQuery(PacketMeta meta) {
        return meta.l4Header && isIcmp(meta) && meta.icmpId >= 0;
    }

    private static boolean skipUdpZero(PacketMeta meta, int checksum) {
        return checksum == 0 && meta.protocol == IpProtocol.UDP && meta.ipVersion == 4;
    }

    private static int udpNonZero(PacketMeta meta, int checksum) {
        return checksum == 0 && meta.protocol == IpProtocol.UDP && !meta.checksumPartial ? 0xFFFF : checksum;
    }

    private static void requireVersion(PacketMeta meta, int version) {
        if (meta.ipVersion != version) {
            throw new IllegalStateException("not an IPv" + version + " packet: " + meta);
        }
    }

    private static void requirePorts(PacketMeta meta) {
        if (!meta.l4Header || (meta.protocol != IpProtocol.TCP && meta.protocol != IpProtocol.UDP)) {
            throw new IllegalStateException("no TCP/UDP header to rewrite: " + meta);
        }
    }
}

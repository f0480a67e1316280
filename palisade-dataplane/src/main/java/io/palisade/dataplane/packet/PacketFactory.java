package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.put16;
import static io.palisade.dataplane.packet.NetOrder.put32;
import static io.palisade.dataplane.packet.NetOrder.put64;
import static io.palisade.dataplane.packet.NetOrder.put8;

import java.lang.foreign.MemorySegment;

/**
 * Frames the engine generates itself: ARP replies, requests and gratuitous ARP, TCP resets for the reset-*
 * actions, ICMP destination-unreachable and time-exceeded errors, and ICMP echo replies. Each method writes
 * into a caller-owned scratch segment (no allocation) and returns the frame length. Addresses follow the
 * engine's convention: IPv4 in the low 32 bits of {@code lo}; IPv6 as two big-endian halves.
 *
 * <pre>
 * Ethernet | dst 6 | src 6 | type 2 |
 * ARP      | htype 2 | ptype 2 | hlen 1 | plen 1 | op 2 | sha 6 | spa 4 | tha 6 | tpa 4 |
 * </pre>
 */
public final class PacketFactory {
    public static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final int ETH = 14;
    private static final int IPV4 = 20;
    private static final int IPV6 = 40;
    private static final int TCP = 20;
    /** ICMP errors quote the offending IP header and this much of what follows (RFC 792). */
    private static final int QUOTED_L4 = 8;
    /** ICMPv6 errors quote as much as fits in the minimum MTU (RFC 4443). */
    private static final int IPV6_MIN_MTU = 1280;

    private PacketFactory() {}

    public static void putMac(MemorySegment f, long offset, long mac) {
        put16(f, offset, (int) (mac >>> 32));
        put32(f, offset + 2, (int) mac);
    }

    public static int ethernet(MemorySegment f, long dstMac, long srcMac, int etherType) {
        putMac(f, 0, dstMac);
        putMac(f, 6, srcMac);
        put16(f, 12, etherType);
        return ETH;
    }

    /** An ARP packet (request op 1, reply op 2). */
    public static int arp(
            MemorySegment f, int op, long ethDst, long senderMac, int senderIp, long targetMac, int targetIp) {
        ethernet(f, ethDst, senderMac, EtherType.ARP);
        put16(f, ETH, 1);
        put16(f, ETH + 2, EtherType.IPV4);
        put8(f, ETH + 4, 6);
        put8(f, ETH + 5, 4);
        put16(f, ETH + 6, op);
        putMac(f, ETH + 8, senderMac);
        put32(f, ETH + 14, senderIp);
        putMac(f, ETH + 18, targetMac);
        put32(f, ETH + 24, targetIp);
        return ETH + 28;
    }

    public static int arpReply(MemorySegment f, long ourMac, int ourIp, long theirMac, int theirIp) {
        return arp(f, 2, theirMac, ourMac, ourIp, theirMac, theirIp);
    }

    public static int arpRequest(MemorySegment f, long ourMac, int ourIp, int wantedIp) {
        return arp(f, 1, BROADCAST, ourMac, ourIp, 0, wantedIp);
    }

    /** Gratuitous ARP: a broadcast request for our own address, so neighbours and switches learn the MAC. */
    public static int gratuitousArp(MemorySegment f, long mac, int ip) {
        return arp(f, 1, BROADCAST, mac, ip, 0, ip);
    }

    /** An IPv4 header without options; returns its length. Total length covers {@code payloadLength}. */
    static int ipv4Header(MemorySegment f, long at, int protocol, int src, int dst, int payloadLength) {
        put8(f, at, 0x45);
        put8(f, at + 1, 0);
        put16(f, at + 2, IPV4 + payloadLength);
        put16(f, at + 4, 0);
        put16(f, at + 6, 0x4000);
        put8(f, at + 8, 64);
        put8(f, at + 9, protocol);
        put16(f, at + 10, 0);
        put32(f, at + 12, src);
        put32(f, at + 16, dst);
        Checksums.writeIpv4Header(f, at, IPV4);
        return IPV4;
    }

    static int ipv6Header(
            MemorySegment f, long at, int protocol, long srcHi, long srcLo, long dstHi, long dstLo, int payloadLength) {
        put32(f, at, 0x6000_0000);
        put16(f, at + 4, payloadLength);
        put8(f, at + 6, protocol);
        put8(f, at + 7, 64);
        put64(f, at + 8, srcHi);
        put64(f, at + 16, srcLo);
        put64(f, at + 24, dstHi);
        put64(f, at + 32, dstLo);
        return IPV6;
    }

    /**
     * A TCP reset from {@code src} to {@code dst}. For a reset answering a segment, pass that segment's ACK as
     * {@code seq} (or 0 with {@code ack} = its SEQ + length and the ACK flag) per RFC 793.
     */
    public static int tcpReset(
            MemorySegment f,
            long dstMac,
            long srcMac,
            int ipVersion,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int srcPort,
            int dstPort,
            int seq,
            int ack,
            boolean withAck) {
        boolean v4 = ipVersion == 4;
        ethernet(f, dstMac, srcMac, v4 ? EtherType.IPV4 : EtherType.IPV6);
        int ip = v4
                ? ipv4Header(f, ETH, IpProtocol.TCP, (int) srcLo, (int) dstLo, TCP)
                : ipv6Header(f, ETH, IpProtocol.TCP, srcHi, srcLo, dstHi, dstLo, TCP);
        long t = ETH + ip;
        put16(f, t, srcPort);
        put16(f, t + 2, dstPort);
        put32(f, t + 4, seq);
        put32(f, t + 8, withAck ? ack : 0);
        put8(f, t + 12, 5 << 4);
        put8(f, t + 13, TcpFlags.RST | (withAck ? TcpFlags.ACK : 0));
        put16(f, t + 14, 0);
        put16(f, t + 16, 0);
        put16(f, t + 18, 0);
        long pseudo = v4
                ? Checksums.pseudoHeaderIpv4((int) srcLo, (int) dstLo, IpProtocol.TCP, TCP)
                : Checksums.pseudoHeaderIpv6(srcHi, srcLo, dstHi, dstLo, IpProtocol.TCP, TCP);
        Checksums.writeTransport(f, t, TCP, Checksums.TCP_CHECKSUM_OFFSET, pseudo, false);
        return (int) t + TCP;
    }

    /**
     * An ICMP (or ICMPv6) error from {@code src} to {@code dst} quoting the packet at {@code original[l3Offset..]}:
     * destination unreachable (type 3 code 13 / ICMPv6 1 code 1) or time exceeded (11 / ICMPv6 3).
     */
    public static int icmpError(
            MemorySegment f,
            long dstMac,
            long srcMac,
            int ipVersion,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int type,
            int code,
            MemorySegment original,
            int l3Offset,
            int l3Length,
            int headerLength) {
        boolean v4 = ipVersion == 4;
        int quoted = v4 ? Math.min(l3Length, headerLength + QUOTED_L4) : Math.min(l3Length, IPV6_MIN_MTU - IPV6 - 8);
        quoted = (int) Math.min(quoted, f.byteSize() - ETH - (v4 ? IPV4 : IPV6) - 8);
        int icmpLength = 8 + quoted;
        ethernet(f, dstMac, srcMac, v4 ? EtherType.IPV4 : EtherType.IPV6);
        int proto = v4 ? IpProtocol.ICMP : IpProtocol.ICMPV6;
        int ip = v4
                ? ipv4Header(f, ETH, proto, (int) srcLo, (int) dstLo, icmpLength)
                : ipv6Header(f, ETH, proto, srcHi, srcLo, dstHi, dstLo, icmpLength);
        long t = ETH + ip;
        put8(f, t, type);
        put8(f, t + 1, code);
        put16(f, t + 2, 0);
        put32(f, t + 4, 0);
        MemorySegment.copy(original, l3Offset, f, t + 8, quoted);
        long pseudo = v4 ? 0 : Checksums.pseudoHeaderIpv6(srcHi, srcLo, dstHi, dstLo, proto, icmpLength);
        Checksums.writeTransport(f, t, icmpLength, Checksums.ICMP_CHECKSUM_OFFSET, pseudo, false);
        return (int) t + icmpLength;
    }

    /**
     * Turns an ICMP/ICMPv6 echo request in {@code frame} into the reply, in place: swaps MACs and addresses,
     * sets the type, recomputes the checksums. The meta must describe the frame.
     */
    public static void echoReplyInPlace(MemorySegment frame, PacketMeta meta) {
        long l2 = meta.l2Offset();
        long dst = NetOrder.u48(frame, l2);
        long src = NetOrder.u48(frame, l2 + 6);
        putMac(frame, l2, src);
        putMac(frame, l2 + 6, dst);
        long l3 = meta.l3Offset();
        long l4 = meta.l4Offset();
        int l4Length = meta.l3End() - meta.l4Offset();
        if (meta.ipVersion() == 4) {
            int s = meta.srcIpv4();
            put32(frame, l3 + 12, meta.dstIpv4());
            put32(frame, l3 + 16, s);
            put8(frame, l3 + 8, 64);
            Checksums.writeIpv4Header(frame, l3, meta.l4Offset() - meta.l3Offset());
            put8(frame, l4, 0);
            Checksums.writeTransport(frame, l4, l4Length, Checksums.ICMP_CHECKSUM_OFFSET, 0, false);
        } else {
            put64(frame, l3 + 8, meta.dstAddrHi());
            put64(frame, l3 + 16, meta.dstAddrLo());
            put64(frame, l3 + 24, meta.srcAddrHi());
            put64(frame, l3 + 32, meta.srcAddrLo());
            put8(frame, l3 + 7, 64);
            put8(frame, l4, 129);
            long pseudo = Checksums.pseudoHeaderIpv6(
                    meta.dstAddrHi(),
                    meta.dstAddrLo(),
                    meta.srcAddrHi(),
                    meta.srcAddrLo(),
                    IpProtocol.ICMPV6,
                    l4Length);
            Checksums.writeTransport(frame, l4, l4Length, Checksums.ICMP_CHECKSUM_OFFSET, pseudo, false);
        }
    }
}

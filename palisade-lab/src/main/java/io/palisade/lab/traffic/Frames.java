package io.palisade.lab.traffic;

import io.palisade.dataplane.packet.Checksums;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The generator's wire format: untagged Ethernet II, IPv4 without options, TCP without options or UDP, with
 * correct IPv4, TCP and UDP checksums (the engine verifies them). One place writes and reads every field.
 *
 * <pre>
 * Ethernet | dst 6 | src 6 | type 2 (0x0800) |                                     offset 0, 14 bytes
 * IPv4     | 0x45 | tos | total 2 | id 2 | DF 2 | ttl | proto | csum 2 | src 4 | dst 4 |   offset 14, 20 bytes
 * TCP      | sport 2 | dport 2 | seq 4 | ack 4 | off 0x50 | flags | win 2 | csum 2 | urg 2 | offset 34, 20 bytes
 * UDP      | sport 2 | dport 2 | length 2 | csum 2 |                                offset 34, 8 bytes
 * </pre>
 */
public final class Frames {
    static final int ETH = 14;
    static final int IP = 20;
    static final int L4 = ETH + IP;
    static final int TCP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;

    /** TCP flags. */
    static final int FIN = 0x01;

    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    /** Largest frame the generator builds or reads. */
    static final int MAX_FRAME = 1514;

    private Frames() {}

    /**
     * Writes a TCP segment into {@code out} (from position 0) and returns the frame length.
     *
     * @param payloadBytes payload length; the payload is a repeating pattern
     */
    static int tcp(
            ByteBuffer out,
            long dstMac,
            long srcMac,
            int srcIp,
            int dstIp,
            int srcPort,
            int dstPort,
            int seq,
            int ack,
            int flags,
            int payloadBytes) {
        int l4Length = TCP_HEADER + payloadBytes;
        int length = ipv4(out, dstMac, srcMac, srcIp, dstIp, PROTO_TCP, l4Length);
        out.putShort(L4, (short) srcPort);
        out.putShort(L4 + 2, (short) dstPort);
        out.putInt(L4 + 4, seq);
        out.putInt(L4 + 8, ack);
        out.put(L4 + 12, (byte) 0x50);
        out.put(L4 + 13, (byte) flags);
        out.putShort(L4 + 14, (short) 0xffff);
        out.putShort(L4 + 18, (short) 0);
        fill(out, L4 + TCP_HEADER, payloadBytes, seq);
        MemorySegment s = MemorySegment.ofBuffer(out.duplicate().clear());
        Checksums.writeTransport(
                s,
                L4,
                l4Length,
                Checksums.TCP_CHECKSUM_OFFSET,
                Checksums.pseudoHeaderIpv4(srcIp, dstIp, PROTO_TCP, l4Length),
                false);
        return length;
    }

    /** Writes a UDP datagram carrying two longs (e.g. a probe's sequence and send time); returns the length. */
    static int udp(
            ByteBuffer out,
            long dstMac,
            long srcMac,
            int srcIp,
            int dstIp,
            int srcPort,
            int dstPort,
            long first,
            long second) {
        int l4Length = UDP_HEADER + 16;
        int length = ipv4(out, dstMac, srcMac, srcIp, dstIp, PROTO_UDP, l4Length);
        out.putShort(L4, (short) srcPort);
        out.putShort(L4 + 2, (short) dstPort);
        out.putShort(L4 + 4, (short) l4Length);
        out.putShort(L4 + 6, (short) 0);
        out.putLong(L4 + UDP_HEADER, first);
        out.putLong(L4 + UDP_HEADER + 8, second);
        MemorySegment s = MemorySegment.ofBuffer(out.duplicate().clear());
        Checksums.writeTransport(
                s,
                L4,
                l4Length,
                Checksums.UDP_CHECKSUM_OFFSET,
                Checksums.pseudoHeaderIpv4(srcIp, dstIp, PROTO_UDP, l4Length),
                true);
        return length;
    }

    private static int ipv4(ByteBuffer out, long dstMac, long srcMac, int srcIp, int dstIp, int proto, int l4Length) {
        out.clear().order(ByteOrder.BIG_ENDIAN);
        putMac(out, 0, dstMac);
        putMac(out, 6, srcMac);
        out.putShort(12, (short) 0x0800);
        out.put(ETH, (byte) 0x45);
        out.put(ETH + 1, (byte) 0);
        out.putShort(ETH + 2, (short) (IP + l4Length));
        out.putShort(ETH + 4, (short) 0);
        out.putShort(ETH + 6, (short) 0x4000);
        out.put(ETH + 8, (byte) 64);
        out.put(ETH + 9, (byte) proto);
        out.putShort(ETH + 10, (short) 0);
        out.putInt(ETH + 12, srcIp);
        out.putInt(ETH + 16, dstIp);
        Checksums.writeIpv4Header(MemorySegment.ofBuffer(out.duplicate().clear()), ETH, IP);
        int length = ETH + IP + l4Length;
        out.limit(length).position(0);
        return length;
    }

    private static void putMac(ByteBuffer out, int at, long mac) {
        out.putShort(at, (short) (mac >>> 32));
        out.putInt(at + 2, (int) mac);
    }

    private static void fill(ByteBuffer out, int at, int n, int seed) {
        for (int i = 0; i < n; i++) {
            out.put(at + i, (byte) ('a' + (seed + i) % 26));
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Whether a received frame is an IPv4 TCP or UDP frame the generator can read (headers present). */
    static int protocol(ByteBuffer f, int length) {
        if (length < L4 + UDP_HEADER || f.getShort(12) != 0x0800 || (f.get(ETH) & 0xff) != 0x45) {
            return -1;
        }
        int proto = f.get(ETH + 9) & 0xff;
        if (proto == PROTO_TCP && length < L4 + TCP_HEADER) {
            return -1;
        }
        return proto;
    }

    static int srcIp(ByteBuffer f) {
        return f.getInt(ETH + 12);
    }

    static int dstIp(ByteBuffer f) {
        return f.getInt(ETH + 16);
    }

    static int srcPort(ByteBuffer f) {
        return f.getShort(L4) & 0xffff;
    }

    static int dstPort(ByteBuffer f) {
        return f.getShort(L4 + 2) & 0xffff;
    }

    static int seq(ByteBuffer f) {
        return f.getInt(L4 + 4);
    }

    static int ack(ByteBuffer f) {
        return f.getInt(L4 + 8);
    }

    static int flags(ByteBuffer f) {
        return f.get(L4 + 13) & 0x3f;
    }

    /** TCP payload length from the IPv4 total length and the TCP data offset. */
    static int tcpPayload(ByteBuffer f) {
        int total = f.getShort(ETH + 2) & 0xffff;
        int offset = ((f.get(L4 + 12) & 0xff) >>> 4) * 4;
        return Math.max(0, total - IP - offset);
    }

    static long udpFirst(ByteBuffer f) {
        return f.getLong(L4 + UDP_HEADER);
    }

    static long udpSecond(ByteBuffer f) {
        return f.getLong(L4 + UDP_HEADER + 8);
    }

    /** {@code a.b.c.d} as an int. */
    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    static String ipText(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
    }
}

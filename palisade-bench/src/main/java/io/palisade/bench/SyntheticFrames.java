package io.palisade.bench;

import io.palisade.dataplane.packet.Checksums;
import io.palisade.dataplane.packet.EtherType;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.NetOrder;
import io.palisade.dataplane.packet.PacketFactory;
import java.lang.foreign.MemorySegment;

/** Writes benchmark frames (Ethernet/IPv4 with UDP or TCP SYN, correct checksums) into preallocated memory. */
final class SyntheticFrames {
    static final long CLIENT_MAC = 0x0200_0000_000cL;
    static final long SERVER_MAC = 0x0200_0000_0005L;

    private SyntheticFrames() {}

    /** A UDP frame of exactly {@code frameLength} bytes (at least 42). */
    static void udp(MemorySegment f, long at, int frameLength, int src, int dst, int sport, int dport) {
        int ipLength = frameLength - 14;
        header(f, at, src, dst, IpProtocol.UDP, ipLength);
        long l4 = at + 34;
        int l4Length = ipLength - 20;
        NetOrder.put16(f, l4, sport);
        NetOrder.put16(f, l4 + 2, dport);
        NetOrder.put16(f, l4 + 4, l4Length);
        for (long p = l4 + 8; p < at + frameLength; p++) {
            f.set(java.lang.foreign.ValueLayout.JAVA_BYTE, p, (byte) 0x5a);
        }
        Checksums.writeTransport(
                f,
                l4,
                l4Length,
                Checksums.UDP_CHECKSUM_OFFSET,
                Checksums.pseudoHeaderIpv4(src, dst, IpProtocol.UDP, l4Length),
                true);
    }

    /** A 60-byte TCP SYN frame (padded to the Ethernet minimum). */
    static void tcpSyn(MemorySegment f, long at, int src, int dst, int sport, int dport) {
        header(f, at, src, dst, IpProtocol.TCP, 40);
        long l4 = at + 34;
        NetOrder.put16(f, l4, sport);
        NetOrder.put16(f, l4 + 2, dport);
        NetOrder.put32(f, l4 + 4, 1000);
        NetOrder.put32(f, l4 + 8, 0);
        NetOrder.put8(f, l4 + 12, 5 << 4);
        NetOrder.put8(f, l4 + 13, 0x02);
        NetOrder.put16(f, l4 + 14, 65535);
        NetOrder.put16(f, l4 + 16, 0);
        NetOrder.put16(f, l4 + 18, 0);
        Checksums.writeTransport(
                f,
                l4,
                20,
                Checksums.TCP_CHECKSUM_OFFSET,
                Checksums.pseudoHeaderIpv4(src, dst, IpProtocol.TCP, 20),
                false);
        for (long p = at + 54; p < at + 60; p++) {
            f.set(java.lang.foreign.ValueLayout.JAVA_BYTE, p, (byte) 0);
        }
    }

    private static void header(MemorySegment f, long at, int src, int dst, int protocol, int ipLength) {
        PacketFactory.putMac(f, at, SERVER_MAC);
        PacketFactory.putMac(f, at + 6, CLIENT_MAC);
        NetOrder.put16(f, at + 12, EtherType.IPV4);
        long ip = at + 14;
        NetOrder.put8(f, ip, 0x45);
        NetOrder.put8(f, ip + 1, 0);
        NetOrder.put16(f, ip + 2, ipLength);
        NetOrder.put16(f, ip + 4, 0);
        NetOrder.put16(f, ip + 6, 0x4000);
        NetOrder.put8(f, ip + 8, 64);
        NetOrder.put8(f, ip + 9, protocol);
        NetOrder.put32(f, ip + 12, src);
        NetOrder.put32(f, ip + 16, dst);
        Checksums.writeIpv4Header(f, ip, 20);
    }
}

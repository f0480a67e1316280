package io.palisade.linux.packet;

import java.nio.ByteBuffer;

/** Builds Ethernet/IPv4/UDP frames for the AF_PACKET tests (UDP checksum 0: "none", valid for IPv4). */
final class TestFrames {
    static final int ETH_HEADER = 14;
    static final int IPV4_HEADER = 20;
    static final int UDP_HEADER = 8;
    /** Offset of the UDP destination port in an untagged IPv4 frame without options. */
    static final int UDP_DST_PORT_OFFSET = ETH_HEADER + IPV4_HEADER + 2;

    private TestFrames() {}

    static byte[] udp(
            byte[] dstMac, byte[] srcMac, byte[] srcIp, byte[] dstIp, int srcPort, int dstPort, byte[] payload) {
        int ipLength = IPV4_HEADER + UDP_HEADER + payload.length;
        ByteBuffer b = ByteBuffer.allocate(ETH_HEADER + ipLength);
        b.put(dstMac).put(srcMac).putShort((short) 0x0800);
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength);
        b.putShort((short) 0).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 17).putShort((short) 0);
        b.put(srcIp).put(dstIp);
        b.putShort(ip + 10, ipChecksum(b.array(), ip, IPV4_HEADER));
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (UDP_HEADER + payload.length));
        b.putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    static short ipChecksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((data[offset + i] & 0xff) << 8) | (data[offset + i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    static byte[] ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            ip[i] = (byte) Integer.parseInt(parts[i]);
        }
        return ip;
    }

    /** UDP destination port of an untagged IPv4/UDP frame, or -1 for anything else. */
    static int udpDestinationPort(byte[] frame, int length) {
        if (length < UDP_DST_PORT_OFFSET + 2 || frame[12] != 0x08 || frame[13] != 0x00 || frame[23] != 17) {
            return -1;
        }
        return ((frame[UDP_DST_PORT_OFFSET] & 0xff) << 8) | (frame[UDP_DST_PORT_OFFSET + 1] & 0xff);
    }

    /** UDP source port of an untagged IPv4/UDP frame, or -1 for anything else. */
    static int udpSourcePort(byte[] frame, int length) {
        if (udpDestinationPort(frame, length) < 0) {
            return -1;
        }
        return ((frame[UDP_DST_PORT_OFFSET - 2] & 0xff) << 8) | (frame[UDP_DST_PORT_OFFSET - 1] & 0xff);
    }
}

package io.palisade.node;

import io.palisade.dataplane.port.MemoryPort;
import io.palisade.testkit.packets.FrameBuilder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The hosts around a layer-3 test node: clients on 198.18.10.0/24 behind ethernet1/1 and one server 198.18.20.10
 * behind ethernet1/2, source NATed to the interface address 198.18.20.1. Builds their frames (addressed to the
 * pair's virtual MACs) and reads the node's output.
 */
final class L3Hosts {
    static final String FW_INSIDE = "198.18.10.1";
    static final String FW_OUTSIDE = "198.18.20.1";
    static final String SERVER = "198.18.20.10";
    static final String SERVER_MAC = "02:00:00:00:20:10";
    static final int SERVER_PORT = 443;
    /** PAN-OS virtual MACs of group 1: 00:1b:17:00:01:<interface number>. */
    static final String VMAC_INSIDE = "00:1b:17:00:01:01";

    static final String VMAC_OUTSIDE = "00:1b:17:00:01:02";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private L3Hosts() {}

    static String client(int i) {
        return "198.18.10." + (10 + i);
    }

    static String clientMac(int i) {
        return String.format("02:00:00:00:10:%02x", i);
    }

    static int clientPort(int i) {
        return 40_000 + i;
    }

    /** A host announcing itself (ARP request for the firewall's address): the node learns its MAC. */
    static byte[] arpFromServer() {
        return FrameBuilder.ethernet()
                .macs(SERVER_MAC, BROADCAST)
                .arp(1, SERVER_MAC, SERVER, "00:00:00:00:00:00", FW_OUTSIDE)
                .build();
    }

    static byte[] arpFromClient(int i) {
        return FrameBuilder.ethernet()
                .macs(clientMac(i), BROADCAST)
                .arp(1, clientMac(i), client(i), "00:00:00:00:00:00", FW_INSIDE)
                .build();
    }

    static byte[] arpReplyFromServer(String fwMac) {
        return FrameBuilder.ethernet()
                .macs(SERVER_MAC, fwMac)
                .arp(2, SERVER_MAC, SERVER, fwMac, FW_OUTSIDE)
                .build();
    }

    static byte[] arpReplyFromClient(int i, String fwMac) {
        return FrameBuilder.ethernet()
                .macs(clientMac(i), fwMac)
                .arp(2, clientMac(i), client(i), fwMac, FW_INSIDE)
                .build();
    }

    /** Client i to the server (before NAT). */
    static byte[] c2s(int i, int flags, int seq, int ack, String payload) {
        return FrameBuilder.ethernet()
                .macs(clientMac(i), VMAC_INSIDE)
                .ipv4(client(i), SERVER)
                .tcp(clientPort(i), SERVER_PORT)
                .flags(flags)
                .seqAck(seq, ack)
                .payload(payload)
                .build();
    }

    /** The server to the translated address and port of a connection. */
    static byte[] s2c(int natPort, int flags, int seq, int ack, String payload) {
        return FrameBuilder.ethernet()
                .macs(SERVER_MAC, VMAC_OUTSIDE)
                .ipv4(SERVER, FW_OUTSIDE)
                .tcp(SERVER_PORT, natPort)
                .flags(flags)
                .seqAck(seq, ack)
                .payload(payload)
                .build();
    }

    /** The IPv4/TCP fields of a frame the node sent; null for anything else (ARP). */
    record Tcp(String srcIp, int srcPort, String dstIp, int dstPort, String dstMac, int flags) {}

    static Tcp parse(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f);
        if (f.length < 54 || (b.getShort(12) & 0xffff) != 0x0800 || f[23] != 6) {
            return null;
        }
        int ihl = (f[14] & 0x0f) * 4;
        int l4 = 14 + ihl;
        return new Tcp(
                ip(f, 26),
                b.getShort(l4) & 0xffff,
                ip(f, 30),
                b.getShort(l4 + 2) & 0xffff,
                mac(f, 0),
                f[l4 + 13] & 0xff);
    }

    /**
     * The IPs whose MAC the node asked for in the ARP requests among {@code frames} (gratuitous ARP, where the
     * sender announces its own address, is not a question).
     */
    static List<String> arpRequests(List<byte[]> frames) {
        return frames.stream()
                .filter(f -> f.length >= 42 && (ByteBuffer.wrap(f).getShort(12) & 0xffff) == 0x0806)
                .filter(f -> ByteBuffer.wrap(f).getShort(20) == 1)
                .filter(f -> !ip(f, 28).equals(ip(f, 38)))
                .map(f -> ip(f, 38))
                .toList();
    }

    private static String ip(byte[] f, int at) {
        return (f[at] & 0xff) + "." + (f[at + 1] & 0xff) + "." + (f[at + 2] & 0xff) + "." + (f[at + 3] & 0xff);
    }

    private static String mac(byte[] f, int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", f[at + i] & 0xff));
        }
        return sb.toString();
    }

    /** Queues every frame of {@code frames} on {@code port}. */
    static void inject(MemoryPort port, List<byte[]> frames) {
        frames.forEach(port::inject);
    }
}

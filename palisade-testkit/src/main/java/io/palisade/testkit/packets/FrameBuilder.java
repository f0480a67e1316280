package io.palisade.testkit.packets;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds test frames layer by layer: a link header (Ethernet with up to any number of VLAN tags, Linux SLL/SLL2,
 * BSD loopback, or none), then ARP, IPv4 (options, fragments) or IPv6 (extension headers, fragments), then TCP
 * (options), UDP, ICMP/ICMPv6 (queries and errors with an embedded packet) or raw bytes. Checksums and lengths
 * are correct by default; the {@code corrupt*}, {@code zero*} and length override methods break exactly one
 * thing, and the checksums are computed after the overrides so that only the intended defect remains.
 *
 * <pre>{@code
 * byte[] syn = FrameBuilder.ethernet().vlan(10).ipv4("198.18.0.1", "198.18.1.1")
 *         .tcp(40000, 443).flags(FrameBuilder.SYN).tcpOptions(2, 4, 0x05, 0xB4).build();
 * }</pre>
 *
 * Checksums are computed by {@link InetChecksum}, independently of the data plane's own code.
 */
public final class FrameBuilder {
    /** Link-layer header in front of the packet, with its pcap link type number. */
    public enum Link {
        ETHERNET(1),
        RAW(101),
        LINUX_SLL(113),
        LINUX_SLL2(276),
        /** BSD loopback written by a little-endian host (link type 0). */
        NULL_LITTLE_ENDIAN(0),
        /** BSD loopback written by a big-endian host (link type 0). */
        NULL_BIG_ENDIAN(0),
        /** OpenBSD loopback, family in network byte order (link type 108). */
        LOOP(108);

        private final int linkType;

        Link(int linkType) {
            this.linkType = linkType;
        }

        /** The pcap {@code LINKTYPE_*} value. */
        public int linkType() {
            return linkType;
        }
    }

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_ARP = 0x0806;

    private enum L4 {
        NONE,
        TCP,
        UDP,
        ICMP,
        RAW
    }

    private record Extension(int type, byte[] bytes) {}

    private Link link = Link.ETHERNET;
    private byte[] srcMac = Addresses.mac("02:00:00:00:00:01");
    private byte[] dstMac = Addresses.mac("02:00:00:00:00:02");
    private final List<int[]> tags = new ArrayList<>();
    private Integer etherTypeOverride;

    private int ipVersion;
    private byte[] src;
    private byte[] dst;
    private int ttl = 64;
    private int ipId = 1;
    private boolean dontFragment;
    private int fragmentOffset;
    private boolean moreFragments;
    private byte[] ipOptions = new byte[0];
    private Integer protocolOverride;
    private Integer ihlOverride;
    private Integer totalLengthOverride;
    private Integer versionOverride;
    private Integer payloadLengthOverride;
    private final List<Extension> extensions = new ArrayList<>();
    private boolean laterIpv6Fragment;

    private L4 l4 = L4.NONE;
    private int rawProtocol;
    private int srcPort;
    private int dstPort;
    private int tcpFlags = ACK;
    private int seq = 1000;
    private int ack;
    private int window = 65535;
    private byte[] tcpOptions = new byte[0];
    private Integer dataOffsetOverride;
    private Integer udpLengthOverride;
    private int icmpType;
    private int icmpCode;
    private int icmpRest;
    private boolean icmpEchoRequest;
    private boolean icmpEchoReply;
    private byte[] payload = new byte[0];
    private byte[] arp;

    private boolean corruptIpChecksum;
    private boolean corruptL4Checksum;
    private boolean zeroL4Checksum;
    private int padding;
    private int truncateTo = -1;

    private FrameBuilder() {}

    /** A frame starting with an Ethernet header. */
    public static FrameBuilder ethernet() {
        return new FrameBuilder();
    }

    /** A frame starting with the given link-layer header. */
    public static FrameBuilder link(Link link) {
        FrameBuilder builder = new FrameBuilder();
        builder.link = link;
        return builder;
    }

    // ---- link layer ----

    /** Ethernet source and destination MACs, e.g. {@code "02:00:00:00:00:01"}. */
    public FrameBuilder macs(String source, String destination) {
        this.srcMac = Addresses.mac(source);
        this.dstMac = Addresses.mac(destination);
        return this;
    }

    /** Adds an 802.1Q tag (outermost first). */
    public FrameBuilder vlan(int vlanId) {
        return vlan(0x8100, vlanId);
    }

    /** Adds a tag with the given TPID (0x8100, 0x88A8, 0x9100), outermost first. */
    public FrameBuilder vlan(int tpid, int vlanId) {
        tags.add(new int[] {tpid, vlanId & 0x0FFF});
        return this;
    }

    /** Overrides the EtherType (or SLL protocol / loopback family) after the tags. */
    public FrameBuilder etherType(int etherType) {
        this.etherTypeOverride = etherType;
        return this;
    }

    /** Appends {@code bytes} of zero padding after the packet, as Ethernet does for short frames. */
    public FrameBuilder padding(int bytes) {
        this.padding = bytes;
        return this;
    }

    /** Cuts the finished frame to {@code length} bytes. */
    public FrameBuilder truncate(int length) {
        this.truncateTo = length;
        return this;
    }

    /** An Ethernet/IPv4 ARP packet; {@code op} 1 is a request, 2 a reply. */
    public FrameBuilder arp(int op, String senderMac, String senderIp, String targetMac, String targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1)
                .putShort((short) ETHERTYPE_IPV4)
                .put((byte) 6)
                .put((byte) 4)
                .putShort((short) op);
        b.put(Addresses.mac(senderMac)).put(Addresses.ip(senderIp));
        b.put(Addresses.mac(targetMac)).put(Addresses.ip(targetIp));
        this.arp = b.array();
        return this;
    }

    /** Replaces the ARP packet (or any L3 payload after the link header) with raw bytes. */
    public FrameBuilder rawArp(byte[] bytes) {
        this.arp = bytes.clone();
        return this;
    }

    // ---- IP ----

    /** An IPv4 packet between two literals. */
    public FrameBuilder ipv4(String source, String destination) {
        return ip(4, source, destination);
    }

    /** An IPv6 packet between two literals. */
    public FrameBuilder ipv6(String source, String destination) {
        return ip(6, source, destination);
    }

    private FrameBuilder ip(int version, String source, String destination) {
        this.ipVersion = version;
        this.src = Addresses.ip(source);
        this.dst = Addresses.ip(destination);
        if (src.length != (version == 4 ? 4 : 16) || dst.length != src.length) {
            throw new IllegalArgumentException("addresses do not match IPv" + version);
        }
        return this;
    }

    /** IPv4 TTL or IPv6 hop limit. */
    public FrameBuilder ttl(int ttl) {
        this.ttl = ttl;
        return this;
    }

    /** IPv4 identification. */
    public FrameBuilder ipId(int id) {
        this.ipId = id;
        return this;
    }

    /** Sets the IPv4 don't-fragment flag. */
    public FrameBuilder dontFragment() {
        this.dontFragment = true;
        return this;
    }

    /** Makes an IPv4 fragment; with {@code offsetBytes > 0} no L4 header is written, only the payload. */
    public FrameBuilder ipv4Fragment(int offsetBytes, boolean more) {
        this.fragmentOffset = offsetBytes;
        this.moreFragments = more;
        return this;
    }

    /** Raw IPv4 option bytes; padded with zeros (end of list) to a multiple of 4. */
    public FrameBuilder ipOptions(int... bytes) {
        this.ipOptions = toBytes(bytes);
        return this;
    }

    /** Overrides the IPv4 protocol / the last IPv6 next header. */
    public FrameBuilder protocol(int protocol) {
        this.protocolOverride = protocol;
        return this;
    }

    /** Overrides the IPv4 IHL nibble (the header bytes written do not change). */
    public FrameBuilder ihl(int ihl) {
        this.ihlOverride = ihl;
        return this;
    }

    /** Overrides the IPv4 total length field. */
    public FrameBuilder totalLength(int totalLength) {
        this.totalLengthOverride = totalLength;
        return this;
    }

    /** Overrides the IP version nibble. */
    public FrameBuilder versionNibble(int version) {
        this.versionOverride = version;
        return this;
    }

    /** Overrides the IPv6 payload length field. */
    public FrameBuilder payloadLength(int payloadLength) {
        this.payloadLengthOverride = payloadLength;
        return this;
    }

    /**
     * Adds an IPv6 extension header of {@code type} (0 hop-by-hop, 43 routing, 60 destination options, 51 AH,
     * ...) with {@code body} after its two first bytes, zero-padded to a multiple of 8 and with the right length.
     */
    public FrameBuilder ipv6Extension(int type, int... body) {
        int total = roundUp(2 + body.length, 8);
        byte[] bytes = new byte[total];
        bytes[1] = (byte) (type == 51 ? total / 4 - 2 : total / 8 - 1);
        System.arraycopy(toBytes(body), 0, bytes, 2, body.length);
        extensions.add(new Extension(type, bytes));
        return this;
    }

    /** Adds a routing header with the given routing type and segments left, and one zero address. */
    public FrameBuilder ipv6Routing(int routingType, int segmentsLeft) {
        byte[] body = new byte[6 + 16];
        body[0] = (byte) routingType;
        body[1] = (byte) segmentsLeft;
        int[] asInts = new int[body.length];
        for (int i = 0; i < body.length; i++) {
            asInts[i] = body[i] & 0xFF;
        }
        return ipv6Extension(43, asInts);
    }

    /** Adds an IPv6 fragment header; with {@code offsetBytes > 0} no L4 header is written, only the payload. */
    public FrameBuilder ipv6Fragment(int offsetBytes, boolean more, int id) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) 0)
                .put((byte) 0)
                .putShort((short) ((offsetBytes & 0xFFF8) | (more ? 1 : 0)))
                .putInt(id);
        extensions.add(new Extension(44, b.array()));
        laterIpv6Fragment |= offsetBytes > 0;
        return this;
    }

    /** Adds an extension header written exactly as given, except that byte 0 becomes the next header. */
    public FrameBuilder ipv6ExtensionRaw(int type, int... bytes) {
        extensions.add(new Extension(type, toBytes(bytes)));
        return this;
    }

    // ---- L4 ----

    /** A TCP segment; flags default to ACK. */
    public FrameBuilder tcp(int sourcePort, int destinationPort) {
        this.l4 = L4.TCP;
        this.srcPort = sourcePort;
        this.dstPort = destinationPort;
        return this;
    }

    /** TCP flags, e.g. {@code SYN | ACK}. */
    public FrameBuilder flags(int flags) {
        this.tcpFlags = flags;
        return this;
    }

    /** TCP sequence and acknowledgement numbers. */
    public FrameBuilder seqAck(int seq, int ack) {
        this.seq = seq;
        this.ack = ack;
        return this;
    }

    /** TCP window field. */
    public FrameBuilder window(int window) {
        this.window = window;
        return this;
    }

    /** Raw TCP option bytes, zero-padded to a multiple of 4. */
    public FrameBuilder tcpOptions(int... bytes) {
        this.tcpOptions = toBytes(bytes);
        return this;
    }

    /** Overrides the TCP data offset nibble. */
    public FrameBuilder dataOffset(int words) {
        this.dataOffsetOverride = words;
        return this;
    }

    /** A UDP datagram. */
    public FrameBuilder udp(int sourcePort, int destinationPort) {
        this.l4 = L4.UDP;
        this.srcPort = sourcePort;
        this.dstPort = destinationPort;
        return this;
    }

    /** Overrides the UDP length field. */
    public FrameBuilder udpLength(int length) {
        this.udpLengthOverride = length;
        return this;
    }

    /** An echo request (ICMP type 8, or ICMPv6 type 128 when the packet is IPv6). */
    public FrameBuilder icmpEchoRequest(int id, int sequence) {
        icmp(0, 0, (id << 16) | (sequence & 0xFFFF));
        this.icmpEchoRequest = true;
        return this;
    }

    /** An echo reply (ICMP type 0, or ICMPv6 type 129 when the packet is IPv6). */
    public FrameBuilder icmpEchoReply(int id, int sequence) {
        icmp(0, 0, (id << 16) | (sequence & 0xFFFF));
        this.icmpEchoReply = true;
        return this;
    }

    /** An ICMP (IPv4) or ICMPv6 (IPv6) message with the given type, code and second header word. */
    public FrameBuilder icmp(int type, int code, int restOfHeader) {
        this.l4 = L4.ICMP;
        this.icmpType = type;
        this.icmpCode = code;
        this.icmpRest = restOfHeader;
        return this;
    }

    /** An ICMP/ICMPv6 error quoting {@code embedded} (usually another builder's {@link #buildIpPacket()}). */
    public FrameBuilder icmpError(int type, int code, byte[] embedded) {
        icmp(type, code, 0);
        this.payload = embedded.clone();
        return this;
    }

    /** Raw upper-layer bytes under the given protocol number (no checksum). */
    public FrameBuilder rawL4(int protocol, byte[] bytes) {
        this.l4 = L4.RAW;
        this.rawProtocol = protocol;
        this.payload = bytes.clone();
        return this;
    }

    /** The L4 payload (or, without IP, the bytes after the link header). */
    public FrameBuilder payload(byte[] bytes) {
        this.payload = bytes.clone();
        return this;
    }

    /** The L4 payload as UTF-8 text. */
    public FrameBuilder payload(String text) {
        return payload(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- defects ----

    /** Writes a wrong IPv4 header checksum. */
    public FrameBuilder corruptIpChecksum() {
        this.corruptIpChecksum = true;
        return this;
    }

    /** Writes a wrong TCP/UDP/ICMP checksum. */
    public FrameBuilder corruptL4Checksum() {
        this.corruptL4Checksum = true;
        return this;
    }

    /** Writes a zero TCP/UDP/ICMP checksum (for UDP over IPv4: "no checksum"). */
    public FrameBuilder zeroL4Checksum() {
        this.zeroL4Checksum = true;
        return this;
    }

    // ---- output ----

    /** The pcap link type of the frame. */
    public int linkType() {
        return link.linkType();
    }

    /** The whole frame. */
    public byte[] build() {
        byte[] l3 = buildIpPacket();
        byte[] frame = concat(linkHeader(), l3, new byte[padding]);
        return truncateTo >= 0 ? Arrays.copyOf(frame, Math.min(truncateTo, frame.length)) : frame;
    }

    /** The whole frame in a heap segment. */
    public MemorySegment segment() {
        return MemorySegment.ofArray(build());
    }

    /** The packet after the link header: the IP packet, the ARP packet, or the raw payload. */
    public byte[] buildIpPacket() {
        if (arp != null) {
            return arp.clone();
        }
        if (ipVersion == 0) {
            return payload.clone();
        }
        boolean laterFragment = ipVersion == 4 ? fragmentOffset > 0 : laterIpv6Fragment;
        byte[] upper = laterFragment ? payload.clone() : buildL4();
        int protocol = protocolOverride != null ? protocolOverride : protocolNumber();
        if (!laterFragment) {
            writeL4Checksum(upper, protocol);
        }
        return ipVersion == 4 ? ipv4Packet(upper, protocol) : ipv6Packet(upper, protocol);
    }

    private int protocolNumber() {
        return switch (l4) {
            case TCP -> 6;
            case UDP -> 17;
            case ICMP -> ipVersion == 4 ? 1 : 58;
            case RAW -> rawProtocol;
            case NONE -> ipVersion == 4 ? 253 : 59;
        };
    }

    private byte[] buildL4() {
        return switch (l4) {
            case TCP -> tcpSegment();
            case UDP -> udpDatagram();
            case ICMP -> icmpMessage();
            case RAW, NONE -> payload.clone();
        };
    }

    private byte[] tcpSegment() {
        byte[] options = Arrays.copyOf(tcpOptions, roundUp(tcpOptions.length, 4));
        int words = dataOffsetOverride != null ? dataOffsetOverride : (20 + options.length) / 4;
        ByteBuffer b = ByteBuffer.allocate(20 + options.length + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack);
        b.put((byte) (words << 4)).put((byte) tcpFlags).putShort((short) window).putShort((short) 0);
        b.putShort((short) 0).put(options).put(payload);
        return b.array();
    }

    private byte[] udpDatagram() {
        int length = udpLengthOverride != null ? udpLengthOverride : 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort)
                .putShort((short) dstPort)
                .putShort((short) length)
                .putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    private byte[] icmpMessage() {
        int type = icmpType;
        if (icmpEchoRequest) {
            type = ipVersion == 4 ? 8 : 128;
        } else if (icmpEchoReply) {
            type = ipVersion == 4 ? 0 : 129;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) type)
                .put((byte) icmpCode)
                .putShort((short) 0)
                .putInt(icmpRest)
                .put(payload);
        return b.array();
    }

    private void writeL4Checksum(byte[] upper, int protocol) {
        int at = switch (l4) {
            case TCP -> 16;
            case UDP -> 6;
            case ICMP -> 2;
            case RAW, NONE -> -1;
        };
        if (at < 0 || upper.length < at + 2) {
            return;
        }
        int checksum;
        if (zeroL4Checksum) {
            checksum = 0;
        } else {
            int covered = l4 == L4.UDP ? Math.min(upper.length, udpCoveredLength()) : upper.length;
            byte[] body = Arrays.copyOf(upper, covered);
            byte[] pseudo = ipVersion == 4
                    ? InetChecksum.pseudoIpv4(src, dst, protocol, covered)
                    : InetChecksum.pseudoIpv6(src, dst, protocol, covered);
            checksum = l4 == L4.ICMP && ipVersion == 4 ? InetChecksum.of(body) : InetChecksum.of(pseudo, body);
            if (l4 == L4.UDP && checksum == 0) {
                checksum = 0xFFFF;
            }
            if (corruptL4Checksum) {
                checksum ^= 0x1234;
            }
        }
        upper[at] = (byte) (checksum >> 8);
        upper[at + 1] = (byte) checksum;
    }

    private int udpCoveredLength() {
        return udpLengthOverride != null ? udpLengthOverride : 8 + payload.length;
    }

    private byte[] ipv4Packet(byte[] upper, int protocol) {
        byte[] options = Arrays.copyOf(ipOptions, roundUp(ipOptions.length, 4));
        int headerLength = 20 + options.length;
        int ihl = ihlOverride != null ? ihlOverride : headerLength / 4;
        int version = versionOverride != null ? versionOverride : 4;
        int totalLength = totalLengthOverride != null ? totalLengthOverride : headerLength + upper.length;
        int flagsOffset = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset >> 3);
        ByteBuffer b = ByteBuffer.allocate(headerLength + upper.length);
        b.put((byte) ((version << 4) | (ihl & 0x0F))).put((byte) 0).putShort((short) totalLength);
        b.putShort((short) ipId).putShort((short) flagsOffset);
        b.put((byte) ttl)
                .put((byte) protocol)
                .putShort((short) 0)
                .put(src)
                .put(dst)
                .put(options);
        byte[] header = Arrays.copyOf(b.array(), headerLength);
        int checksum = InetChecksum.of(header) ^ (corruptIpChecksum ? 0x1234 : 0);
        b.putShort(10, (short) checksum);
        b.position(headerLength);
        b.put(upper);
        return b.array();
    }

    private byte[] ipv6Packet(byte[] upper, int protocol) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        for (int i = 0; i < extensions.size(); i++) {
            byte[] bytes = extensions.get(i).bytes().clone();
            if (bytes.length > 0) {
                bytes[0] = (byte)
                        (i + 1 < extensions.size() ? extensions.get(i + 1).type() : protocol);
            }
            chain.writeBytes(bytes);
        }
        int firstNext = extensions.isEmpty() ? protocol : extensions.getFirst().type();
        byte[] rest = concat(chain.toByteArray(), upper);
        int payloadLength = payloadLengthOverride != null ? payloadLengthOverride : rest.length;
        int version = versionOverride != null ? versionOverride : 6;
        ByteBuffer b = ByteBuffer.allocate(40 + rest.length);
        b.putInt(version << 28)
                .putShort((short) payloadLength)
                .put((byte) firstNext)
                .put((byte) ttl);
        b.put(src).put(dst).put(rest);
        return b.array();
    }

    private byte[] linkHeader() {
        int etherType = etherTypeOverride != null ? etherTypeOverride : defaultEtherType();
        ByteBuffer b = ByteBuffer.allocate(64);
        switch (link) {
            case ETHERNET -> {
                b.put(dstMac).put(srcMac);
                putTags(b, etherType);
            }
            case LINUX_SLL -> {
                b.putShort((short) 0)
                        .putShort((short) 1)
                        .putShort((short) 6)
                        .put(srcMac)
                        .putShort((short) 0);
                putTags(b, etherType);
            }
            case LINUX_SLL2 -> {
                b.putShort((short) (tags.isEmpty() ? etherType : tags.getFirst()[0]))
                        .putShort((short) 0);
                b.putInt(1)
                        .putShort((short) 1)
                        .put((byte) 0)
                        .put((byte) 6)
                        .put(srcMac)
                        .putShort((short) 0);
                putTagsOnly(b, etherType);
            }
            case NULL_LITTLE_ENDIAN -> b.putInt(Integer.reverseBytes(loopbackFamily()));
            case NULL_BIG_ENDIAN, LOOP -> b.putInt(loopbackFamily());
            case RAW -> {
                // No link header.
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private void putTags(ByteBuffer b, int etherType) {
        for (int[] tag : tags) {
            b.putShort((short) tag[0]).putShort((short) tag[1]);
        }
        b.putShort((short) etherType);
    }

    /** SLL2 puts the first TPID in its protocol field, so only the TCIs and the following types remain. */
    private void putTagsOnly(ByteBuffer b, int etherType) {
        for (int i = 0; i < tags.size(); i++) {
            b.putShort((short) tags.get(i)[1]);
            b.putShort((short) (i + 1 < tags.size() ? tags.get(i + 1)[0] : etherType));
        }
    }

    private int loopbackFamily() {
        if (etherTypeOverride != null) {
            return etherTypeOverride;
        }
        return ipVersion == 6 ? 24 : 2;
    }

    private int defaultEtherType() {
        if (arp != null) {
            return ETHERTYPE_ARP;
        }
        return switch (ipVersion) {
            case 4 -> ETHERTYPE_IPV4;
            case 6 -> ETHERTYPE_IPV6;
            default -> 0x88B5; // IEEE local experimental
        };
    }

    private static byte[] toBytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static int roundUp(int value, int unit) {
        return (value + unit - 1) / unit * unit;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

package io.palisade.dataplane.packet;

/**
 * Parsed metadata of one frame: a mutable struct that one worker reuses for every packet, so parsing allocates
 * nothing. {@link PacketParser#parse} resets and fills it; {@link PacketRewriter} keeps it in step with the frame
 * when it rewrites addresses and ports. Offsets are byte offsets from the start of the frame.
 *
 * <p>Addresses are two longs each: IPv6 as the high and low 64 bits; IPv4 in the low 32 bits of {@code lo} with
 * {@code hi == 0}. An IPv4 address and the IPv6 address {@code ::a.b.c.d} therefore have the same two longs: a
 * flow key must include {@link #ipVersion()}.
 *
 * <p>Fields are valid according to the outcome: the link and L2 fields always; the L3 fields when the outcome is
 * {@link ParseStatus#OK} or a drop found at or after L3; the L4 fields when {@link #hasL4Header()}; the ARP fields
 * for {@link ParseStatus#ARP}. Unset fields hold their reset value (0, or -1 where 0 is a valid value).
 *
 * <p>{@link #checksumPartial()} is an input: the port sets it before parsing when the kernel reported
 * {@code CHECKSUM_PARTIAL} (the L4 checksum field holds only the pseudo-header sum), and the parser then skips
 * L4 checksum verification. Parsing does not clear it.
 */
public final class PacketMeta {
    // Input.
    boolean checksumPartial;

    // Link and L2.
    int linkType;
    int frameLength;
    int l2Offset;
    long dstMac;
    long srcMac;
    int etherType;
    int vlanCount;
    int outerVlanId;
    int innerVlanId;

    // L3.
    int l3Offset;
    int ipVersion;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int protocol;
    int ttl;
    int ipTotalLength;
    boolean fragment;
    int fragmentOffset;
    boolean moreFragments;
    boolean dontFragment;
    int fragmentId;
    int ipOptions;
    int ipv6Extensions;

    // L4.
    int l4Offset;
    boolean l4Header;
    int srcPort;
    int dstPort;
    int tcpFlags;
    int tcpSeq;
    int tcpAck;
    int tcpWindow;
    int tcpDataOffset;
    int tcpMss;
    int tcpWindowScale;
    boolean tcpSackPermitted;
    boolean tcpOptionsMalformed;
    int payloadOffset;
    int payloadLength;

    // ICMP and ICMPv6.
    int icmpType;
    int icmpCode;
    int icmpId;
    int icmpSeq;
    boolean icmpError;
    int innerIpVersion;
    int innerL3Offset;
    int innerL4Offset;
    long innerSrcHi;
    long innerSrcLo;
    long innerDstHi;
    long innerDstLo;
    int innerProtocol;
    int innerSrcPort;
    int innerDstPort;

    // ARP.
    int arpOp;
    long arpSenderMac;
    int arpSenderIp;
    long arpTargetMac;
    int arpTargetIp;

    /**
     * True once a field of the rarely used groups (ICMP and the quoted packet, ARP, TCP options) may hold a value
     * other than its reset value. Most packets touch none of them, so {@link #reset} clears those groups only when
     * this says so; every writer of such a field sets it first.
     */
    boolean rareFieldsWritten = true;

    /** Clears every output field; the input flag {@link #checksumPartial()} is kept. */
    void reset(int linkType, int frameLength) {
        this.linkType = linkType;
        this.frameLength = frameLength;
        l2Offset = 0;
        dstMac = 0;
        srcMac = 0;
        etherType = 0;
        vlanCount = 0;
        outerVlanId = -1;
        innerVlanId = -1;
        resetL3();
        resetL4();
        if (rareFieldsWritten) {
            resetTcpOptions();
            resetIcmp();
            resetArp();
            rareFieldsWritten = false;
        }
    }

    private void resetArp() {
        arpOp = 0;
        arpSenderMac = 0;
        arpSenderIp = 0;
        arpTargetMac = 0;
        arpTargetIp = 0;
    }

    private void resetL3() {
        l3Offset = -1;
        ipVersion = 0;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        protocol = -1;
        ttl = 0;
        ipTotalLength = 0;
        fragment = false;
        fragmentOffset = 0;
        moreFragments = false;
        dontFragment = false;
        fragmentId = 0;
        ipOptions = 0;
        ipv6Extensions = 0;
    }

    private void resetL4() {
        l4Offset = -1;
        l4Header = false;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        tcpSeq = 0;
        tcpAck = 0;
        tcpWindow = 0;
        tcpDataOffset = 0;
        payloadOffset = -1;
        payloadLength = 0;
    }

    private void resetTcpOptions() {
        tcpMss = -1;
        tcpWindowScale = -1;
        tcpSackPermitted = false;
        tcpOptionsMalformed = false;
    }

    private void resetIcmp() {
        icmpType = -1;
        icmpCode = -1;
        icmpId = -1;
        icmpSeq = -1;
        icmpError = false;
        innerIpVersion = 0;
        innerL3Offset = -1;
        innerL4Offset = -1;
        innerSrcHi = 0;
        innerSrcLo = 0;
        innerDstHi = 0;
        innerDstLo = 0;
        innerProtocol = -1;
        innerSrcPort = 0;
        innerDstPort = 0;
    }

    // ---- input ----

    /** True when the L4 checksum is not to be verified (kernel {@code CHECKSUM_PARTIAL}). */
    public boolean checksumPartial() {
        return checksumPartial;
    }

    /** Sets the {@code CHECKSUM_PARTIAL} input flag before {@link PacketParser#parse}. */
    public void checksumPartial(boolean partial) {
        this.checksumPartial = partial;
    }

    // ---- link and L2 ----

    /** The link type the frame was parsed as. */
    public int linkType() {
        return linkType;
    }

    /** The usable frame length (the captured length, clamped to the segment). */
    public int frameLength() {
        return frameLength;
    }

    /** Offset of the link-layer header (0: frames start with it). */
    public int l2Offset() {
        return l2Offset;
    }

    /** Ethernet destination MAC in the low 48 bits; 0 for link types without one. */
    public long dstMac() {
        return dstMac;
    }

    /** Ethernet (or SLL link-layer, when 6 bytes long) source MAC in the low 48 bits; 0 when none. */
    public long srcMac() {
        return srcMac;
    }

    /**
     * The EtherType after any VLAN tags. For raw-IP and loopback link types the parser sets {@link EtherType#IPV4}
     * or {@link EtherType#IPV6} from the version or address family, so callers can dispatch on one field.
     */
    public int etherType() {
        return etherType;
    }

    /** Number of VLAN tags (0 to 2). */
    public int vlanCount() {
        return vlanCount;
    }

    /** VLAN id of the outer (first) tag, or -1 when untagged. */
    public int outerVlanId() {
        return outerVlanId;
    }

    /** VLAN id of the inner (second) tag, or -1 when there is no second tag. */
    public int innerVlanId() {
        return innerVlanId;
    }

    // ---- L3 ----

    /** Offset of the IP (or ARP, or other L3) header; -1 when the link layer was not parsed. */
    public int l3Offset() {
        return l3Offset;
    }

    /** 4 or 6 for IP, 0 otherwise. */
    public int ipVersion() {
        return ipVersion;
    }

    /** High 64 bits of the source address (0 for IPv4). */
    public long srcAddrHi() {
        return srcHi;
    }

    /** Low 64 bits of the source address (the IPv4 address in the low 32 bits). */
    public long srcAddrLo() {
        return srcLo;
    }

    /** High 64 bits of the destination address (0 for IPv4). */
    public long dstAddrHi() {
        return dstHi;
    }

    /** Low 64 bits of the destination address (the IPv4 address in the low 32 bits). */
    public long dstAddrLo() {
        return dstLo;
    }

    /** The IPv4 source address. */
    public int srcIpv4() {
        return (int) srcLo;
    }

    /** The IPv4 destination address. */
    public int dstIpv4() {
        return (int) dstLo;
    }

    /** The upper-layer protocol: IPv4 protocol, or the IPv6 next header after the extension headers; -1 if none. */
    public int protocol() {
        return protocol;
    }

    /** IPv4 TTL or IPv6 hop limit. */
    public int ttl() {
        return ttl;
    }

    /** IPv4 total length, or 40 plus the IPv6 payload length. */
    public int ipTotalLength() {
        return ipTotalLength;
    }

    /** Offset just past the IP packet (Ethernet padding after it is not part of it). */
    public int l3End() {
        return l3Offset + ipTotalLength;
    }

    /** True for a fragment: more-fragments set or a non-zero offset (IPv6 atomic fragments are not fragments). */
    public boolean isFragment() {
        return fragment;
    }

    /** True for a fragment other than the first; it has no L4 header and no ports. */
    public boolean isNonFirstFragment() {
        return fragmentOffset != 0;
    }

    /** Fragment offset in bytes. */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    /** The more-fragments flag. */
    public boolean moreFragments() {
        return moreFragments;
    }

    /** The IPv4 don't-fragment flag. */
    public boolean dontFragment() {
        return dontFragment;
    }

    /** IPv4 identification (16 bits) or IPv6 fragment identification (32 bits). */
    public int fragmentId() {
        return fragmentId;
    }

    /** {@link IpOptionFlags} bits of the IPv4 options. */
    public int ipOptions() {
        return ipOptions;
    }

    /** True when the IPv4 header carries options. */
    public boolean hasIpOptions() {
        return (ipOptions & IpOptionFlags.HAS_OPTIONS) != 0;
    }

    /** True when an IPv4 option type is unknown. */
    public boolean hasUnknownIpOption() {
        return (ipOptions & IpOptionFlags.UNKNOWN) != 0;
    }

    /** True when the IPv4 options are malformed. */
    public boolean hasMalformedIpOption() {
        return (ipOptions & IpOptionFlags.MALFORMED) != 0;
    }

    /** {@link Ipv6ExtensionFlags} bits of the IPv6 extension headers walked. */
    public int ipv6Extensions() {
        return ipv6Extensions;
    }

    // ---- L4 ----

    /** Offset of the upper-layer header (even for non-first fragments, where it is the fragment data); -1 if none. */
    public int l4Offset() {
        return l4Offset;
    }

    /** True when a TCP, UDP, ICMP or ICMPv6 header was parsed (never for non-first fragments). */
    public boolean hasL4Header() {
        return l4Header;
    }

    /** TCP/UDP source port; the identifier for ICMP/ICMPv6 queries; 0 otherwise. */
    public int srcPort() {
        return srcPort;
    }

    /** TCP/UDP destination port; the identifier for ICMP/ICMPv6 queries; 0 otherwise. */
    public int dstPort() {
        return dstPort;
    }

    /** {@link TcpFlags} of a TCP segment. */
    public int tcpFlags() {
        return tcpFlags;
    }

    /** TCP sequence number (unsigned 32 bits in an int). */
    public int tcpSeq() {
        return tcpSeq;
    }

    /** TCP acknowledgement number (unsigned 32 bits in an int). */
    public int tcpAck() {
        return tcpAck;
    }

    /** TCP window field, unscaled. */
    public int tcpWindow() {
        return tcpWindow;
    }

    /** TCP data offset in 32-bit words (5 to 15). */
    public int tcpDataOffset() {
        return tcpDataOffset;
    }

    /** MSS option of a SYN, or -1. Options are parsed on SYN segments only. */
    public int tcpMss() {
        return tcpMss;
    }

    /** Window scale option of a SYN, or -1. */
    public int tcpWindowScale() {
        return tcpWindowScale;
    }

    /** True when a SYN carries SACK-permitted. */
    public boolean tcpSackPermitted() {
        return tcpSackPermitted;
    }

    /** True when a SYN's options run past the header or have a length below 2. */
    public boolean tcpOptionsMalformed() {
        return tcpOptionsMalformed;
    }

    /** Offset of the L4 payload (for non-first fragments: the fragment data); -1 if none. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Length of the L4 payload within this packet. */
    public int payloadLength() {
        return payloadLength;
    }

    // ---- ICMP ----

    /** ICMP or ICMPv6 type, or -1. */
    public int icmpType() {
        return icmpType;
    }

    /** ICMP or ICMPv6 code, or -1. */
    public int icmpCode() {
        return icmpCode;
    }

    /** Identifier of an ICMP/ICMPv6 query (echo, timestamp, information, mask), or -1. */
    public int icmpId() {
        return icmpId;
    }

    /** Sequence number of an ICMP/ICMPv6 query, or -1. */
    public int icmpSeq() {
        return icmpSeq;
    }

    /** True for an ICMP/ICMPv6 error carrying an embedded packet; the inner fields are set. */
    public boolean isIcmpError() {
        return icmpError;
    }

    /** IP version of the packet embedded in an ICMP error, 0 when none. */
    public int innerIpVersion() {
        return innerIpVersion;
    }

    /** Offset of the embedded IP header, or -1. */
    public int innerL3Offset() {
        return innerL3Offset;
    }

    /** Offset of the embedded upper-layer header, or -1 when not reached. */
    public int innerL4Offset() {
        return innerL4Offset;
    }

    /** High 64 bits of the embedded packet's source address. */
    public long innerSrcAddrHi() {
        return innerSrcHi;
    }

    /** Low 64 bits of the embedded packet's source address. */
    public long innerSrcAddrLo() {
        return innerSrcLo;
    }

    /** High 64 bits of the embedded packet's destination address. */
    public long innerDstAddrHi() {
        return innerDstHi;
    }

    /** Low 64 bits of the embedded packet's destination address. */
    public long innerDstAddrLo() {
        return innerDstLo;
    }

    /** Upper-layer protocol of the embedded packet, or -1. */
    public int innerProtocol() {
        return innerProtocol;
    }

    /** Embedded source port (the identifier for an embedded echo), 0 when not present. */
    public int innerSrcPort() {
        return innerSrcPort;
    }

    /** Embedded destination port (the identifier for an embedded echo), 0 when not present. */
    public int innerDstPort() {
        return innerDstPort;
    }

    // ---- ARP ----

    /** ARP operation (1 request, 2 reply). */
    public int arpOp() {
        return arpOp;
    }

    /** ARP sender hardware address in the low 48 bits. */
    public long arpSenderMac() {
        return arpSenderMac;
    }

    /** ARP sender IPv4 address. */
    public int arpSenderIp() {
        return arpSenderIp;
    }

    /** ARP target hardware address in the low 48 bits. */
    public long arpTargetMac() {
        return arpTargetMac;
    }

    /** ARP target IPv4 address. */
    public int arpTargetIp() {
        return arpTargetIp;
    }

    @Override
    public String toString() {
        return "PacketMeta[link=" + linkType + " len=" + frameLength + " ethertype=0x" + Integer.toHexString(etherType)
                + " vlans=" + outerVlanId + "/" + innerVlanId + " ipv" + ipVersion + " proto=" + protocol + " "
                + Long.toHexString(srcHi) + ":" + Long.toHexString(srcLo) + "." + srcPort + " -> "
                + Long.toHexString(dstHi) + ":" + Long.toHexString(dstLo) + "." + dstPort + " ttl=" + ttl
                + " frag=" + fragment + "@" + fragmentOffset + " l3=" + l3Offset + " l4=" + l4Offset + " payload="
                + payloadOffset + "+" + payloadLength + " tcpFlags=" + TcpFlags.toString(tcpFlags) + " icmp="
                + icmpType + "/" + icmpCode + "]";
    }
}

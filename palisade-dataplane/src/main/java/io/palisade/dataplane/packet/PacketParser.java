package io.palisade.dataplane.packet;

import static io.palisade.dataplane.packet.NetOrder.i32;
import static io.palisade.dataplane.packet.NetOrder.i64;
import static io.palisade.dataplane.packet.NetOrder.u16;
import static io.palisade.dataplane.packet.NetOrder.u48;

import java.lang.foreign.MemorySegment;

/**
 * Parses a frame into a reused {@link PacketMeta} without allocating and without throwing: every malformed input
 * ends in a {@link PacketDrop}. This class handles the link layer, VLAN tags and ARP, then hands off to
 * {@link Ipv4Parser} or {@link Ipv6Parser}, which hand off to {@link TransportParser}.
 *
 * <pre>
 * Ethernet (1)      | dst mac 6 | src mac 6 | [TPID 2 | TCI 2] x0..2 | EtherType 2 | L3 ...
 * Linux SLL (113)   | pkttype 2 | hatype 2 | addr len 2 | addr 8 | protocol 2 | L3 ...
 * Linux SLL2 (276)  | protocol 2 | reserved 2 | ifindex 4 | hatype 2 | pkttype 1 | addr len 1 | addr 8 | L3 ...
 * NULL (0)/LOOP(108)| address family 4 (NULL: capturing host order; LOOP: network order) | IP ...
 * raw (101, 12, 14) | IP ... (version nibble says 4 or 6); IPv4 (228) and IPv6 (229) raw with a fixed version
 * </pre>
 *
 * <p>The frame's usable end is {@code min(length, frame.byteSize())}; Ethernet padding after the IP packet is
 * ignored. Every read is preceded by a length check against that end, which is why no input can throw.
 */
public final class PacketParser {
    static final int ETHERNET_HEADER = 14;
    static final int SLL_HEADER = 16;
    static final int SLL2_HEADER = 20;
    static final int LOOPBACK_HEADER = 4;
    static final int VLAN_TAG = 4;
    static final int MAX_VLAN_TAGS = 2;
    static final int ARP_HEADER = 8;
    static final int ARP_ETHERNET_IPV4 = 28;

    private PacketParser() {}

    /**
     * Parses {@code length} bytes of {@code frame}, which start with a header of {@code linkType}, into {@code meta}.
     *
     * @return {@link ParseStatus#OK} for IPv4/IPv6, another {@link ParseStatus}, or the {@link PacketDrop} reason
     */
    public static ParseOutcome parse(MemorySegment frame, int length, int linkType, PacketMeta meta) {
        int end = (int) Math.min(Math.max(length, 0), frame.byteSize());
        meta.reset(linkType, end);
        return switch (linkType) {
            case LinkType.ETHERNET -> parseEthernet(frame, end, meta);
            case LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14 -> parseRawIp(frame, end, meta);
            case LinkType.IPV4 -> parseL3(frame, 0, end, EtherType.IPV4, meta);
            case LinkType.IPV6 -> parseL3(frame, 0, end, EtherType.IPV6, meta);
            case LinkType.LINUX_SLL -> parseSll(frame, end, meta);
            case LinkType.LINUX_SLL2 -> parseSll2(frame, end, meta);
            case LinkType.NULL -> parseLoopback(frame, end, false, meta);
            case LinkType.LOOP -> parseLoopback(frame, end, true, meta);
            default -> ParseStatus.UNSUPPORTED_LINK_TYPE;
        };
    }

    private static ParseOutcome parseEthernet(MemorySegment frame, int end, PacketMeta meta) {
        if (end < ETHERNET_HEADER) {
            return PacketDrop.ETH_TRUNCATED;
        }
        // The header in two overlapping loads (one bounds check each instead of one per field).
        long macs = i64(frame, 0); // destination MAC | first 2 bytes of the source MAC
        long rest = i64(frame, 6); // source MAC | EtherType
        meta.dstMac = macs >>> 16;
        meta.srcMac = rest >>> 16;
        return parseTags(frame, ETHERNET_HEADER, end, (int) rest & 0xFFFF, meta);
    }

    private static ParseOutcome parseSll(MemorySegment frame, int end, PacketMeta meta) {
        if (end < SLL_HEADER) {
            return PacketDrop.LINK_HDR_TRUNCATED;
        }
        if (u16(frame, 4) == 6) {
            meta.srcMac = u48(frame, 6);
        }
        return parseTags(frame, SLL_HEADER, end, u16(frame, 14), meta);
    }

    private static ParseOutcome parseSll2(MemorySegment frame, int end, PacketMeta meta) {
        if (end < SLL2_HEADER) {
            return PacketDrop.LINK_HDR_TRUNCATED;
        }
        if (NetOrder.u8(frame, 11) == 6) {
            meta.srcMac = u48(frame, 12);
        }
        return parseTags(frame, SLL2_HEADER, end, u16(frame, 0), meta);
    }

    /** BSD loopback: the address family says IPv4 or IPv6; NULL stores it in the capturing host's byte order. */
    private static ParseOutcome parseLoopback(MemorySegment frame, int end, boolean networkOrder, PacketMeta meta) {
        if (end < LOOPBACK_HEADER) {
            return PacketDrop.LINK_HDR_TRUNCATED;
        }
        int raw = i32(frame, 0);
        // Families are small numbers: read big-endian, a little-endian host's value has its low 16 bits zero.
        int family = networkOrder || (raw & 0xFFFF) != 0 ? raw : Integer.reverseBytes(raw);
        int etherType = switch (family) {
            case 2 -> EtherType.IPV4; // AF_INET everywhere
            case 10, 24, 28, 30 -> EtherType.IPV6; // AF_INET6: Linux, Net/OpenBSD, FreeBSD, Darwin
            default -> 0;
        };
        if (etherType == 0) {
            meta.l3Offset = LOOPBACK_HEADER;
            return ParseStatus.NON_IP;
        }
        return parseL3(frame, LOOPBACK_HEADER, end, etherType, meta);
    }

    private static ParseOutcome parseRawIp(MemorySegment frame, int end, PacketMeta meta) {
        if (end < 1) {
            return PacketDrop.LINK_HDR_TRUNCATED;
        }
        int version = NetOrder.u8(frame, 0) >>> 4;
        int etherType = version == 6 ? EtherType.IPV6 : EtherType.IPV4;
        return parseL3(frame, 0, end, etherType, meta);
    }

    /** Walks up to two VLAN tags, then dispatches on the EtherType. */
    private static ParseOutcome parseTags(MemorySegment frame, int offset, int end, int etherType, PacketMeta meta) {
        int off = offset;
        int type = etherType;
        while (EtherType.isVlanTag(type)) {
            if (meta.vlanCount == MAX_VLAN_TAGS) {
                return PacketDrop.VLAN_TOO_DEEP;
            }
            if (end - off < VLAN_TAG) {
                return PacketDrop.VLAN_TRUNCATED;
            }
            int vlanId = u16(frame, off) & 0x0FFF;
            if (meta.vlanCount == 0) {
                meta.outerVlanId = vlanId;
            } else {
                meta.innerVlanId = vlanId;
            }
            meta.vlanCount++;
            type = u16(frame, off + 2);
            off += VLAN_TAG;
        }
        return parseL3(frame, off, end, type, meta);
    }

    private static ParseOutcome parseL3(MemorySegment frame, int off, int end, int etherType, PacketMeta meta) {
        meta.etherType = etherType;
        meta.l3Offset = off;
        return switch (etherType) {
            case EtherType.IPV4 -> Ipv4Parser.parse(frame, off, end, meta);
            case EtherType.IPV6 -> Ipv6Parser.parse(frame, off, end, meta);
            case EtherType.ARP -> parseArp(frame, off, end, meta);
            default -> ParseStatus.NON_IP;
        };
    }

    /**
     * ARP for Ethernet/IPv4 only (RFC 826).
     *
     * <pre>
     * | htype 2 | ptype 2 | hlen 1 | plen 1 | op 2 | sender mac 6 | sender ip 4 | target mac 6 | target ip 4 |
     * </pre>
     */
    private static ParseOutcome parseArp(MemorySegment frame, int off, int end, PacketMeta meta) {
        if (end - off < ARP_HEADER) {
            return PacketDrop.ARP_TRUNCATED;
        }
        // htype 1, ptype 0x0800, hlen 6, plen 4 as one 48-bit comparison.
        if (u48(frame, off) != 0x0001_0800_0604L) {
            return PacketDrop.ARP_BAD_FORMAT;
        }
        if (end - off < ARP_ETHERNET_IPV4) {
            return PacketDrop.ARP_TRUNCATED;
        }
        meta.rareFieldsWritten = true;
        meta.arpOp = u16(frame, off + 6);
        meta.arpSenderMac = u48(frame, off + 8);
        meta.arpSenderIp = i32(frame, off + 14);
        meta.arpTargetMac = u48(frame, off + 18);
        meta.arpTargetIp = i32(frame, off + 24);
        return ParseStatus.ARP;
    }
}

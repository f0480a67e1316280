package io.palisade.dataplane.packet;

import io.palisade.common.CounterKind;

/**
 * Why {@link PacketParser} refused a frame, one counter per reason in the style of PAN-OS
 * {@code show counter global} (category {@code packet}, severity {@code drop}). The parser never throws: every
 * malformed input ends in exactly one of these.
 *
 * <p>Checks run outside in (link, L2, L3, L4), and within a layer structural checks (lengths, version) come
 * before checksums and checksums before content (addresses, ports, flags), so a frame broken in several ways is
 * counted once, under its most basic problem.
 */
public enum PacketDrop implements ParseOutcome, CounterKind {
    LINK_HDR_TRUNCATED(
            "pkt_link_hdr_truncated", "Frame shorter than its link-layer header (SLL, SLL2, loopback, raw IP)"),
    ETH_TRUNCATED("pkt_eth_truncated", "Frame shorter than an Ethernet header"),
    VLAN_TRUNCATED("pkt_vlan_truncated", "Frame ends inside an 802.1Q/802.1ad tag"),
    VLAN_TOO_DEEP("pkt_vlan_too_deep", "More than two VLAN tags"),
    ARP_TRUNCATED("pkt_arp_truncated", "Frame ends inside the ARP packet"),
    ARP_BAD_FORMAT("pkt_arp_bad_format", "ARP not for Ethernet/IPv4 (hardware/protocol type or address length)"),
    IP_VERSION_MISMATCH("pkt_ip_version_mismatch", "IP version differs from the EtherType or link type"),
    IPV4_TRUNCATED("pkt_ipv4_truncated", "Frame ends inside the IPv4 header"),
    IPV4_BAD_IHL("pkt_ipv4_bad_ihl", "IPv4 header length below 20 bytes"),
    IPV4_LEN_BEYOND_FRAME("pkt_ipv4_len_beyond_frame", "IPv4 total length beyond the captured frame"),
    IPV4_LEN_BELOW_HEADER("pkt_ipv4_len_below_hdr", "IPv4 total length smaller than its header"),
    IPV4_HDR_CHECKSUM("pkt_ipv4_hdr_cksum", "IPv4 header checksum failure"),
    IPV4_PROTOCOL_ZERO("pkt_ipv4_proto_zero", "IPv4 protocol 0 (reserved, meaningful only in IPv6)"),
    IPV6_TRUNCATED("pkt_ipv6_truncated", "Frame ends inside the IPv6 header"),
    IPV6_LEN_BEYOND_FRAME("pkt_ipv6_len_beyond_frame", "IPv6 payload length beyond the captured frame"),
    IPV6_EXT_TRUNCATED("pkt_ipv6_ext_truncated", "IPv6 extension header runs past the payload"),
    IPV6_EXT_CHAIN_TOO_LONG("pkt_ipv6_ext_chain_too_long", "More than 8 IPv6 extension headers"),
    IPV6_HOP_BY_HOP_NOT_FIRST("pkt_ipv6_hbh_not_first", "IPv6 hop-by-hop header not directly after the IPv6 header"),
    IPV6_BAD_FRAGMENT("pkt_ipv6_frag_bad", "IPv6 fragment header repeated or fragment length not a multiple of 8"),
    IP_TTL_ZERO("pkt_ip_ttl_zero", "IPv4 TTL or IPv6 hop limit is zero"),
    IP_FRAGMENT_OVERSIZE("pkt_ip_frag_oversize", "Fragment reaches beyond 65535 bytes (ping of death)"),
    IP_MARTIAN_SOURCE("pkt_ip_martian_src", "Multicast or broadcast source address"),
    IP_LAND("pkt_ip_land", "Source address equals destination address (land attack)"),
    TCP_TRUNCATED("pkt_tcp_truncated", "Segment shorter than a TCP header"),
    TCP_BAD_DATA_OFFSET("pkt_tcp_bad_data_offset", "TCP data offset below 5 words"),
    TCP_DATA_OFFSET_BEYOND_SEGMENT("pkt_tcp_data_offset_beyond", "TCP data offset beyond the segment"),
    TCP_CHECKSUM("pkt_tcp_cksum", "TCP checksum failure"),
    TCP_NULL_FLAGS("pkt_tcp_null_flags", "TCP segment with no flags set (null scan)"),
    TCP_SYN_FIN("pkt_tcp_syn_fin", "TCP SYN and FIN both set"),
    TCP_SYN_RST("pkt_tcp_syn_rst", "TCP SYN and RST both set"),
    TCP_XMAS("pkt_tcp_xmas", "TCP FIN, PSH and URG set (xmas scan)"),
    TCP_FIN_NO_ACK("pkt_tcp_fin_no_ack", "TCP FIN without ACK"),
    TCP_BAD_FLAGS("pkt_tcp_bad_flags", "Other invalid TCP flag combination"),
    UDP_TRUNCATED("pkt_udp_truncated", "Datagram shorter than a UDP header"),
    UDP_BAD_LENGTH("pkt_udp_bad_len", "UDP length below 8 or beyond the IP payload"),
    UDP_CHECKSUM("pkt_udp_cksum", "UDP checksum failure"),
    UDP6_ZERO_CHECKSUM("pkt_udp6_zero_cksum", "UDP over IPv6 with a zero checksum"),
    L4_PORT_ZERO("pkt_l4_port_zero", "TCP or UDP source or destination port 0"),
    ICMP_TRUNCATED("pkt_icmp_truncated", "Message shorter than an ICMP header"),
    ICMP_CHECKSUM("pkt_icmp_cksum", "ICMP checksum failure"),
    ICMPV6_TRUNCATED("pkt_icmp6_truncated", "Message shorter than an ICMPv6 header"),
    ICMPV6_CHECKSUM("pkt_icmp6_cksum", "ICMPv6 checksum failure"),
    ICMP_ERROR_INNER_MALFORMED(
            "pkt_icmp_err_inner_malformed", "ICMP error whose embedded IP header is truncated or of another version");

    private final String counterName;
    private final String description;

    PacketDrop(String counterName, String description) {
        this.counterName = counterName;
        this.description = description;
    }

    @Override
    public boolean isDrop() {
        return true;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public Severity severity() {
        return Severity.DROP;
    }

    @Override
    public String category() {
        return "packet";
    }

    @Override
    public String description() {
        return description;
    }
}

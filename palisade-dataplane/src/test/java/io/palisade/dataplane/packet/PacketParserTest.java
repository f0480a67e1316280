package io.palisade.dataplane.packet;

import static io.palisade.testkit.packets.Addresses.ipv4;
import static io.palisade.testkit.packets.Addresses.ipv6Hi;
import static io.palisade.testkit.packets.Addresses.ipv6Lo;
import static io.palisade.testkit.packets.Addresses.macLong;
import static io.palisade.testkit.packets.FrameBuilder.ACK;
import static io.palisade.testkit.packets.FrameBuilder.PSH;
import static io.palisade.testkit.packets.FrameBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.packets.FrameBuilder;
import io.palisade.testkit.packets.FrameBuilder.Link;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PacketParserTest {
    private final PacketMeta meta = new PacketMeta();

    private ParseOutcome parse(FrameBuilder builder) {
        byte[] frame = builder.build();
        return PacketParser.parse(MemorySegment.ofArray(frame), frame.length, builder.linkType(), meta);
    }

    @Test
    void ethernetIpv4TcpSynWithOptions() {
        FrameBuilder syn = FrameBuilder.ethernet()
                .macs("02:00:00:00:00:0a", "02:00:00:00:00:0b")
                .ipv4("198.18.0.1", "198.18.1.1")
                .ttl(63)
                .ipId(0x4242)
                .dontFragment()
                .tcp(40000, 443)
                .flags(SYN)
                .seqAck(0x7FFF_FFF0, 0)
                .window(29200)
                .tcpOptions(2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7);

        assertThat(parse(syn)).isEqualTo(ParseStatus.OK);

        assertThat(meta.dstMac()).isEqualTo(macLong("02:00:00:00:00:0b"));
        assertThat(meta.srcMac()).isEqualTo(macLong("02:00:00:00:00:0a"));
        assertThat(meta.etherType()).isEqualTo(EtherType.IPV4);
        assertThat(meta.outerVlanId()).isEqualTo(-1);
        assertThat(meta.l3Offset()).isEqualTo(14);
        assertThat(meta.ipVersion()).isEqualTo(4);
        assertThat(meta.srcAddrHi()).isZero();
        assertThat(meta.srcIpv4()).isEqualTo(ipv4("198.18.0.1"));
        assertThat(meta.dstAddrLo()).isEqualTo(ipv4("198.18.1.1") & 0xFFFF_FFFFL);
        assertThat(meta.protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(meta.ttl()).isEqualTo(63);
        assertThat(meta.fragmentId()).isEqualTo(0x4242);
        assertThat(meta.dontFragment()).isTrue();
        assertThat(meta.isFragment()).isFalse();
        assertThat(meta.hasIpOptions()).isFalse();
        assertThat(meta.l4Offset()).isEqualTo(34);
        assertThat(meta.hasL4Header()).isTrue();
        assertThat(meta.srcPort()).isEqualTo(40000);
        assertThat(meta.dstPort()).isEqualTo(443);
        assertThat(meta.tcpFlags()).isEqualTo(SYN);
        assertThat(meta.tcpSeq()).isEqualTo(0x7FFF_FFF0);
        assertThat(meta.tcpWindow()).isEqualTo(29200);
        assertThat(meta.tcpDataOffset()).isEqualTo(10);
        assertThat(meta.tcpMss()).isEqualTo(1460);
        assertThat(meta.tcpSackPermitted()).isTrue();
        assertThat(meta.tcpWindowScale()).isEqualTo(7);
        assertThat(meta.tcpOptionsMalformed()).isFalse();
        assertThat(meta.payloadOffset()).isEqualTo(74);
        assertThat(meta.payloadLength()).isZero();
        assertThat(meta.ipTotalLength()).isEqualTo(60);
    }

    @Test
    void tcpPayloadAndEthernetPaddingAfterThePacket() {
        FrameBuilder data = FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "198.18.1.1")
                .tcp(1234, 80)
                .flags(PSH | ACK)
                .payload("hi")
                .padding(4);

        assertThat(parse(data)).isEqualTo(ParseStatus.OK);
        assertThat(meta.payloadOffset()).isEqualTo(54);
        assertThat(meta.payloadLength()).isEqualTo(2);
        assertThat(meta.l3End()).isEqualTo(56);
        assertThat(meta.frameLength()).isEqualTo(60);
        assertThat(meta.tcpMss()).isEqualTo(-1);
    }

    @Test
    void vlanAndQinqTags() {
        assertThat(parse(FrameBuilder.ethernet()
                        .vlan(100)
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .udp(53, 53)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.vlanCount()).isEqualTo(1);
        assertThat(meta.outerVlanId()).isEqualTo(100);
        assertThat(meta.innerVlanId()).isEqualTo(-1);
        assertThat(meta.l3Offset()).isEqualTo(18);

        assertThat(parse(FrameBuilder.ethernet()
                        .vlan(0x88A8, 300)
                        .vlan(0x8100, 4000)
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .udp(5000, 6000)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.vlanCount()).isEqualTo(2);
        assertThat(meta.outerVlanId()).isEqualTo(300);
        assertThat(meta.innerVlanId()).isEqualTo(4000);
        assertThat(meta.etherType()).isEqualTo(EtherType.IPV6);
        assertThat(meta.l3Offset()).isEqualTo(22);
        assertThat(meta.srcPort()).isEqualTo(5000);
    }

    @Test
    void udpOverIpv6() {
        FrameBuilder udp = FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8:0:1::2")
                .ttl(5)
                .udp(5353, 53)
                .payload("query");

        assertThat(parse(udp)).isEqualTo(ParseStatus.OK);
        assertThat(meta.ipVersion()).isEqualTo(6);
        assertThat(meta.srcAddrHi()).isEqualTo(ipv6Hi("2001:db8::1"));
        assertThat(meta.srcAddrLo()).isEqualTo(ipv6Lo("2001:db8::1"));
        assertThat(meta.dstAddrHi()).isEqualTo(ipv6Hi("2001:db8:0:1::2"));
        assertThat(meta.dstAddrLo()).isEqualTo(2L);
        assertThat(meta.ttl()).isEqualTo(5);
        assertThat(meta.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(meta.ipTotalLength()).isEqualTo(40 + 8 + 5);
        assertThat(meta.payloadOffset()).isEqualTo(14 + 48);
        assertThat(meta.payloadLength()).isEqualTo(5);
    }

    @Test
    void ipv6ExtensionChainIsWalkedToTheUpperLayer() {
        FrameBuilder chain = FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8::2")
                .ipv6Extension(IpProtocol.HOP_BY_HOP, 5, 2, 0, 0) // router alert
                .ipv6Extension(IpProtocol.DESTINATION_OPTIONS)
                .ipv6Routing(0, 0)
                .ipv6Extension(IpProtocol.AH, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1)
                .tcp(1000, 22)
                .flags(ACK);

        assertThat(parse(chain)).isEqualTo(ParseStatus.OK);
        assertThat(meta.protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(meta.ipv6Extensions())
                .isEqualTo(Ipv6ExtensionFlags.HOP_BY_HOP
                        | Ipv6ExtensionFlags.DESTINATION_OPTIONS
                        | Ipv6ExtensionFlags.ROUTING
                        | Ipv6ExtensionFlags.ROUTING_TYPE_0
                        | Ipv6ExtensionFlags.AUTHENTICATION);
        assertThat(meta.l4Offset()).isEqualTo(14 + 40 + 8 + 8 + 24 + 16);
        assertThat(meta.dstPort()).isEqualTo(22);
    }

    @Test
    void routingHeaderWithSegmentsLeftSkipsTheL4ChecksumBecauseThePseudoHeaderNamesTheFinalHop() {
        FrameBuilder routed = FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8::2")
                .ipv6Routing(2, 1)
                .udp(1000, 2000)
                .corruptL4Checksum();

        assertThat(parse(routed)).isEqualTo(ParseStatus.OK);
        assertThat(meta.ipv6Extensions() & Ipv6ExtensionFlags.ROUTING_SEGMENTS_LEFT)
                .isNotZero();
    }

    @Test
    void ipv4OptionsAreFlaggedNotDropped() {
        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .ipOptions(1, 131, 7, 4, 0, 0, 0, 0, 148, 4, 0, 0, 99, 2)
                        .udp(1, 2)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.ipOptions())
                .isEqualTo(IpOptionFlags.HAS_OPTIONS
                        | IpOptionFlags.LOOSE_SOURCE_ROUTE
                        | IpOptionFlags.ROUTER_ALERT
                        | IpOptionFlags.UNKNOWN);
        assertThat(meta.hasUnknownIpOption()).isTrue();
        assertThat(meta.hasMalformedIpOption()).isFalse();
        assertThat(meta.l4Offset()).isEqualTo(14 + 36);

        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .ipOptions(137, 40, 0, 0)
                        .udp(1, 2)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.hasMalformedIpOption()).isTrue();

        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .ipOptions(7, 7, 4, 0, 0, 0, 0, 68, 4, 5, 0, 130, 3, 0, 136, 4, 0, 0)
                        .udp(1, 2)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.ipOptions())
                .isEqualTo(IpOptionFlags.HAS_OPTIONS
                        | IpOptionFlags.RECORD_ROUTE
                        | IpOptionFlags.TIMESTAMP
                        | IpOptionFlags.SECURITY
                        | IpOptionFlags.STREAM_ID);
    }

    @Test
    void ipv4FirstFragmentHasPortsAndLaterFragmentsDoNot() {
        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .ipId(77)
                        .ipv4Fragment(0, true)
                        .udp(1111, 2222)
                        .udpLength(2000)
                        .payload(new byte[64])))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.isFragment()).isTrue();
        assertThat(meta.moreFragments()).isTrue();
        assertThat(meta.isNonFirstFragment()).isFalse();
        assertThat(meta.srcPort()).isEqualTo(1111);
        assertThat(meta.payloadLength()).isEqualTo(64);

        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .ipId(77)
                        .ipv4Fragment(72, false)
                        .udp(1111, 2222)
                        .payload(new byte[40])))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.isFragment()).isTrue();
        assertThat(meta.isNonFirstFragment()).isTrue();
        assertThat(meta.fragmentOffset()).isEqualTo(72);
        assertThat(meta.fragmentId()).isEqualTo(77);
        assertThat(meta.hasL4Header()).isFalse();
        assertThat(meta.srcPort()).isZero();
        assertThat(meta.dstPort()).isZero();
        assertThat(meta.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(meta.payloadOffset()).isEqualTo(34);
        assertThat(meta.payloadLength()).isEqualTo(40);
    }

    @Test
    void ipv6FragmentsAndAtomicFragments() {
        assertThat(parse(FrameBuilder.ethernet()
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .ipv6Fragment(0, true, 0xCAFE)
                        .tcp(5000, 80)
                        .flags(ACK)
                        .payload(new byte[12])))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.isFragment()).isTrue();
        assertThat(meta.fragmentId()).isEqualTo(0xCAFE);
        assertThat(meta.dstPort()).isEqualTo(80);

        assertThat(parse(FrameBuilder.ethernet()
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .ipv6Fragment(1232, false, 0xCAFE)
                        .tcp(5000, 80)
                        .payload(new byte[100])))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.isNonFirstFragment()).isTrue();
        assertThat(meta.fragmentOffset()).isEqualTo(1232);
        assertThat(meta.protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(meta.srcPort()).isZero();
        assertThat(meta.payloadLength()).isEqualTo(100);

        assertThat(parse(FrameBuilder.ethernet()
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .ipv6Fragment(0, false, 9)
                        .udp(7, 9)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.isFragment()).isFalse();
        assertThat(meta.ipv6Extensions()).isEqualTo(Ipv6ExtensionFlags.FRAGMENT);
        assertThat(meta.dstPort()).isEqualTo(9);
    }

    @Test
    void icmpEchoRequestAndReplyShareTheIdentifierAsBothPorts() {
        assertThat(parse(
                        FrameBuilder.ethernet().ipv4("198.18.0.1", "198.18.1.1").icmpEchoRequest(0x1234, 7)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.icmpType()).isEqualTo(8);
        assertThat(meta.icmpId()).isEqualTo(0x1234);
        assertThat(meta.icmpSeq()).isEqualTo(7);
        assertThat(meta.srcPort()).isEqualTo(0x1234);
        assertThat(meta.dstPort()).isEqualTo(0x1234);

        assertThat(parse(
                        FrameBuilder.ethernet().ipv4("198.18.1.1", "198.18.0.1").icmpEchoReply(0x1234, 7)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.icmpType()).isZero();
        assertThat(meta.srcPort()).isEqualTo(0x1234);

        assertThat(parse(FrameBuilder.ethernet()
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .icmpEchoRequest(99, 1)
                        .payload("ping")))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.protocol()).isEqualTo(IpProtocol.ICMPV6);
        assertThat(meta.icmpType()).isEqualTo(128);
        assertThat(meta.dstPort()).isEqualTo(99);
        assertThat(meta.payloadLength()).isEqualTo(4);
    }

    @Test
    void icmpv6NeighborSolicitationHasNoPorts() {
        assertThat(parse(FrameBuilder.ethernet()
                        .ipv6("fe80::1", "ff02::1:ff00:2")
                        .ttl(255)
                        .icmp(135, 0, 0)
                        .payload(new byte[16])))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.icmpType()).isEqualTo(135);
        assertThat(meta.icmpId()).isEqualTo(-1);
        assertThat(meta.srcPort()).isZero();
        assertThat(meta.isIcmpError()).isFalse();
    }

    @Test
    void icmpErrorCarriesTheEmbeddedFlow() {
        byte[] original = FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "203.0.113.9")
                .udp(33434, 53)
                .payload("abcdefgh")
                .buildIpPacket();
        byte[] quoted = Arrays.copyOf(original, 28); // IP header and 8 bytes, as RFC 792 quotes
        FrameBuilder unreachable =
                FrameBuilder.ethernet().ipv4("198.18.9.9", "198.18.0.1").icmpError(3, 3, quoted);

        assertThat(parse(unreachable)).isEqualTo(ParseStatus.OK);
        assertThat(meta.isIcmpError()).isTrue();
        assertThat(meta.icmpType()).isEqualTo(3);
        assertThat(meta.icmpCode()).isEqualTo(3);
        assertThat(meta.srcPort()).isZero();
        assertThat(meta.innerIpVersion()).isEqualTo(4);
        assertThat(meta.innerL3Offset()).isEqualTo(42);
        assertThat(meta.innerL4Offset()).isEqualTo(62);
        assertThat(meta.innerSrcAddrLo()).isEqualTo(ipv4("198.18.0.1") & 0xFFFF_FFFFL);
        assertThat(meta.innerDstAddrLo()).isEqualTo(ipv4("203.0.113.9") & 0xFFFF_FFFFL);
        assertThat(meta.innerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(meta.innerSrcPort()).isEqualTo(33434);
        assertThat(meta.innerDstPort()).isEqualTo(53);
    }

    @Test
    void icmpTimeExceededForAnEchoUsesTheEchoIdentifier() {
        byte[] echo = FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "203.0.113.9")
                .icmpEchoRequest(4321, 1)
                .buildIpPacket();
        assertThat(parse(
                        FrameBuilder.ethernet().ipv4("198.18.9.9", "198.18.0.1").icmpError(11, 0, echo)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.innerProtocol()).isEqualTo(IpProtocol.ICMP);
        assertThat(meta.innerSrcPort()).isEqualTo(4321);
        assertThat(meta.innerDstPort()).isEqualTo(4321);
    }

    @Test
    void icmpv6PacketTooBigCarriesTheEmbeddedTcpFlow() {
        byte[] segment = FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8:ffff::80")
                .ipv6Extension(IpProtocol.DESTINATION_OPTIONS)
                .tcp(50000, 443)
                .payload(new byte[100])
                .buildIpPacket();
        FrameBuilder tooBig =
                FrameBuilder.ethernet().ipv6("2001:db8:1::fe", "2001:db8::1").icmpError(2, 0, segment);

        assertThat(parse(tooBig)).isEqualTo(ParseStatus.OK);
        assertThat(meta.isIcmpError()).isTrue();
        assertThat(meta.innerIpVersion()).isEqualTo(6);
        assertThat(meta.innerSrcAddrHi()).isEqualTo(ipv6Hi("2001:db8::1"));
        assertThat(meta.innerDstAddrHi()).isEqualTo(ipv6Hi("2001:db8:ffff::80"));
        assertThat(meta.innerDstAddrLo()).isEqualTo(0x80L);
        assertThat(meta.innerProtocol()).isEqualTo(IpProtocol.TCP);
        assertThat(meta.innerSrcPort()).isEqualTo(50000);
        assertThat(meta.innerDstPort()).isEqualTo(443);
    }

    @Test
    void arpRequest() {
        assertThat(parse(FrameBuilder.ethernet()
                        .arp(1, "02:00:00:00:00:0a", "198.18.0.1", "00:00:00:00:00:00", "198.18.0.254")
                        .padding(18)))
                .isEqualTo(ParseStatus.ARP);
        assertThat(meta.etherType()).isEqualTo(EtherType.ARP);
        assertThat(meta.arpOp()).isEqualTo(1);
        assertThat(meta.arpSenderMac()).isEqualTo(macLong("02:00:00:00:00:0a"));
        assertThat(meta.arpSenderIp()).isEqualTo(ipv4("198.18.0.1"));
        assertThat(meta.arpTargetMac()).isZero();
        assertThat(meta.arpTargetIp()).isEqualTo(ipv4("198.18.0.254"));
        assertThat(meta.ipVersion()).isZero();
    }

    @Test
    void otherEtherTypesAndLengthFramesAreNonIp() {
        assertThat(parse(FrameBuilder.ethernet()
                        .etherType(EtherType.PALISADE_HA2)
                        .payload(new byte[46])))
                .isEqualTo(ParseStatus.NON_IP);
        assertThat(meta.etherType()).isEqualTo(EtherType.PALISADE_HA2);
        assertThat(meta.l3Offset()).isEqualTo(14);

        assertThat(parse(FrameBuilder.ethernet().vlan(5).etherType(46).payload(new byte[46])))
                .isEqualTo(ParseStatus.NON_IP);
        assertThat(meta.outerVlanId()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void everyLinkTypeCarriesIpv4AndIpv6(Link link) {
        assertThat(parse(FrameBuilder.link(link)
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .tcp(1, 2)
                        .flags(SYN)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.linkType()).isEqualTo(link.linkType());
        assertThat(meta.ipVersion()).isEqualTo(4);
        assertThat(meta.etherType()).isEqualTo(EtherType.IPV4);
        assertThat(meta.dstPort()).isEqualTo(2);

        assertThat(parse(FrameBuilder.link(link)
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .udp(3, 4)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.ipVersion()).isEqualTo(6);
        assertThat(meta.etherType()).isEqualTo(EtherType.IPV6);
        assertThat(meta.dstPort()).isEqualTo(4);
    }

    @Test
    void linuxCookedHeadersCarryTheSourceMacAndVlanTags() {
        assertThat(parse(FrameBuilder.link(Link.LINUX_SLL)
                        .macs("02:00:00:00:00:0c", "02:00:00:00:00:0d")
                        .vlan(42)
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .udp(1, 2)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.srcMac()).isEqualTo(macLong("02:00:00:00:00:0c"));
        assertThat(meta.outerVlanId()).isEqualTo(42);
        assertThat(meta.l3Offset()).isEqualTo(20);

        assertThat(parse(FrameBuilder.link(Link.LINUX_SLL2)
                        .vlan(7)
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .udp(1, 2)))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.outerVlanId()).isEqualTo(7);
        assertThat(meta.l3Offset()).isEqualTo(24);
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14})
    void rawIpLinkTypesTakeTheVersionFromThePacket(int linkType) {
        byte[] packet = FrameBuilder.link(Link.RAW)
                .ipv6("2001:db8::1", "2001:db8::2")
                .udp(1, 2)
                .build();
        assertThat(PacketParser.parse(MemorySegment.ofArray(packet), packet.length, linkType, meta))
                .isEqualTo(ParseStatus.OK);
        assertThat(meta.ipVersion()).isEqualTo(6);
    }

    @Test
    void ipv4AndIpv6LinkTypesFixTheVersion() {
        byte[] v4 = FrameBuilder.link(Link.RAW)
                .ipv4("198.18.0.1", "198.18.1.1")
                .udp(1, 2)
                .build();
        byte[] v6 = FrameBuilder.link(Link.RAW)
                .ipv6("2001:db8::1", "2001:db8::2")
                .udp(1, 2)
                .build();
        assertThat(PacketParser.parse(MemorySegment.ofArray(v4), v4.length, LinkType.IPV4, meta))
                .isEqualTo(ParseStatus.OK);
        assertThat(PacketParser.parse(MemorySegment.ofArray(v6), v6.length, LinkType.IPV6, meta))
                .isEqualTo(ParseStatus.OK);
        assertThat(PacketParser.parse(MemorySegment.ofArray(v6), v6.length, LinkType.IPV4, meta))
                .isEqualTo(PacketDrop.IP_VERSION_MISMATCH);
        assertThat(PacketParser.parse(MemorySegment.ofArray(v4), v4.length, LinkType.IPV6, meta))
                .isEqualTo(PacketDrop.IP_VERSION_MISMATCH);
    }

    @Test
    void loopbackWithAnotherFamilyIsNonIp() {
        assertThat(parse(FrameBuilder.link(Link.LOOP).etherType(7).payload(new byte[20])))
                .isEqualTo(ParseStatus.NON_IP);
        assertThat(parse(FrameBuilder.link(Link.NULL_LITTLE_ENDIAN).etherType(7).payload(new byte[20])))
                .isEqualTo(ParseStatus.NON_IP);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 9, 105, 127, 147, 65535, -1})
    void unknownLinkTypesAreUnsupported(int linkType) {
        byte[] frame = FrameBuilder.ethernet().ipv4("198.18.0.1", "198.18.1.1").build();
        assertThat(PacketParser.parse(MemorySegment.ofArray(frame), frame.length, linkType, meta))
                .isEqualTo(ParseStatus.UNSUPPORTED_LINK_TYPE);
        assertThat(meta.linkType()).isEqualTo(linkType);
        assertThat(LinkType.isSupported(linkType)).isFalse();
    }

    @Test
    void checksumPartialSkipsL4VerificationButNotTheIpHeader() {
        FrameBuilder badTcp = FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "198.18.1.1")
                .tcp(1, 2)
                .corruptL4Checksum();
        meta.checksumPartial(true);
        assertThat(parse(badTcp)).isEqualTo(ParseStatus.OK);
        assertThat(meta.checksumPartial()).isTrue();
        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .tcp(1, 2)
                        .corruptIpChecksum()))
                .isEqualTo(PacketDrop.IPV4_HDR_CHECKSUM);
        meta.checksumPartial(false);
        assertThat(parse(badTcp)).isEqualTo(PacketDrop.TCP_CHECKSUM);
    }

    @Test
    void udpOverIpv4MayOmitItsChecksum() {
        assertThat(parse(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .udp(1, 2)
                        .zeroL4Checksum()))
                .isEqualTo(ParseStatus.OK);
    }

    @Test
    void lengthArgumentShorterThanTheSegmentLimitsTheFrame() {
        byte[] frame = FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "198.18.1.1")
                .udp(1, 2)
                .build();
        byte[] ring = Arrays.copyOf(frame, 2048); // a ring slot larger than the frame
        assertThat(PacketParser.parse(MemorySegment.ofArray(ring), frame.length, LinkType.ETHERNET, meta))
                .isEqualTo(ParseStatus.OK);
        assertThat(PacketParser.parse(MemorySegment.ofArray(ring), 20, LinkType.ETHERNET, meta))
                .isEqualTo(PacketDrop.IPV4_TRUNCATED);
        assertThat(PacketParser.parse(MemorySegment.ofArray(frame), 10_000, LinkType.ETHERNET, meta))
                .isEqualTo(ParseStatus.OK);
        assertThat(PacketParser.parse(MemorySegment.ofArray(frame), -5, LinkType.ETHERNET, meta))
                .isEqualTo(PacketDrop.ETH_TRUNCATED);
    }

    @Test
    void metaIsResetBetweenPackets() {
        parse(FrameBuilder.ethernet()
                .vlan(9)
                .ipv4("198.18.0.1", "198.18.1.1")
                .tcp(5, 6)
                .flags(SYN));
        parse(FrameBuilder.ethernet().arp(2, "02:00:00:00:00:01", "198.18.0.1", "02:00:00:00:00:02", "198.18.0.2"));
        assertThat(meta.outerVlanId()).isEqualTo(-1);
        assertThat(meta.ipVersion()).isZero();
        assertThat(meta.srcPort()).isZero();
        assertThat(meta.tcpFlags()).isZero();
        assertThat(meta.protocol()).isEqualTo(-1);
        assertThat(meta.l4Offset()).isEqualTo(-1);
    }

    @Test
    void icmpArpAndTcpOptionFieldsAreResetForTheNextPacket() {
        FrameBuilder udp =
                FrameBuilder.ethernet().ipv4("198.18.0.1", "198.18.1.1").udp(5, 6);
        byte[] quoted = Arrays.copyOf(udp.buildIpPacket(), 28);
        parse(FrameBuilder.ethernet().ipv4("198.18.9.9", "198.18.0.1").icmpError(3, 3, quoted));
        assertThat(meta.innerProtocol()).isEqualTo(IpProtocol.UDP);
        parse(udp);
        assertThat(meta.isIcmpError()).isFalse();
        assertThat(meta.icmpType()).isEqualTo(-1);
        assertThat(meta.icmpCode()).isEqualTo(-1);
        assertThat(meta.innerIpVersion()).isZero();
        assertThat(meta.innerL3Offset()).isEqualTo(-1);
        assertThat(meta.innerSrcAddrLo()).isZero();
        assertThat(meta.innerProtocol()).isEqualTo(-1);
        assertThat(meta.innerSrcPort()).isZero();

        parse(FrameBuilder.ethernet().arp(2, "02:00:00:00:00:01", "198.18.0.1", "02:00:00:00:00:02", "198.18.0.2"));
        assertThat(meta.arpOp()).isEqualTo(2);
        parse(udp);
        assertThat(meta.arpOp()).isZero();
        assertThat(meta.arpSenderIp()).isZero();
        assertThat(meta.arpTargetMac()).isZero();

        parse(FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "198.18.1.1")
                .tcp(40000, 443)
                .flags(SYN)
                .tcpOptions(2, 4, 0x05, 0xB4, 4, 2, 1, 1));
        assertThat(meta.tcpMss()).isEqualTo(1460);
        parse(udp);
        assertThat(meta.tcpMss()).isEqualTo(-1);
        assertThat(meta.tcpWindowScale()).isEqualTo(-1);
        assertThat(meta.tcpSackPermitted()).isFalse();

        parse(FrameBuilder.ethernet().ipv4("198.18.0.1", "198.18.1.1").icmpEchoRequest(77, 1));
        assertThat(meta.icmpId()).isEqualTo(77);
        parse(udp);
        assertThat(meta.icmpId()).isEqualTo(-1);
        assertThat(meta.icmpSeq()).isEqualTo(-1);
    }
}

package io.palisade.dataplane.packet;

import static io.palisade.testkit.packets.FrameBuilder.ACK;
import static io.palisade.testkit.packets.FrameBuilder.FIN;
import static io.palisade.testkit.packets.FrameBuilder.PSH;
import static io.palisade.testkit.packets.FrameBuilder.RST;
import static io.palisade.testkit.packets.FrameBuilder.SYN;
import static io.palisade.testkit.packets.FrameBuilder.URG;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.CounterKind;
import io.palisade.testkit.packets.FrameBuilder;
import io.palisade.testkit.packets.FrameBuilder.Link;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One hand-built frame per drop reason, each broken in exactly the way its counter names. */
class PacketDropTest {
    private static final String A = "198.18.0.1";
    private static final String B = "198.18.1.1";
    private static final String A6 = "2001:db8::1";
    private static final String B6 = "2001:db8::2";

    private static FrameBuilder v4() {
        return FrameBuilder.ethernet().ipv4(A, B);
    }

    private static FrameBuilder v6() {
        return FrameBuilder.ethernet().ipv6(A6, B6);
    }

    private static FrameBuilder destinationOptions(FrameBuilder builder, int count) {
        for (int i = 0; i < count; i++) {
            builder.ipv6Extension(IpProtocol.DESTINATION_OPTIONS);
        }
        return builder;
    }

    /** The one frame that demonstrates each reason. */
    static final Map<PacketDrop, Supplier<FrameBuilder>> CASES = new EnumMap<>(PacketDrop.class);

    static {
        CASES.put(
                PacketDrop.LINK_HDR_TRUNCATED,
                () -> FrameBuilder.link(Link.LINUX_SLL).ipv4(A, B).truncate(10));
        CASES.put(PacketDrop.ETH_TRUNCATED, () -> v4().truncate(13));
        CASES.put(PacketDrop.VLAN_TRUNCATED, () -> v4().vlan(5).truncate(16));
        CASES.put(
                PacketDrop.VLAN_TOO_DEEP,
                () -> v4().vlan(0x88A8, 1).vlan(2).vlan(3).udp(1, 2));
        CASES.put(
                PacketDrop.ARP_TRUNCATED,
                () -> FrameBuilder.ethernet()
                        .arp(1, "02:00:00:00:00:01", A, "00:00:00:00:00:00", B)
                        .truncate(14 + 20));
        CASES.put(
                PacketDrop.ARP_BAD_FORMAT,
                () -> FrameBuilder.ethernet().rawArp(new byte[] {
                    0, 6, 8, 0, 6, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                }));
        CASES.put(PacketDrop.IP_VERSION_MISMATCH, () -> v4().versionNibble(6).udp(1, 2));
        CASES.put(PacketDrop.IPV4_TRUNCATED, () -> v4().udp(1, 2).truncate(14 + 19));
        CASES.put(PacketDrop.IPV4_BAD_IHL, () -> v4().ihl(4).udp(1, 2));
        CASES.put(PacketDrop.IPV4_LEN_BEYOND_FRAME, () -> v4().totalLength(1000).udp(1, 2));
        CASES.put(PacketDrop.IPV4_LEN_BELOW_HEADER, () -> v4().totalLength(19).udp(1, 2));
        CASES.put(PacketDrop.IPV4_HDR_CHECKSUM, () -> v4().corruptIpChecksum().udp(1, 2));
        CASES.put(PacketDrop.IPV4_PROTOCOL_ZERO, () -> v4().protocol(0).payload(new byte[8]));
        CASES.put(PacketDrop.IPV6_TRUNCATED, () -> v6().udp(1, 2).truncate(14 + 39));
        CASES.put(
                PacketDrop.IPV6_LEN_BEYOND_FRAME, () -> v6().payloadLength(500).udp(1, 2));
        CASES.put(
                PacketDrop.IPV6_EXT_TRUNCATED,
                () -> v6().ipv6ExtensionRaw(60, 0, 4, 0, 0, 0, 0, 0, 0).udp(1, 2));
        CASES.put(
                PacketDrop.IPV6_EXT_CHAIN_TOO_LONG,
                () -> destinationOptions(v6(), 9).udp(1, 2));
        CASES.put(
                PacketDrop.IPV6_HOP_BY_HOP_NOT_FIRST,
                () -> v6().ipv6Extension(IpProtocol.DESTINATION_OPTIONS)
                        .ipv6Extension(IpProtocol.HOP_BY_HOP)
                        .udp(1, 2));
        CASES.put(
                PacketDrop.IPV6_BAD_FRAGMENT,
                () -> v6().ipv6Fragment(0, true, 1).udp(1, 2).payload(new byte[5]));
        CASES.put(PacketDrop.IP_TTL_ZERO, () -> v4().ttl(0).udp(1, 2));
        CASES.put(
                PacketDrop.IP_FRAGMENT_OVERSIZE,
                () -> v4().ipv4Fragment(65528, false).udp(1, 2).payload(new byte[100]));
        CASES.put(
                PacketDrop.IP_MARTIAN_SOURCE,
                () -> FrameBuilder.ethernet().ipv4("224.0.0.5", B).udp(1, 2));
        CASES.put(
                PacketDrop.IP_LAND,
                () -> FrameBuilder.ethernet().ipv4(A, A).tcp(80, 80).flags(SYN));
        CASES.put(PacketDrop.TCP_TRUNCATED, () -> v4().rawL4(IpProtocol.TCP, new byte[12]));
        CASES.put(PacketDrop.TCP_BAD_DATA_OFFSET, () -> v4().tcp(1, 2).dataOffset(4));
        CASES.put(
                PacketDrop.TCP_DATA_OFFSET_BEYOND_SEGMENT, () -> v4().tcp(1, 2).dataOffset(15));
        CASES.put(PacketDrop.TCP_CHECKSUM, () -> v4().tcp(1, 2).corruptL4Checksum());
        CASES.put(PacketDrop.TCP_NULL_FLAGS, () -> v4().tcp(1, 2).flags(0));
        CASES.put(PacketDrop.TCP_SYN_FIN, () -> v4().tcp(1, 2).flags(SYN | FIN));
        CASES.put(PacketDrop.TCP_SYN_RST, () -> v4().tcp(1, 2).flags(SYN | RST));
        CASES.put(PacketDrop.TCP_XMAS, () -> v4().tcp(1, 2).flags(FIN | PSH | URG));
        CASES.put(PacketDrop.TCP_FIN_NO_ACK, () -> v4().tcp(1, 2).flags(FIN));
        CASES.put(PacketDrop.TCP_BAD_FLAGS, () -> v4().tcp(1, 2).flags(RST | FIN | ACK));
        CASES.put(PacketDrop.UDP_TRUNCATED, () -> v4().rawL4(IpProtocol.UDP, new byte[5]));
        CASES.put(PacketDrop.UDP_BAD_LENGTH, () -> v4().udp(1, 2).udpLength(4));
        CASES.put(PacketDrop.UDP_CHECKSUM, () -> v4().udp(1, 2).payload("x").corruptL4Checksum());
        CASES.put(PacketDrop.UDP6_ZERO_CHECKSUM, () -> v6().udp(1, 2).zeroL4Checksum());
        CASES.put(PacketDrop.L4_PORT_ZERO, () -> v4().tcp(0, 80).flags(SYN));
        CASES.put(PacketDrop.ICMP_TRUNCATED, () -> v4().rawL4(IpProtocol.ICMP, new byte[] {8, 0, 0, 0}));
        CASES.put(PacketDrop.ICMP_CHECKSUM, () -> v4().icmpEchoRequest(1, 1).corruptL4Checksum());
        CASES.put(PacketDrop.ICMPV6_TRUNCATED, () -> v6().rawL4(IpProtocol.ICMPV6, new byte[] {(byte) 128, 0}));
        CASES.put(PacketDrop.ICMPV6_CHECKSUM, () -> v6().icmpEchoRequest(1, 1).corruptL4Checksum());
        CASES.put(
                PacketDrop.ICMP_ERROR_INNER_MALFORMED,
                () -> v4().icmpError(3, 1, Arrays.copyOf(v4().udp(1, 2).buildIpPacket(), 10)));
    }

    static Stream<Arguments> cases() {
        return CASES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static ParseOutcome parse(FrameBuilder builder) {
        byte[] frame = builder.build();
        return PacketParser.parse(MemorySegment.ofArray(frame), frame.length, builder.linkType(), new PacketMeta());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachReasonHasAFrameThatTriggersIt(PacketDrop reason, Supplier<FrameBuilder> frame) {
        assertThat(parse(frame.get())).isEqualTo(reason);
    }

    @Test
    void everyReasonHasACase() {
        assertThat(CASES.keySet()).containsExactlyInAnyOrder(PacketDrop.values());
    }

    @Test
    void countersArePanOsStyle() {
        assertThat(PacketDrop.values()).allSatisfy(drop -> {
            assertThat(drop.counterName()).matches("pkt_[a-z0-9_]+");
            assertThat(drop.category()).isEqualTo("packet");
            assertThat(drop.severity()).isEqualTo(CounterKind.Severity.DROP);
            assertThat(drop.description()).isNotBlank();
            assertThat(drop.isDrop()).isTrue();
        });
        assertThat(Arrays.stream(PacketDrop.values())
                        .map(PacketDrop::counterName)
                        .distinct())
                .hasSize(PacketDrop.values().length);
        assertThat(ParseStatus.values()).noneMatch(ParseOutcome::isDrop);
    }

    @Test
    void moreWaysToReachTheSameReasons() {
        assertThat(parse(v6().ipv6Fragment(0, true, 1).ipv6Fragment(0, true, 1).udp(1, 2)))
                .isEqualTo(PacketDrop.IPV6_BAD_FRAGMENT);
        assertThat(parse(v6().ipv6Fragment(65528, false, 1).payload(new byte[64])))
                .isEqualTo(PacketDrop.IP_FRAGMENT_OVERSIZE);
        assertThat(parse(FrameBuilder.ethernet().ipv4("255.255.255.255", B).udp(1, 2)))
                .isEqualTo(PacketDrop.IP_MARTIAN_SOURCE);
        assertThat(parse(FrameBuilder.ethernet().ipv6("ff02::1", B6).udp(1, 2)))
                .isEqualTo(PacketDrop.IP_MARTIAN_SOURCE);
        assertThat(parse(FrameBuilder.ethernet().ipv6(A6, A6).udp(1, 2))).isEqualTo(PacketDrop.IP_LAND);
        assertThat(parse(v6().ttl(0).udp(1, 2))).isEqualTo(PacketDrop.IP_TTL_ZERO);
        assertThat(parse(v6().versionNibble(4).udp(1, 2))).isEqualTo(PacketDrop.IP_VERSION_MISMATCH);
        assertThat(parse(v4().udp(1, 2).udpLength(100))).isEqualTo(PacketDrop.UDP_BAD_LENGTH);
        assertThat(parse(v4().udp(7, 0))).isEqualTo(PacketDrop.L4_PORT_ZERO);
        assertThat(parse(v6().udp(1, 2).payload("y").corruptL4Checksum())).isEqualTo(PacketDrop.UDP_CHECKSUM);
        assertThat(parse(v6().tcp(1, 2).corruptL4Checksum())).isEqualTo(PacketDrop.TCP_CHECKSUM);
        assertThat(parse(FrameBuilder.link(Link.LINUX_SLL2).vlan(3).ipv4(A, B).truncate(22)))
                .isEqualTo(PacketDrop.VLAN_TRUNCATED);
        assertThat(parse(FrameBuilder.link(Link.LOOP).ipv4(A, B).truncate(3))).isEqualTo(PacketDrop.LINK_HDR_TRUNCATED);
        assertThat(parse(FrameBuilder.link(Link.RAW).ipv4(A, B).truncate(0))).isEqualTo(PacketDrop.LINK_HDR_TRUNCATED);
        assertThat(parse(FrameBuilder.ethernet()
                        .arp(1, "02:00:00:00:00:01", A, "00:00:00:00:00:00", B)
                        .truncate(14 + 6)))
                .isEqualTo(PacketDrop.ARP_TRUNCATED);
        byte[] v6Inner = v6().udp(1, 2).buildIpPacket();
        assertThat(parse(v4().icmpError(3, 1, v6Inner))).isEqualTo(PacketDrop.ICMP_ERROR_INNER_MALFORMED);
        assertThat(parse(v6().icmpError(1, 0, new byte[0]))).isEqualTo(PacketDrop.ICMP_ERROR_INNER_MALFORMED);
        assertThat(parse(v4().ihl(15).udp(1, 2))).isEqualTo(PacketDrop.IPV4_TRUNCATED);
    }
}

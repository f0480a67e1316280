package io.palisade.dataplane.packet;

import static io.palisade.testkit.packets.Addresses.ipv4;
import static io.palisade.testkit.packets.Addresses.ipv6Hi;
import static io.palisade.testkit.packets.Addresses.ipv6Lo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.testkit.packets.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rewrites a frame in place and compares it byte for byte with the frame the (independent) builder makes with
 * the new values, which has fully computed checksums.
 */
class PacketRewriterTest {
    private final PacketMeta meta = new PacketMeta();

    private MemorySegment parsed(FrameBuilder builder) {
        MemorySegment frame = builder.segment();
        assertThat(PacketParser.parse(frame, (int) frame.byteSize(), builder.linkType(), meta))
                .isEqualTo(ParseStatus.OK);
        return frame;
    }

    private static byte[] bytes(MemorySegment segment) {
        return segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** A frame of each L4 kind, parameterised by addresses and ports. */
    private static FrameBuilder v4(String kind, String src, String dst, int sport, int dport) {
        FrameBuilder b = FrameBuilder.ethernet().vlan(7).ipv4(src, dst).ipId(99);
        return switch (kind) {
            case "tcp" ->
                b.tcp(sport, dport).flags(FrameBuilder.ACK).seqAck(5, 6).payload("data");
            case "udp" -> b.udp(sport, dport).payload("datagram");
            case "udp0" -> b.udp(sport, dport).payload("datagram").zeroL4Checksum();
            case "icmp" -> b.icmpEchoRequest(sport, 3).payload("ping");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static FrameBuilder v6(String kind, String src, String dst, int sport, int dport) {
        FrameBuilder b = FrameBuilder.ethernet().ipv6(src, dst).ipv6Extension(IpProtocol.DESTINATION_OPTIONS);
        return switch (kind) {
            case "tcp" -> b.tcp(sport, dport).flags(FrameBuilder.ACK).payload("data");
            case "udp" -> b.udp(sport, dport).payload("datagram");
            case "icmp" -> b.icmpEchoRequest(sport, 3).payload("ping");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp", "udp0", "icmp"})
    void ipv4SourceNatMatchesAFreshlyBuiltFrame(String kind) {
        MemorySegment frame = parsed(v4(kind, "10.0.0.5", "198.51.100.7", 40000, 443));

        PacketRewriter.setIpv4Source(frame, meta, ipv4("203.0.113.1"));
        PacketRewriter.setSourcePort(frame, meta, 61000);

        int dport = kind.equals("icmp") ? 61000 : 443;
        assertThat(bytes(frame))
                .isEqualTo(v4(kind, "203.0.113.1", "198.51.100.7", 61000, dport).build());
        assertThat(meta.srcIpv4()).isEqualTo(ipv4("203.0.113.1"));
        assertThat(meta.srcPort()).isEqualTo(61000);
        assertThat(PacketParser.parse(frame, (int) frame.byteSize(), LinkType.ETHERNET, meta))
                .isEqualTo(ParseStatus.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp", "udp0", "icmp"})
    void ipv4DestinationNatMatchesAFreshlyBuiltFrame(String kind) {
        MemorySegment frame = parsed(v4(kind, "198.51.100.7", "203.0.113.1", 443, 61000));

        PacketRewriter.setIpv4Destination(frame, meta, ipv4("10.0.0.5"));
        PacketRewriter.setDestinationPort(frame, meta, 40000);

        int sport = kind.equals("icmp") ? 40000 : 443;
        assertThat(bytes(frame))
                .isEqualTo(v4(kind, "198.51.100.7", "10.0.0.5", sport, 40000).build());
        assertThat(meta.dstIpv4()).isEqualTo(ipv4("10.0.0.5"));
        assertThat(meta.dstPort()).isEqualTo(40000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp", "icmp"})
    void ipv6NatMatchesAFreshlyBuiltFrame(String kind) {
        MemorySegment frame = parsed(v6(kind, "fd00::5", "2001:db8::7", 40000, 443));

        PacketRewriter.setIpv6Source(frame, meta, ipv6Hi("2001:db8:ffff::1"), ipv6Lo("2001:db8:ffff::1"));
        PacketRewriter.setIpv6Destination(frame, meta, ipv6Hi("2001:db8::8"), ipv6Lo("2001:db8::8"));
        PacketRewriter.setSourcePort(frame, meta, 50505);
        if (!kind.equals("icmp")) {
            PacketRewriter.setDestinationPort(frame, meta, 8443);
        }

        int dport = kind.equals("icmp") ? 50505 : 8443;
        assertThat(bytes(frame))
                .isEqualTo(v6(kind, "2001:db8:ffff::1", "2001:db8::8", 50505, dport)
                        .build());
        assertThat(meta.srcAddrHi()).isEqualTo(ipv6Hi("2001:db8:ffff::1"));
        assertThat(meta.dstAddrLo()).isEqualTo(8L);
    }

    @Test
    void randomRewritesAlwaysMatchFullRecomputation() {
        Random random = new Random(2024);
        String[] kinds = {"tcp", "udp", "udp0", "icmp"};
        for (int round = 0; round < 500; round++) {
            String kind = kinds[random.nextInt(kinds.length)];
            String src = randomIpv4(random);
            String dst = randomUnicastOtherThan(random, src);
            int sport = 1 + random.nextInt(65535);
            int dport = 1 + random.nextInt(65535);
            MemorySegment frame = parsed(v4(kind, src, dst, sport, dport));
            String newSrc = randomUnicastOtherThan(random, dst);
            int newPort = 1 + random.nextInt(65535);

            PacketRewriter.setIpv4Source(frame, meta, ipv4(newSrc));
            PacketRewriter.setSourcePort(frame, meta, newPort);

            int expectedDport = kind.equals("icmp") ? newPort : dport;
            assertThat(bytes(frame))
                    .as("%s %s:%d -> %s:%d rewritten to %s:%d", kind, src, sport, dst, dport, newSrc, newPort)
                    .isEqualTo(v4(kind, newSrc, dst, newPort, expectedDport).build());
        }
    }

    private static String randomIpv4(Random random) {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + random.nextInt(256);
    }

    private static String randomUnicastOtherThan(Random random, String other) {
        for (int i = 0; i < 100; i++) {
            String candidate = randomIpv4(random);
            if (!candidate.equals(other)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no distinct address");
    }

    @Test
    void ttlAndHopLimitDecrement() {
        MemorySegment v4 = parsed(
                FrameBuilder.ethernet().ipv4("198.18.0.1", "198.18.1.1").ttl(64).udp(1, 2));
        assertThat(PacketRewriter.decrementTtl(v4, meta)).isTrue();
        assertThat(meta.ttl()).isEqualTo(63);
        assertThat(bytes(v4))
                .isEqualTo(FrameBuilder.ethernet()
                        .ipv4("198.18.0.1", "198.18.1.1")
                        .ttl(63)
                        .udp(1, 2)
                        .build());

        MemorySegment v6 = parsed(FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8::2")
                .ttl(2)
                .udp(1, 2));
        assertThat(PacketRewriter.decrementTtl(v6, meta)).isTrue();
        assertThat(bytes(v6))
                .isEqualTo(FrameBuilder.ethernet()
                        .ipv6("2001:db8::1", "2001:db8::2")
                        .ttl(1)
                        .udp(1, 2)
                        .build());
        byte[] before = bytes(v6);
        assertThat(PacketRewriter.decrementTtl(v6, meta))
                .as("hop limit 1 must not be forwarded")
                .isFalse();
        assertThat(bytes(v6)).isEqualTo(before);
    }

    @Test
    void fragmentsUpdateTheL4ChecksumOnlyInTheFirstFragment() {
        BiFunction<String, Integer, FrameBuilder> first = (src, port) -> FrameBuilder.ethernet()
                .ipv4(src, "198.18.1.1")
                .ipv4Fragment(0, true)
                .udp(port, 53)
                .udpLength(3000)
                .payload(new byte[64]);
        MemorySegment frame = parsed(first.apply("10.0.0.1", 1000));
        PacketRewriter.setIpv4Source(frame, meta, ipv4("203.0.113.9"));
        PacketRewriter.setSourcePort(frame, meta, 2000);
        // The builder checksums only the bytes it has; the rewrite keeps whatever the checksum was consistent.
        assertThat(bytes(frame)).isEqualTo(first.apply("203.0.113.9", 2000).build());

        BiFunction<String, Integer, FrameBuilder> later = (src, ignored) -> FrameBuilder.ethernet()
                .ipv4(src, "198.18.1.1")
                .ipv4Fragment(1480, false)
                .udp(1, 2)
                .payload(new byte[64]);
        MemorySegment tail = parsed(later.apply("10.0.0.1", 0));
        PacketRewriter.setIpv4Source(tail, meta, ipv4("203.0.113.9"));
        assertThat(bytes(tail)).isEqualTo(later.apply("203.0.113.9", 0).build());
        assertThatThrownBy(() -> PacketRewriter.setSourcePort(tail, meta, 5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void partialChecksumFollowsAddressesAndIsCompletedLater() {
        MemorySegment frame = FrameBuilder.ethernet()
                .ipv4("10.0.0.5", "198.51.100.7")
                .tcp(40000, 443)
                .payload("hello")
                .segment();
        int l4 = 34;
        int length = 20 + 5;
        // What the kernel hands over with CHECKSUM_PARTIAL: the folded pseudo-header sum, not complemented.
        NetOrder.put16(
                frame,
                l4 + 16,
                Checksums.fold(
                        Checksums.pseudoHeaderIpv4(ipv4("10.0.0.5"), ipv4("198.51.100.7"), IpProtocol.TCP, length)));
        meta.checksumPartial(true);
        assertThat(PacketParser.parse(frame, (int) frame.byteSize(), LinkType.ETHERNET, meta))
                .isEqualTo(ParseStatus.OK);

        PacketRewriter.setIpv4Source(frame, meta, ipv4("203.0.113.1"));
        PacketRewriter.setSourcePort(frame, meta, 61000);
        assertThat(NetOrder.u16(frame, l4 + 16))
                .isEqualTo(Checksums.fold(
                        Checksums.pseudoHeaderIpv4(ipv4("203.0.113.1"), ipv4("198.51.100.7"), IpProtocol.TCP, length)));

        PacketRewriter.completeL4Checksum(frame, meta);
        assertThat(meta.checksumPartial()).isFalse();
        assertThat(bytes(frame))
                .isEqualTo(FrameBuilder.ethernet()
                        .ipv4("203.0.113.1", "198.51.100.7")
                        .tcp(61000, 443)
                        .payload("hello")
                        .build());
    }

    @Test
    void completeL4ChecksumRepairsEachProtocol() {
        FrameBuilder[] builders = {
            FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload("u"),
            FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2").icmpEchoReply(1, 2),
            FrameBuilder.ethernet()
                    .ipv6("fd00::1", "fd00::2")
                    .icmpEchoRequest(1, 2)
                    .payload("six"),
            FrameBuilder.ethernet().ipv6("fd00::1", "fd00::2").tcp(1, 2).payload("tcp6"),
        };
        for (FrameBuilder builder : builders) {
            MemorySegment frame = parsed(builder);
            byte[] expected = bytes(frame);
            NetOrder.put16(frame, meta.l4Offset() + checksumOffset(meta.protocol()), 0x5A5A);
            PacketRewriter.completeL4Checksum(frame, meta);
            assertThat(bytes(frame)).isEqualTo(expected);
        }
    }

    private static int checksumOffset(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> Checksums.TCP_CHECKSUM_OFFSET;
            case IpProtocol.UDP -> Checksums.UDP_CHECKSUM_OFFSET;
            default -> Checksums.ICMP_CHECKSUM_OFFSET;
        };
    }

    @Test
    void misuseIsRefused() {
        MemorySegment v4 =
                parsed(FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2));
        assertThatThrownBy(() -> PacketRewriter.setIpv6Source(v4, meta, 1, 2))
                .isInstanceOf(IllegalStateException.class);
        MemorySegment v6 =
                parsed(FrameBuilder.ethernet().ipv6("fd00::1", "fd00::2").rawL4(47, new byte[8]));
        assertThatThrownBy(() -> PacketRewriter.setIpv4Destination(v6, meta, 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PacketRewriter.setDestinationPort(v6, meta, 1))
                .isInstanceOf(IllegalStateException.class);
    }
}

package io.palisade.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.packets.FrameBuilder;
import io.palisade.testkit.packets.FrameBuilder.Link;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser never throws and never allocates, whatever the bytes. */
class ParserRobustnessTest {
    private static final int[] LINK_TYPES = {
        LinkType.ETHERNET,
        LinkType.RAW,
        LinkType.IPV4,
        LinkType.IPV6,
        LinkType.LINUX_SLL,
        LinkType.LINUX_SLL2,
        LinkType.NULL,
        LinkType.LOOP,
        147
    };

    private static List<FrameBuilder> seeds() {
        List<FrameBuilder> seeds = new ArrayList<>();
        for (Link link : Link.values()) {
            seeds.add(FrameBuilder.link(link)
                    .ipv4("198.18.0.1", "198.18.1.1")
                    .ipOptions(7, 7, 4, 0, 0, 0, 0)
                    .tcp(1000, 80)
                    .flags(FrameBuilder.SYN)
                    .tcpOptions(2, 4, 5, 180, 3, 3, 7));
            seeds.add(FrameBuilder.link(link)
                    .vlan(10)
                    .ipv6("2001:db8::1", "2001:db8::2")
                    .ipv6Extension(0, 1, 0)
                    .ipv6Fragment(0, true, 5)
                    .udp(1, 2)
                    .payload(new byte[16]));
        }
        byte[] inner = FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8::3")
                .ipv6Extension(60)
                .tcp(5, 6)
                .buildIpPacket();
        seeds.add(FrameBuilder.ethernet()
                .vlan(1)
                .vlan(2)
                .ipv6("2001:db8::9", "2001:db8::1")
                .icmpError(1, 4, inner));
        byte[] inner4 =
                FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2").udp(5, 6).buildIpPacket();
        seeds.add(FrameBuilder.ethernet().ipv4("10.0.0.9", "10.0.0.1").icmpError(3, 1, inner4));
        seeds.add(FrameBuilder.ethernet().arp(1, "02:00:00:00:00:01", "10.0.0.1", "00:00:00:00:00:00", "10.0.0.2"));
        return seeds;
    }

    @Test
    void randomMutationsNeverThrowAndKeepOffsetsInsideTheFrame() {
        Random random = new Random(0xBADF00D);
        List<byte[]> frames = seeds().stream().map(FrameBuilder::build).toList();
        PacketMeta meta = new PacketMeta();
        int ok = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] frame = frames.get(random.nextInt(frames.size())).clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(frame.length + 1) : frame.length;
            int linkType = random.nextInt(8) == 0 ? LINK_TYPES[random.nextInt(LINK_TYPES.length)] : 1;
            meta.checksumPartial(random.nextBoolean());

            ParseOutcome outcome = PacketParser.parse(MemorySegment.ofArray(frame), length, linkType, meta);

            assertThat(outcome).isNotNull();
            if (outcome == ParseStatus.OK) {
                ok++;
                assertThat(meta.l3End()).isLessThanOrEqualTo(length);
                assertThat(meta.l4Offset()).isBetween(meta.l3Offset(), meta.l3End());
                assertThat(meta.payloadOffset() + meta.payloadLength()).isLessThanOrEqualTo(meta.l3End());
                assertThat(meta.payloadLength()).isNotNegative();
            }
        }
        assertThat(ok)
                .as("some mutations still parse (e.g. flips in payloads with partial checksums)")
                .isPositive();
    }

    @Test
    void everyPrefixOfEveryFrameIsHandled() {
        PacketMeta meta = new PacketMeta();
        for (FrameBuilder seed : seeds()) {
            byte[] frame = seed.build();
            for (int length = 0; length <= frame.length; length++) {
                byte[] prefix = Arrays.copyOf(frame, length);
                ParseOutcome outcome = PacketParser.parse(MemorySegment.ofArray(prefix), length, seed.linkType(), meta);
                if (length < frame.length) {
                    assertThat(outcome)
                            .as("prefix %d of %d", length, frame.length)
                            .isNotEqualTo(ParseStatus.OK);
                }
            }
        }
    }

    @Test
    void parsingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<FrameBuilder> seeds = seeds();
        MemorySegment[] frames = new MemorySegment[seeds.size()];
        int[] linkTypes = new int[seeds.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = MemorySegment.ofArray(seeds.get(i).build());
            linkTypes[i] = seeds.get(i).linkType();
        }
        PacketMeta meta = new PacketMeta();
        long checksum = parseAll(frames, linkTypes, meta, 200_000); // warm up, let the JIT compile
        long before = threads.getCurrentThreadAllocatedBytes();
        checksum += parseAll(frames, linkTypes, meta, 200_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(checksum).isPositive();
        assertThat(allocated).as("bytes allocated by 200k parses").isLessThan(1024);
    }

    private static long parseAll(MemorySegment[] frames, int[] linkTypes, PacketMeta meta, int count) {
        long okCount = 0;
        for (int i = 0; i < count; i++) {
            int k = i % frames.length;
            if (PacketParser.parse(frames[k], (int) frames[k].byteSize(), linkTypes[k], meta) == ParseStatus.OK) {
                okCount++;
            }
        }
        return okCount;
    }
}

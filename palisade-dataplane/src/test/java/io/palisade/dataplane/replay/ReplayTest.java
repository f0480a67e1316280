package io.palisade.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.palisade.dataplane.capture.CaptureReader;
import io.palisade.dataplane.capture.PcapWriter;
import io.palisade.dataplane.capture.TimestampPrecision;
import io.palisade.dataplane.packet.LinkType;
import io.palisade.testkit.packets.FrameBuilder;
import io.palisade.testkit.packets.TestCaptures;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays hostile real captures and a hand-made conversation through the engine. */
class ReplayTest {
    @TempDir
    Path dir;

    static Stream<Path> captures() throws IOException {
        Path tests = TestCaptures.tcpdumpTests().orElse(null);
        assumeTrue(tests != null, "shared/data/pcaps/tcpdump-tests not found");
        try (Stream<Path> s = Files.list(tests)) {
            List<Path> files = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
                    })
                    .sorted()
                    .toList();
            assertThat(files).hasSizeGreaterThan(500);
            return files.stream();
        }
    }

    /** Every capture replays without an exception and every packet is accounted for. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyPacketIsForwardedDroppedOrUnsupported(Path capture) throws IOException {
        Replay.Result r = Replay.run(new Replay.Options(capture, null, null, false));
        assertThat(r.packets()).isEqualTo(r.forwarded() + r.dropped() + r.unsupported());
        assertThat(r.drops().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.dropped());
    }

    @Test
    void aConversationIsForwardedAndCountedBySession() throws IOException {
        Path in = dir.resolve("conversation.pcap");
        try (PcapWriter w = PcapWriter.create(in, LinkType.ETHERNET, TimestampPrecision.MICROSECONDS)) {
            long t = 1_000_000_000L;
            write(
                    w,
                    t,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.0.1", "198.18.1.1")
                            .tcp(1000, 80)
                            .flags(0x02)
                            .build());
            write(
                    w,
                    t + 1,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.1.1", "198.18.0.1")
                            .tcp(80, 1000)
                            .flags(0x12)
                            .build());
            write(
                    w,
                    t + 2,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.0.1", "198.18.1.1")
                            .tcp(1000, 80)
                            .flags(0x10)
                            .build());
            write(
                    w,
                    t + 3,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.0.2", "198.18.1.1")
                            .tcp(2000, 80)
                            .flags(0x10)
                            .build());
            write(
                    w,
                    t + 4,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.0.1", "198.18.1.1")
                            .udp(53, 53)
                            .payload("q")
                            .build());
            write(
                    w,
                    t + 5,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.0.1", "198.18.1.1")
                            .icmpEchoRequest(1, 1)
                            .build());
            write(
                    w,
                    t + 6,
                    FrameBuilder.ethernet()
                            .ipv4("198.18.0.1", "198.18.1.1")
                            .tcp(1, 80)
                            .corruptL4Checksum()
                            .build());
        }
        Path out = dir.resolve("out.pcap");
        Replay.Result r = Replay.run(new Replay.Options(in, null, out, false));

        assertThat(r.packets()).isEqualTo(7);
        assertThat(r.forwarded()).isEqualTo(5);
        assertThat(r.dropped()).isEqualTo(2);
        assertThat(r.drops()).containsOnlyKeys("flow_tcp_non_syn_drop", "pkt_tcp_cksum");
        assertThat(r.sessions())
                .containsEntry("tcp", 1L)
                .containsEntry("udp", 1L)
                .containsEntry("icmp", 1L);
        try (CaptureReader reader = CaptureReader.open(out)) {
            int n = 0;
            while (reader.next()) {
                n++;
            }
            assertThat(n).isEqualTo(5);
        }

        Replay.Result midstream = Replay.run(new Replay.Options(in, null, null, true));
        assertThat(midstream.forwarded())
                .as("--accept-midstream picks up the non-SYN flow")
                .isEqualTo(6);
    }

    private static void write(PcapWriter w, long ts, byte[] frame) throws IOException {
        w.write(MemorySegment.ofArray(frame), frame.length, frame.length, ts);
    }
}

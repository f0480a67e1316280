package io.palisade.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.Counters;
import io.palisade.dataplane.packet.PacketDrop;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketParser;
import io.palisade.dataplane.packet.ParseOutcome;
import io.palisade.dataplane.packet.ParseStatus;
import io.palisade.testkit.packets.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the tcpdump test suite (real captures, many deliberately malformed) is read to its end and every
 * frame parsed: nothing escapes as an exception, every frame gets exactly one outcome, and a damaged file ends
 * with a {@link CaptureFormatException}.
 */
class TcpdumpCapturesTest {
    /** What one file produced. */
    record FileResult(
            String name,
            long frames,
            Map<ParseStatus, Long> statuses,
            Counters<PacketDrop> drops,
            CaptureFormatException failure) {
        long accounted() {
            long total = statuses.values().stream().mapToLong(Long::longValue).sum();
            for (PacketDrop drop : PacketDrop.values()) {
                total += drops.get(drop);
            }
            return total;
        }
    }

    private static List<Path> captureFiles() throws IOException {
        Path dir = TestCaptures.tcpdumpTests().orElse(null);
        Assumptions.assumeTrue(dir != null, "shared/data/pcaps/tcpdump-tests not found above the working directory");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static FileResult replay(Path file) throws IOException {
        Map<ParseStatus, Long> statuses = new EnumMap<>(ParseStatus.class);
        Counters<PacketDrop> drops = new Counters<>(PacketDrop.class);
        PacketMeta meta = new PacketMeta();
        long frames = 0;
        CaptureFormatException failure = null;
        try (CaptureReader reader = CaptureReader.open(file)) {
            while (reader.next()) {
                frames++;
                ParseOutcome outcome =
                        PacketParser.parse(reader.frame(), reader.capturedLength(), reader.linkType(), meta);
                switch (outcome) {
                    case ParseStatus status -> statuses.merge(status, 1L, Long::sum);
                    case PacketDrop drop -> drops.increment(drop);
                }
            }
        } catch (CaptureFormatException e) {
            failure = e;
            assertThat(e.frameNumber()).isEqualTo(frames + 1);
            assertThat(e.byteOffset()).isBetween(0L, Files.size(file));
        }
        return new FileResult(file.getFileName().toString(), frames, statuses, drops, failure);
    }

    @TestFactory
    Stream<DynamicTest> everyFrameOfEveryFileIsAccountedFor() throws IOException {
        return captureFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    FileResult result = replay(file);
                    assertThat(result.accounted()).isEqualTo(result.frames());
                }));
    }

    /** Reads a capture held in memory to its end, parsing every frame; returns the frame count and the failure. */
    private static Drained drain(byte[] bytes) {
        PacketMeta meta = new PacketMeta();
        List<Long> timestamps = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.of(bytes)) {
            while (reader.next()) {
                timestamps.add(reader.timestampNs() ^ reader.frameOffset());
                assertThat(PacketParser.parse(reader.frame(), reader.capturedLength(), reader.linkType(), meta))
                        .isNotNull();
            }
            return new Drained(timestamps, null);
        } catch (CaptureFormatException e) {
            return new Drained(timestamps, e);
        }
    }

    record Drained(List<Long> frames, CaptureFormatException failure) {}

    @TestFactory
    Stream<DynamicTest> damagedCopiesEndWithACaptureFormatException() throws IOException {
        return captureFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    byte[] whole = Files.readAllBytes(file);
                    Drained original = drain(whole);
                    Random random = new Random(whole.length);

                    Drained lastByteLost = drain(Arrays.copyOf(whole, Math.max(0, whole.length - 1)));
                    assertThat(lastByteLost.failure()).as("cut by one byte").isNotNull();
                    // The last block may be one without a frame (pcapng statistics), so at most one frame is lost.
                    assertThat(lastByteLost.frames().size())
                            .isGreaterThanOrEqualTo(original.frames().size() - 1);
                    assertThat(lastByteLost.frames())
                            .isEqualTo(original.frames()
                                    .subList(0, lastByteLost.frames().size()));

                    for (int cut = 0; cut < 3; cut++) {
                        Drained truncated = drain(Arrays.copyOf(whole, random.nextInt(whole.length + 1)));
                        assertThat(truncated.frames())
                                .hasSizeLessThanOrEqualTo(original.frames().size());
                        assertThat(truncated.frames())
                                .as("a cut copy yields a prefix of the frames")
                                .isEqualTo(original.frames()
                                        .subList(0, truncated.frames().size()));
                    }
                    for (int round = 0; round < 3; round++) {
                        byte[] corrupt = whole.clone();
                        for (int flip = 0; flip < 4 && corrupt.length > 0; flip++) {
                            corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
                        }
                        drain(corrupt); // anything may come out, but only as frames or a CaptureFormatException
                    }
                }));
    }

    @Test
    void theSuiteAsAWholeExercisesTheCodec() throws IOException {
        List<FileResult> results = new ArrayList<>();
        for (Path file : captureFiles()) {
            results.add(replay(file));
        }
        Map<String, Long> totals = new TreeMap<>();
        long frames = 0;
        List<String> damaged = new ArrayList<>();
        for (FileResult result : results) {
            frames += result.frames();
            result.statuses().forEach((status, count) -> totals.merge(status.name(), count, Long::sum));
            result.drops().addTo(totals);
            if (result.failure() != null) {
                damaged.add(result.name() + ": " + result.failure().getMessage());
            }
        }
        totals.values().removeIf(v -> v == 0);
        System.out.println("files=" + results.size() + " frames=" + frames + " outcomes=" + totals);
        damaged.forEach(System.out::println);

        assertThat(results).hasSizeGreaterThan(500);
        assertThat(totals.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(frames);
        assertThat(totals.get("OK")).as("IPv4/IPv6 frames parsed").isGreaterThan(frames / 4);
        assertThat(totals).containsKeys("ARP", "NON_IP", "UNSUPPORTED_LINK_TYPE");
        assertThat(damaged).as("the LICENSE file is not a capture").anyMatch(d -> d.startsWith("LICENSE: "));
    }

    @Test
    void knownCleanCapturesParseWithoutDrops() throws IOException {
        Path dir = TestCaptures.tcpdumpTests().orElse(null);
        Assumptions.assumeTrue(dir != null, "shared/data/pcaps/tcpdump-tests not found");
        for (String name : List.of("LINKTYPE_IPV4.pcap", "LINKTYPE_IPV6.pcap", "LINKTYPE_RAW_ipv4.pcap")) {
            FileResult result = replay(dir.resolve(name));
            assertThat(result.failure()).as(name).isNull();
            assertThat(result.frames()).as(name).isPositive();
            assertThat(result.statuses().get(ParseStatus.OK)).as(name).isEqualTo(result.frames());
        }
    }
}

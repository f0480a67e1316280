package io.palisade.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketParser;
import io.palisade.dataplane.packet.ParseStatus;
import io.palisade.testkit.packets.FrameBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderWriterTest {
    private static final long T0 = 1_700_000_000_123_456_789L;

    private static List<byte[]> frames() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(FrameBuilder.ethernet()
                .ipv4("198.18.0.1", "198.18.1.1")
                .tcp(1, 2)
                .flags(FrameBuilder.SYN)
                .build());
        frames.add(FrameBuilder.ethernet()
                .ipv6("2001:db8::1", "2001:db8::2")
                .udp(3, 4)
                .payload("x")
                .build());
        frames.add(FrameBuilder.ethernet()
                .arp(1, "02:00:00:00:00:01", "198.18.0.1", "00:00:00:00:00:00", "198.18.0.2")
                .build());
        return frames;
    }

    private static byte[] writePcap(TimestampPrecision precision, ByteOrder order, int snap, List<byte[]> frames)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, LinkType.ETHERNET, precision, order, snap)) {
            for (int i = 0; i < frames.size(); i++) {
                writer.write(MemorySegment.ofArray(frames.get(i)), T0 + i * 1_000_000_001L);
            }
            assertThat(writer.framesWritten()).isEqualTo(frames.size());
        }
        return out.toByteArray();
    }

    private static byte[] bytes(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }

    @ParameterizedTest
    @CsvSource({
        "MICROSECONDS,LITTLE_ENDIAN",
        "MICROSECONDS,BIG_ENDIAN",
        "NANOSECONDS,LITTLE_ENDIAN",
        "NANOSECONDS,BIG_ENDIAN"
    })
    void writtenFramesReadBackInEitherByteOrderAndPrecision(TimestampPrecision precision, String orderName)
            throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<byte[]> frames = frames();
        byte[] file = writePcap(precision, order, PcapWriter.DEFAULT_SNAP_LENGTH, frames);

        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAP);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(reader.next()).isTrue();
                long expectedNs = T0 + i * 1_000_000_001L;
                if (precision == TimestampPrecision.MICROSECONDS) {
                    expectedNs -= expectedNs % 1_000;
                }
                assertThat(bytes(reader.frame())).isEqualTo(frames.get(i));
                assertThat(reader.timestampNs()).isEqualTo(expectedNs);
                assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(reader.capturedLength()).isEqualTo(frames.get(i).length);
                assertThat(reader.originalLength()).isEqualTo(frames.get(i).length);
                assertThat(reader.framesRead()).isEqualTo(i + 1);
            }
            assertThat(reader.next()).isFalse();
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void framesAreSlicesOfTheFileNotCopies() throws IOException {
        byte[] file = writePcap(TimestampPrecision.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, 65535, frames());
        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.next()).isTrue();
            file[24 + 16] = 0x7F; // first byte of the first frame
            assertThat(reader.frame().get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 0x7F);
            assertThat(reader.frameOffset()).isEqualTo(24);
        }
    }

    @Test
    void snapshotLengthCutsFramesButKeepsTheOriginalLength() throws IOException {
        byte[] file = writePcap(TimestampPrecision.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, 40, frames());
        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.capturedLength()).isEqualTo(40);
            assertThat(reader.originalLength()).isEqualTo(frames().getFirst().length);
            assertThat(bytes(reader.frame())).isEqualTo(Arrays.copyOf(frames().getFirst(), 40));
        }
    }

    @Test
    void fileWrittenToDiskIsMappedAndParsed(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("out.pcap");
        try (PcapWriter writer = PcapWriter.create(path, LinkType.ETHERNET, TimestampPrecision.NANOSECONDS)) {
            for (byte[] frame : frames()) {
                writer.write(MemorySegment.ofArray(frame), frame.length, frame.length + 100, T0);
            }
        }
        PacketMeta meta = new PacketMeta();
        List<Object> outcomes = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(path)) {
            while (reader.next()) {
                outcomes.add(PacketParser.parse(reader.frame(), reader.capturedLength(), reader.linkType(), meta));
                assertThat(reader.originalLength()).isEqualTo(reader.capturedLength() + 100);
                assertThat(reader.timestampNs()).isEqualTo(T0);
            }
        }
        assertThat(outcomes).containsExactly(ParseStatus.OK, ParseStatus.OK, ParseStatus.ARP);
    }

    @Test
    void truncatedFrameEndsWithTheFramesBeforeIt() throws IOException {
        byte[] file = writePcap(TimestampPrecision.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, 65535, frames());
        int thirdRecord = file.length - 16 - frames().get(2).length;
        byte[] cut = Arrays.copyOf(file, thirdRecord + 16 + 10);

        CaptureReader reader = CaptureReader.of(cut);
        assertThat(reader.next()).isTrue();
        assertThat(reader.next()).isTrue();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
            assertThat(e.byteOffset()).isEqualTo(thirdRecord);
            assertThat(e.frameNumber()).isEqualTo(3);
            assertThat(e.getMessage())
                    .isEqualTo("pcap: truncated frame: record says 42 captured bytes, 10 remain at byte offset "
                            + thirdRecord + " (frame 3)");
        });
        assertThatThrownBy(reader::next).as("the failure sticks").isInstanceOf(CaptureFormatException.class);
        assertThat(reader.framesRead()).isEqualTo(2);
    }

    @Test
    void truncatedRecordHeader() throws IOException {
        byte[] file = writePcap(TimestampPrecision.MICROSECONDS, ByteOrder.BIG_ENDIAN, 65535, frames());
        byte[] cut = Arrays.copyOf(file, 24 + 16 + frames().getFirst().length + 7);
        CaptureReader reader = CaptureReader.of(cut);
        assertThat(reader.next()).isTrue();
        assertThatThrownBy(reader::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated record header: 7 of 16 bytes")
                .hasMessageContaining("frame 2");
    }

    @Test
    void absurdCapturedLengthIsCorruption() throws IOException {
        byte[] file = writePcap(TimestampPrecision.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, 65535, frames());
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFF_0000);
        CaptureReader reader = CaptureReader.of(file);
        assertThatThrownBy(reader::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("exceeds the maximum of 262144")
                .hasMessageContaining("byte offset 24 (frame 1)");
    }

    @Test
    void headerProblemsAreReportedAtOpen() {
        assertThatThrownBy(() -> CaptureReader.of(new byte[0]))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> CaptureReader.of("Licence text, not a capture".getBytes()))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a pcap or pcapng file (magic 0x4c696365)");
        byte[] shortHeader = {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0, 4, 0};
        assertThatThrownBy(() -> CaptureReader.of(shortHeader))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated file header: 8 of 24 bytes");
        byte[] version1 = new byte[24];
        ByteBuffer.wrap(version1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xA1B2_C3D4)
                .putShort((short) 1);
        assertThatThrownBy(() -> CaptureReader.of(version1))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("unsupported pcap version 1.0");
    }

    @Test
    void emptyFileOnDiskIsRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        assertThatThrownBy(() -> CaptureReader.open(empty)).isInstanceOf(CaptureFormatException.class);
    }

    @Test
    void fcsBitsInTheLinkTypeFieldAreMasked() throws IOException {
        byte[] file = writePcap(TimestampPrecision.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, 65535, frames());
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 0x3000_0001);
        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
        }
    }

    @Test
    void modifiedPcapFormatHasLongerRecordHeaders() throws IOException {
        byte[] frame = frames().getFirst();
        ByteBuffer b = ByteBuffer.allocate(24 + 24 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PcapReader.MODIFIED_MAGIC)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0);
        b.putInt(65535).putInt(LinkType.ETHERNET);
        b.putInt(10)
                .putInt(500)
                .putInt(frame.length)
                .putInt(frame.length)
                .putInt(3)
                .putShort((short) 0x0800);
        b.put((byte) 0).put((byte) 0).put(frame);
        try (CaptureReader reader = CaptureReader.of(b.array())) {
            assertThat(reader.next()).isTrue();
            assertThat(bytes(reader.frame())).isEqualTo(frame);
            assertThat(reader.timestampNs()).isEqualTo(10_000_500_000L);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void writerRefusesWhatPcapCannotHold() throws IOException {
        PcapWriter writer = new PcapWriter(
                new ByteArrayOutputStream(), 1, TimestampPrecision.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, 100);
        MemorySegment frame = MemorySegment.ofArray(new byte[10]);
        assertThatThrownBy(() -> writer.write(frame, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(frame, 11, 11, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(frame, (1L << 32) * 1_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(writer.framesWritten()).isZero();
    }
}

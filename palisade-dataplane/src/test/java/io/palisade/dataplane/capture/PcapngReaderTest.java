package io.palisade.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.dataplane.packet.LinkType;
import io.palisade.testkit.packets.FrameBuilder;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReaderTest {
    private static final byte[] ETH = FrameBuilder.ethernet()
            .ipv4("198.18.0.1", "198.18.1.1")
            .udp(1, 2)
            .payload("abc")
            .build();
    private static final byte[] RAW6 = FrameBuilder.link(FrameBuilder.Link.RAW)
            .ipv6("2001:db8::1", "2001:db8::2")
            .udp(1, 2)
            .build();

    private static ByteOrder order(String name) {
        return name.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static byte[] bytes(CaptureReader reader) {
        return reader.frame().toArray(ValueLayout.JAVA_BYTE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void interfacesWithTheirOwnLinkTypesAndResolutions(String orderName) throws CaptureFormatException {
        byte[] file = new PcapngBytes()
                .section(order(orderName))
                .iface(LinkType.ETHERNET, 65535, null, null) // default microseconds
                .iface(LinkType.RAW, 0, 9, 100L) // nanoseconds, plus 100 s offset
                .block(0x0000_0004, new byte[] {0, 0, 0, 0}) // name resolution: skipped
                .epb(0, 1_700_000_000_000_001L, ETH, ETH.length)
                .epb(1, 5_000_000_007L, RAW6, RAW6.length + 20)
                .block(0x4000_0BAD, new byte[7]) // custom/unknown: skipped
                .spb(ETH, ETH.length)
                .obsoletePacket(1, 42, RAW6)
                .bytes();

        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAPNG);

            assertThat(reader.next()).isTrue();
            assertThat(bytes(reader)).isEqualTo(ETH);
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(reader.interfaceId()).isZero();
            assertThat(reader.timestampNs()).isEqualTo(1_700_000_000_000_001_000L);

            assertThat(reader.next()).isTrue();
            assertThat(bytes(reader)).isEqualTo(RAW6);
            assertThat(reader.linkType()).isEqualTo(LinkType.RAW);
            assertThat(reader.interfaceId()).isEqualTo(1);
            assertThat(reader.originalLength()).isEqualTo(RAW6.length + 20);
            assertThat(reader.timestampNs()).isEqualTo(105_000_000_007L);

            assertThat(reader.next()).isTrue();
            assertThat(bytes(reader)).as("simple packet").isEqualTo(ETH);
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);

            assertThat(reader.next()).isTrue();
            assertThat(bytes(reader)).as("obsolete packet block").isEqualTo(RAW6);
            assertThat(reader.timestampNs()).isEqualTo(100_000_000_042L);

            assertThat(reader.next()).isFalse();
            assertThat(reader.framesRead()).isEqualTo(4);
        }
    }

    @Test
    void aNewSectionMayChangeByteOrderAndResetsInterfaces() throws CaptureFormatException {
        byte[] file = new PcapngBytes()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, null, null)
                .epb(0, 1, ETH, ETH.length)
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.IPV6, 0, null, null)
                .epb(0, 2, RAW6, RAW6.length)
                .bytes();
        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(reader.next()).isTrue();
            assertThat(reader.linkType()).isEqualTo(LinkType.IPV6);
            assertThat(reader.timestampNs()).isEqualTo(2_000L);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void simplePacketIsCutToTheSnapshotLength() throws CaptureFormatException {
        byte[] file = new PcapngBytes()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 20, null, null)
                .spb(ETH, ETH.length)
                .bytes();
        try (CaptureReader reader = CaptureReader.of(file)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.capturedLength()).isEqualTo(20);
            assertThat(reader.originalLength()).isEqualTo(ETH.length);
            assertThat(bytes(reader)).isEqualTo(Arrays.copyOf(ETH, 20));
        }
    }

    @Test
    void timestampResolutions() {
        assertThat(PcapngReader.toNanos(1_500_000, 6)).isEqualTo(1_500_000_000L);
        assertThat(PcapngReader.toNanos(15, 1)).isEqualTo(1_500_000_000L);
        assertThat(PcapngReader.toNanos(1_234_567_891_234L, 12)).isEqualTo(1_234_567_891L);
        assertThat(PcapngReader.toNanos(3, 0)).isEqualTo(3_000_000_000L);
        assertThat(PcapngReader.toNanos((5L << 10) | 512, 0x80 | 10)).isEqualTo(5_500_000_000L);
        assertThat(PcapngReader.toNanos(7, 0x80)).isEqualTo(7_000_000_000L);
        assertThat(PcapngReader.toNanos(1L << 62, 0x80 | 63)).isEqualTo(500_000_000L);
        assertThat(PcapngReader.isSupportedResolution(19)).isFalse();
        assertThat(PcapngReader.isSupportedResolution(0x80 | 64)).isFalse();
    }

    @Test
    void goodFramesComeBeforeACorruptBlock() throws CaptureFormatException {
        PcapngBytes bytes = new PcapngBytes()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, null, null)
                .epb(0, 1, ETH, ETH.length)
                .epb(0, 2, ETH, ETH.length);
        int badBlock = bytes.size();
        byte[] file = bytes.epb(0, 3, ETH, ETH.length).bytes();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(file.length - 4, 12345);

        CaptureReader reader = CaptureReader.of(file);
        assertThat(reader.next()).isTrue();
        assertThat(reader.next()).isTrue();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
            assertThat(e.byteOffset()).isEqualTo(badBlock);
            assertThat(e.frameNumber()).isEqualTo(3);
            assertThat(e.getMessage()).contains("does not match its trailing length 12345");
        });
    }

    @Test
    void truncatedLastBlock() throws CaptureFormatException {
        byte[] whole = new PcapngBytes()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, null, null)
                .epb(0, 1, ETH, ETH.length)
                .bytes();
        CaptureReader reader = CaptureReader.of(Arrays.copyOf(whole, whole.length - 10));
        assertThatThrownBy(reader::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("pcapng: truncated block: type 0x6 says")
                .hasMessageContaining("(frame 1)");

        CaptureReader tail = CaptureReader.of(Arrays.copyOf(whole, whole.length + 5));
        assertThat(tail.next()).isTrue();
        assertThatThrownBy(tail::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated block header: 5 bytes left");
    }

    @Test
    void packetForAnUndefinedInterface() throws CaptureFormatException {
        byte[] file = new PcapngBytes()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, null, null)
                .epb(3, 1, ETH, ETH.length)
                .bytes();
        CaptureReader reader = CaptureReader.of(file);
        assertThatThrownBy(reader::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("enhanced packet block for interface 3, but 1 defined");

        byte[] noInterface = new PcapngBytes()
                .section(ByteOrder.LITTLE_ENDIAN)
                .spb(ETH, ETH.length)
                .bytes();
        assertThatThrownBy(CaptureReader.of(noInterface)::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("simple packet block before any interface description");
    }

    @Test
    void capturedLengthBeyondItsBlock() throws CaptureFormatException {
        PcapngBytes bytes = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET, 0, null, null);
        int epb = bytes.size();
        byte[] file = bytes.epb(0, 1, ETH, ETH.length).bytes();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(epb + 20, 5000);
        assertThatThrownBy(CaptureReader.of(file)::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("says 5000 captured bytes");
    }

    @Test
    void badSectionHeadersAreRefused() {
        byte[] good = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).bytes();

        byte[] badMagic = good.clone();
        badMagic[8] = 0x11;
        assertThatThrownBy(() -> CaptureReader.of(badMagic))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("bad byte-order magic")
                .hasMessageContaining("byte offset 0 (frame 1)");

        byte[] version2 = good.clone();
        ByteBuffer.wrap(version2).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 2);
        assertThatThrownBy(() -> CaptureReader.of(version2))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("unsupported pcapng version 2.0");

        assertThatThrownBy(() -> CaptureReader.of(Arrays.copyOf(good, 20)))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated section header");

        byte[] oddLength = good.clone();
        ByteBuffer.wrap(oddLength).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 30);
        assertThatThrownBy(() -> CaptureReader.of(oddLength))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("bad block length 30");
    }

    @Test
    void unsupportedTimestampResolution() throws CaptureFormatException {
        byte[] file = new PcapngBytes()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 40, null)
                .bytes();
        assertThatThrownBy(CaptureReader.of(file)::next)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("unsupported if_tsresol 0x28");
    }

    @Test
    void sectionWithoutPacketsIsAnEmptyCapture() throws CaptureFormatException {
        try (CaptureReader reader =
                CaptureReader.of(new PcapngBytes().section(ByteOrder.BIG_ENDIAN).bytes())) {
            assertThat(reader.next()).isFalse();
            assertThat(reader.framesRead()).isZero();
        }
    }
}

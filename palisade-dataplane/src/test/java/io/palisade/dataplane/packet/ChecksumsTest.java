package io.palisade.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.packets.InetChecksum;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc1071Example() {
        MemorySegment bytes = MemorySegment.ofArray(HEX.parseHex("0001f203f4f5f6f7"));
        assertThat(Checksums.fold(Checksums.sum(bytes, 0, 8))).isEqualTo(0xDDF2);
        assertThat(Checksums.finish(Checksums.sum(bytes, 0, 8))).isEqualTo(0x220D);
    }

    @Test
    void ipv4HeaderVerifyAndCompute() {
        byte[] header = HEX.parseHex("4500007300004000" + "4011b861c0a80001c0a800c7");
        MemorySegment segment = MemorySegment.ofArray(header);
        assertThat(Checksums.verifyIpv4Header(segment, 0, 20)).isTrue();

        header[11] = 0;
        assertThat(Checksums.verifyIpv4Header(segment, 0, 20)).isFalse();
        assertThat(Checksums.writeIpv4Header(segment, 0, 20)).isEqualTo(0xB861);
        assertThat(header[10] & 0xFF).isEqualTo(0xB8);
        assertThat(Checksums.verifyIpv4Header(segment, 0, 20)).isTrue();
    }

    @Test
    void sumMatchesAByteWiseImplementationForEveryLengthAndOffset() {
        Random random = new Random(1071);
        for (int round = 0; round < 2000; round++) {
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = data.length - offset == 0 ? 0 : random.nextInt(data.length - offset + 1);
            int expected = InetChecksum.of(Arrays.copyOfRange(data, offset, offset + length));
            long sum = Checksums.sum(MemorySegment.ofArray(data), offset, length);
            assertThat(Checksums.finish(sum))
                    .as("length %d offset %d", length, offset)
                    .isEqualTo(expected);
            assertThat(Checksums.fold(sum))
                    .as("folded partial sum, length %d offset %d", length, offset)
                    .isEqualTo(Checksums.fold(bigEndianWordSum(data, offset, length)));
        }
    }

    @Test
    void foldEqualsTheEndAroundCarryLoopOnEdgeAndRandomSums() {
        Random random = new Random(1624);
        long[] edges = {
            0, 1, 0xFFFF, 0x10000, 0x1FFFE, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_FFFF_FFFEL, -1L, Long.MIN_VALUE
        };
        for (long sum : edges) {
            assertThat(Checksums.fold(sum)).as("fold of %x", sum).isEqualTo(foldByLoop(sum));
        }
        for (int round = 0; round < 10_000; round++) {
            long sum = random.nextLong() >>> random.nextInt(64);
            assertThat(Checksums.fold(sum)).as("fold of %x", sum).isEqualTo(foldByLoop(sum));
        }
    }

    /** End-around carry, 16 bits at a time, until nothing is left above 16 bits. */
    private static int foldByLoop(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** The textbook sum: big-endian 16-bit words, an odd last byte padded with zero. */
    private static long bigEndianWordSum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xFF;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        return sum;
    }

    @Test
    void pseudoHeadersMatchTheirByteLayouts() {
        Random random = new Random(768);
        for (int round = 0; round < 500; round++) {
            byte[] src = new byte[4];
            byte[] dst = new byte[4];
            random.nextBytes(src);
            random.nextBytes(dst);
            int protocol = random.nextInt(256);
            int length = random.nextInt(65536);
            long sum = Checksums.pseudoHeaderIpv4(
                    NetOrder.i32(MemorySegment.ofArray(src), 0),
                    NetOrder.i32(MemorySegment.ofArray(dst), 0),
                    protocol,
                    length);
            assertThat(Checksums.finish(sum))
                    .isEqualTo(InetChecksum.of(InetChecksum.pseudoIpv4(src, dst, protocol, length)));

            byte[] src6 = new byte[16];
            byte[] dst6 = new byte[16];
            random.nextBytes(src6);
            random.nextBytes(dst6);
            MemorySegment s = MemorySegment.ofArray(src6);
            MemorySegment d = MemorySegment.ofArray(dst6);
            long sum6 = Checksums.pseudoHeaderIpv6(
                    NetOrder.i64(s, 0), NetOrder.i64(s, 8), NetOrder.i64(d, 0), NetOrder.i64(d, 8), protocol, length);
            assertThat(Checksums.finish(sum6))
                    .isEqualTo(InetChecksum.of(InetChecksum.pseudoIpv6(src6, dst6, protocol, length)));
        }
    }

    @Test
    void incrementalUpdatesEqualFullRecomputation() {
        Random random = new Random(1624);
        for (int round = 0; round < 5000; round++) {
            byte[] data = new byte[40];
            random.nextBytes(data);
            MemorySegment segment = MemorySegment.ofArray(data);
            int checksum = Checksums.finish(Checksums.sum(segment, 0, data.length));

            int at16 = 2 * random.nextInt(20);
            int old16 = NetOrder.u16(segment, at16);
            int new16 = random.nextInt(65536);
            NetOrder.put16(segment, at16, new16);
            checksum = Checksums.update16(checksum, old16, new16);
            assertThat(checksum).isEqualTo(Checksums.finish(Checksums.sum(segment, 0, data.length)));

            int at32 = 2 * random.nextInt(19);
            int old32 = NetOrder.i32(segment, at32);
            int new32 = random.nextInt();
            NetOrder.put32(segment, at32, new32);
            checksum = Checksums.update32(checksum, old32, new32);
            assertThat(checksum).isEqualTo(Checksums.finish(Checksums.sum(segment, 0, data.length)));

            int at128 = 2 * random.nextInt(13);
            long oldHi = NetOrder.i64(segment, at128);
            long oldLo = NetOrder.i64(segment, at128 + 8);
            long newHi = random.nextLong();
            long newLo = random.nextLong();
            NetOrder.put64(segment, at128, newHi);
            NetOrder.put64(segment, at128 + 8, newLo);
            checksum = Checksums.update128(checksum, oldHi, oldLo, newHi, newLo);
            assertThat(checksum).isEqualTo(Checksums.finish(Checksums.sum(segment, 0, data.length)));
        }
    }

    @Test
    void incrementalUpdateHandlesTheOnesComplementZeroEdge() {
        // A word going from 0x0000 to 0xFFFF changes nothing in ones-complement arithmetic.
        int checksum = 0x1234;
        assertThat(Checksums.update16(checksum, 0x0000, 0xFFFF)).isEqualTo(checksum);
        assertThat(Checksums.update32(checksum, 0, 0)).isEqualTo(checksum);
        // RFC 1624 section 4 example: HC = 0xDD2F, m = 0x5555 -> m' = 0x3285 gives HC' = 0x0000, not 0xFFFF.
        assertThat(Checksums.update16(0xDD2F, 0x5555, 0x3285)).isEqualTo(0x0000);
    }

    @Test
    void partialChecksumFieldsFollowThePseudoHeader() {
        Random random = new Random(4);
        for (int round = 0; round < 1000; round++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int newSrc = random.nextInt();
            int partial = Checksums.fold(Checksums.pseudoHeaderIpv4(src, dst, 6, 40));
            int updated = Checksums.updatePartial32(partial, src, newSrc);
            assertThat(Checksums.fold(Checksums.pseudoHeaderIpv4(newSrc, dst, 6, 40)) % 0xFFFF)
                    .isEqualTo(updated % 0xFFFF);

            long hi = random.nextLong();
            long lo = random.nextLong();
            long newHi = random.nextLong();
            long newLo = random.nextLong();
            int partial6 = Checksums.fold(Checksums.pseudoHeaderIpv6(hi, lo, 5, 6, 17, 100));
            int updated6 = Checksums.updatePartial128(partial6, hi, lo, newHi, newLo);
            assertThat(Checksums.fold(Checksums.pseudoHeaderIpv6(newHi, newLo, 5, 6, 17, 100)) % 0xFFFF)
                    .isEqualTo(updated6 % 0xFFFF);
        }
    }

    @Test
    void transportChecksumWriteAndVerify() {
        byte[] udp = HEX.parseHex("04d2162e000c0000" + "68656c6c");
        MemorySegment segment = MemorySegment.ofArray(udp);
        long pseudo = Checksums.pseudoHeaderIpv4(0xC6120001, 0xC6120101, IpProtocol.UDP, udp.length);
        int written = Checksums.writeTransport(segment, 0, udp.length, Checksums.UDP_CHECKSUM_OFFSET, pseudo, true);
        assertThat(written).isNotZero();
        assertThat(Checksums.verifyTransport(segment, 0, udp.length, pseudo)).isTrue();
        udp[9] ^= 1;
        assertThat(Checksums.verifyTransport(segment, 0, udp.length, pseudo)).isFalse();
    }
}

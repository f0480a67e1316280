package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.Counters;
import io.palisade.linux.packet.PacketStructs.BlockDesc;
import io.palisade.linux.packet.PacketStructs.Status;
import io.palisade.linux.packet.PacketStructs.Tpacket3Hdr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Walks a ring laid out in memory by the test the way the kernel lays out a TPACKET_V3 ring. */
class RxRingTest {
    static final int BLOCK = 4096;
    static final int DATA_AT = 80;

    final Arena arena = Arena.ofConfined();
    final MemorySegment ring = arena.allocate(2L * BLOCK, 4096);
    final Counters<AfPacketCounter> counters = new Counters<>(AfPacketCounter.class);
    final RxRing rx = new RxRing(ring, BLOCK, 2, 1518, counters);

    record Seen(int length, int wireLength, int status, int pkttype, long timestampNs, byte firstByte) {}

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void deliversFramesOfAUserBlockAndReturnsItToTheKernel() {
        fillBlock(0, new int[] {60, 70}, new int[] {Status.CSUMNOTREADY, Status.CSUM_VALID});
        List<Seen> seen = new ArrayList<>();

        assertThat(rx.ready()).isTrue();
        assertThat(rx.receive(frame -> seen.add(seen(frame)), 64)).isEqualTo(2);

        assertThat(seen)
                .containsExactly(
                        new Seen(
                                60, 60, Status.CSUMNOTREADY, RxFrame.PACKET_HOST, 1_700_000_000_000_000_123L, (byte) 1),
                        new Seen(70, 70, Status.CSUM_VALID, RxFrame.PACKET_HOST, 1_700_000_000_000_000_123L, (byte) 2));
        assertThat(ring.get(JAVA_INT, BlockDesc.BLOCK_STATUS)).isEqualTo(Status.KERNEL);
        assertThat(rx.ready()).isFalse();
        assertThat(counters.get(AfPacketCounter.RX_FRAMES)).isEqualTo(2);
        assertThat(counters.get(AfPacketCounter.RX_BLOCKS)).isEqualTo(1);
        assertThat(counters.get(AfPacketCounter.RX_CSUM_NOT_READY)).isEqualTo(1);
    }

    @Test
    void aBudgetStopsMidBlockAndTheNextCallResumesThere() {
        fillBlock(0, new int[] {60, 61, 62}, new int[] {0, 0, 0});
        fillBlock(1, new int[] {63}, new int[] {0});
        List<Integer> lengths = new ArrayList<>();

        assertThat(rx.receive(frame -> lengths.add(frame.length()), 2)).isEqualTo(2);
        assertThat(ring.get(JAVA_INT, BlockDesc.BLOCK_STATUS))
                .as("block 0 still ours")
                .isEqualTo(Status.USER);
        assertThat(rx.ready()).isTrue();
        assertThat(rx.receive(frame -> lengths.add(frame.length()), 2)).isEqualTo(2);
        assertThat(rx.receive(frame -> lengths.add(frame.length()), 2)).isZero();

        assertThat(lengths).containsExactly(60, 61, 62, 63);
        assertThat(ring.get(JAVA_INT, BlockDesc.BLOCK_STATUS)).isEqualTo(Status.KERNEL);
        assertThat(ring.get(JAVA_INT, BLOCK + BlockDesc.BLOCK_STATUS)).isEqualTo(Status.KERNEL);
    }

    @Test
    void wrapsAroundToTheFirstBlock() {
        fillBlock(0, new int[] {60}, new int[] {0});
        rx.receive(frame -> {}, 10);
        fillBlock(1, new int[] {61}, new int[] {0});
        rx.receive(frame -> {}, 10);
        fillBlock(0, new int[] {62}, new int[] {0});
        List<Integer> lengths = new ArrayList<>();
        assertThat(rx.receive(frame -> lengths.add(frame.length()), 10)).isEqualTo(1);
        assertThat(lengths).containsExactly(62);
    }

    @Test
    void anEmptyRetiredBlockIsReturnedWithoutFrames() {
        fillBlock(0, new int[] {}, new int[] {});
        fillBlock(1, new int[] {64}, new int[] {0});
        List<Integer> lengths = new ArrayList<>();
        assertThat(rx.receive(frame -> lengths.add(frame.length()), 10)).isEqualTo(1);
        assertThat(lengths).containsExactly(64);
        assertThat(counters.get(AfPacketCounter.RX_BLOCKS)).isEqualTo(2);
    }

    @Test
    void framesLongerThanTheMtuAreFlaggedAsOversize() {
        fillBlock(0, new int[] {1000}, new int[] {0});
        ring.set(JAVA_INT, 48 + Tpacket3Hdr.LEN, 9000);
        List<Boolean> oversize = new ArrayList<>();
        rx.receive(frame -> oversize.add(frame.oversize()), 10);
        assertThat(oversize).containsExactly(true);
        assertThat(counters.get(AfPacketCounter.RX_OVERSIZE)).isEqualTo(1);
        assertThat(counters.get(AfPacketCounter.RX_TRUNCATED)).isEqualTo(1);
    }

    private Seen seen(RxFrame frame) {
        return new Seen(
                frame.length(),
                frame.wireLength(),
                frame.status(),
                frame.packetType(),
                frame.timestampNs(),
                frame.buffer().get(JAVA_BYTE, frame.offset()));
    }

    /** Lays out frames of the given lengths in block {@code index} and hands the block to "user space". */
    private void fillBlock(int index, int[] lengths, int[] statuses) {
        long base = (long) index * BLOCK;
        ring.asSlice(base, BLOCK).fill((byte) 0);
        long first = 48;
        long at = first;
        for (int i = 0; i < lengths.length; i++) {
            long hdr = base + at;
            long size = (DATA_AT + lengths[i] + 15) & ~15L;
            ring.set(JAVA_INT, hdr + Tpacket3Hdr.NEXT_OFFSET, i + 1 < lengths.length ? (int) size : 0);
            ring.set(JAVA_INT, hdr + Tpacket3Hdr.SEC, 1_700_000_000);
            ring.set(JAVA_INT, hdr + Tpacket3Hdr.NSEC, 123);
            ring.set(JAVA_INT, hdr + Tpacket3Hdr.SNAPLEN, lengths[i]);
            ring.set(JAVA_INT, hdr + Tpacket3Hdr.LEN, lengths[i]);
            ring.set(JAVA_INT, hdr + Tpacket3Hdr.STATUS, statuses[i]);
            ring.set(JAVA_SHORT, hdr + Tpacket3Hdr.MAC, (short) DATA_AT);
            ring.set(JAVA_BYTE, hdr + Tpacket3Hdr.SOCKADDR_LL + PacketStructs.SockaddrLl.PKTTYPE, (byte) 0);
            ring.set(JAVA_BYTE, hdr + DATA_AT, (byte) (i + 1));
            at += size;
        }
        ring.set(JAVA_INT, base + BlockDesc.NUM_PKTS, lengths.length);
        ring.set(JAVA_INT, base + BlockDesc.OFFSET_TO_FIRST_PKT, (int) first);
        ring.set(JAVA_INT, base + BlockDesc.BLOCK_STATUS, Status.USER);
    }
}

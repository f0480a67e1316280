package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.palisade.common.Counters;
import io.palisade.linux.packet.PacketStructs.BlockDesc;
import io.palisade.linux.packet.PacketStructs.SockaddrLl;
import io.palisade.linux.packet.PacketStructs.Status;
import io.palisade.linux.packet.PacketStructs.Tpacket3Hdr;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * Walks a TPACKET_V3 RX ring: blocks in order, each owned by user space while {@code block_status} has
 * {@code TP_STATUS_USER}, frames chained by {@code tp_next_offset}. A block goes back to the kernel (release store
 * of {@code TP_STATUS_KERNEL}) only after its last frame was handed out, so a budget may stop in the middle of a
 * block and the next call resumes there. Owned by one thread.
 */
final class RxRing {
    /** Acquire/release access to the status words the kernel shares with us. */
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final int blockSize;
    private final int blockCount;
    private final RxFrame frame;
    private final Counters<AfPacketCounter> counters;
    private int block;
    private boolean inBlock;
    private int framesLeft;
    private long frameOffset;

    RxRing(MemorySegment ring, int blockSize, int blockCount, int maxFrameLength, Counters<AfPacketCounter> counters) {
        this.ring = ring;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.frame = new RxFrame(maxFrameLength);
        this.counters = counters;
    }

    /** True when frames are waiting: a block is in progress or the next one belongs to user space. */
    boolean ready() {
        return inBlock || (statusOf(block) & Status.USER) != 0;
    }

    /** Hands up to {@code budget} frames to {@code handler}; returns how many. Never blocks. */
    int receive(FrameHandler handler, int budget) {
        int delivered = 0;
        while (delivered < budget) {
            if (!inBlock && !openBlock()) {
                break;
            }
            if (framesLeft == 0) {
                releaseBlock();
                continue;
            }
            deliver(handler);
            delivered++;
            if (--framesLeft == 0) {
                releaseBlock();
            } else {
                frameOffset += Integer.toUnsignedLong(ring.get(JAVA_INT, frameOffset + Tpacket3Hdr.NEXT_OFFSET));
            }
        }
        if (delivered > 0) {
            counters.add(AfPacketCounter.RX_FRAMES, delivered);
        }
        return delivered;
    }

    private boolean openBlock() {
        if ((statusOf(block) & Status.USER) == 0) {
            return false;
        }
        long base = (long) block * blockSize;
        inBlock = true;
        framesLeft = ring.get(JAVA_INT, base + BlockDesc.NUM_PKTS);
        frameOffset = base + Integer.toUnsignedLong(ring.get(JAVA_INT, base + BlockDesc.OFFSET_TO_FIRST_PKT));
        return true;
    }

    private void deliver(FrameHandler handler) {
        long hdr = frameOffset;
        int status = ring.get(JAVA_INT, hdr + Tpacket3Hdr.STATUS);
        int snaplen = ring.get(JAVA_INT, hdr + Tpacket3Hdr.SNAPLEN);
        int len = ring.get(JAVA_INT, hdr + Tpacket3Hdr.LEN);
        long data = hdr + Short.toUnsignedInt(ring.get(JAVA_SHORT, hdr + Tpacket3Hdr.MAC));
        long timestampNs = Integer.toUnsignedLong(ring.get(JAVA_INT, hdr + Tpacket3Hdr.SEC)) * 1_000_000_000L
                + Integer.toUnsignedLong(ring.get(JAVA_INT, hdr + Tpacket3Hdr.NSEC));
        int pkttype = Byte.toUnsignedInt(ring.get(JAVA_BYTE, hdr + Tpacket3Hdr.SOCKADDR_LL + SockaddrLl.PKTTYPE));
        frame.set(
                ring,
                data,
                snaplen,
                len,
                status,
                pkttype,
                timestampNs,
                ring.get(JAVA_INT, hdr + Tpacket3Hdr.VLAN_TCI),
                ring.get(JAVA_INT, hdr + Tpacket3Hdr.RXHASH));
        count(status, snaplen, len);
        handler.onFrame(frame);
    }

    private void count(int status, int snaplen, int len) {
        if ((status & Status.CSUMNOTREADY) != 0) {
            counters.increment(AfPacketCounter.RX_CSUM_NOT_READY);
        }
        if (snaplen < len) {
            counters.increment(AfPacketCounter.RX_TRUNCATED);
        }
        if (frame.oversize()) {
            counters.increment(AfPacketCounter.RX_OVERSIZE);
        }
    }

    private void releaseBlock() {
        INT.setRelease(ring, (long) block * blockSize + BlockDesc.BLOCK_STATUS, Status.KERNEL);
        counters.increment(AfPacketCounter.RX_BLOCKS);
        inBlock = false;
        framesLeft = 0;
        block = block + 1 == blockCount ? 0 : block + 1;
    }

    private int statusOf(int index) {
        return (int) INT.getAcquire(ring, (long) index * blockSize + BlockDesc.BLOCK_STATUS);
    }
}

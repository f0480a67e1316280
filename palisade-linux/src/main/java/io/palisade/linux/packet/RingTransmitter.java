package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.palisade.common.Counters;
import io.palisade.linux.packet.PacketStructs.Status;
import io.palisade.linux.packet.PacketStructs.Tpacket3Hdr;
import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Errno;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * Batches frames in a {@code PACKET_TX_RING} (TPACKET_V3 slots, mapped right after the RX ring). {@link #add}
 * copies a frame into the next slot and marks it {@code TP_STATUS_SEND_REQUEST}; {@link #flush} kicks the kernel
 * with one {@code send(fd, NULL, 0, MSG_DONTWAIT)}, which transmits every requested slot from the kernel's own
 * head. The kernel sets a slot back to {@code TP_STATUS_AVAILABLE} when the sent skb is released; until then the
 * slot is busy and {@link #add} refuses frames. Slots are filled strictly in order so our head and the kernel's
 * never diverge.
 *
 * <p>Slot {@code i} lives at {@code (i / framesPerBlock) * blockSize + (i % framesPerBlock) * slotSize}; the frame
 * starts {@code Tpacket3Hdr.TX_DATA} bytes into the slot and its length goes in {@code tp_len}.
 */
final class RingTransmitter implements FrameTransmitter {
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final AfPacketSocket socket;
    private final Counters<AfPacketCounter> counters;
    private final CallState callState;
    private final MemorySegment ring;
    private final TxRingGeometry geometry;
    private final int capacity;
    private final int maxFrameLength;
    private int head;
    private int pending;
    private int lastErrno;

    RingTransmitter(
            AfPacketSocket socket,
            Arena arena,
            MemorySegment ring,
            TxRingGeometry geometry,
            int batchFrames,
            int maxFrameLength) {
        this.socket = socket;
        this.counters = socket.counters();
        this.callState = CallState.allocate(arena);
        this.ring = ring;
        this.geometry = geometry;
        this.capacity = batchFrames;
        this.maxFrameLength = Math.min(maxFrameLength, geometry.slotSize() - (int) Tpacket3Hdr.TX_DATA);
    }

    @Override
    public boolean add(MemorySegment source, long offset, int length) {
        if (length > maxFrameLength || length <= 0) {
            counters.increment(AfPacketCounter.TX_TOO_LONG_DROP);
            return false;
        }
        if (pending == capacity) {
            counters.increment(AfPacketCounter.TX_BATCH_FULL_DROP);
            return false;
        }
        long slot = geometry.slotOffset(head);
        int status = (int) INT.getAcquire(ring, slot + Tpacket3Hdr.STATUS);
        if (status == Status.TX_WRONG_FORMAT) {
            counters.increment(AfPacketCounter.TX_ERROR_DROP);
        } else if (status != Status.TX_AVAILABLE) {
            counters.increment(AfPacketCounter.TX_RING_BUSY_DROP);
            return false;
        }
        MemorySegment.copy(source, offset, ring, slot + Tpacket3Hdr.TX_DATA, length);
        ring.set(JAVA_INT, slot + Tpacket3Hdr.NEXT_OFFSET, 0);
        ring.set(JAVA_INT, slot + Tpacket3Hdr.LEN, length);
        ring.set(JAVA_INT, slot + Tpacket3Hdr.SNAPLEN, length);
        INT.setRelease(ring, slot + Tpacket3Hdr.STATUS, Status.TX_SEND_REQUEST);
        head = head + 1 == geometry.slotCount() ? 0 : head + 1;
        pending++;
        return true;
    }

    @Override
    public int pending() {
        return pending;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int lastErrno() {
        return lastErrno;
    }

    @Override
    public int flush() throws LinuxIoException {
        if (pending == 0) {
            return 0;
        }
        int queued = pending;
        pending = 0;
        long rc = Libc.sendNonBlockingCritical(
                callState, socket.fd(), MemorySegment.NULL, 0, SocketConstants.MSG_DONTWAIT);
        counters.increment(AfPacketCounter.TX_BATCHES);
        if (rc >= 0) {
            counters.add(AfPacketCounter.TX_FRAMES, queued);
            return queued;
        }
        int errno = callState.errno();
        lastErrno = errno;
        switch (errno) {
            case Errno.EAGAIN, Errno.ENOBUFS -> {
                // The requested slots stay SEND_REQUEST and go out with the next kick: nothing is lost.
            }
            case Errno.ENETDOWN, Errno.ENXIO, Errno.ENODEV ->
                // Counted as dropped; the slots stay requested and may still leave after the link returns.
                counters.add(AfPacketCounter.TX_ERROR_DROP, queued);
            default -> throw new LinuxIoException("AF_PACKET TX ring send", socket.interfaceName(), errno, null);
        }
        return 0;
    }

    /**
     * TX ring shape: slots of {@code slotSize} bytes packed into page-multiple blocks.
     *
     * @param blockSize bytes per block
     * @param blockCount blocks
     * @param slotSize bytes per slot, a multiple of 16
     */
    record TxRingGeometry(int blockSize, int blockCount, int slotSize) {
        /** Enough slots for two batches (one in flight while the next fills), in blocks of at least 64 KiB. */
        static TxRingGeometry forBatches(int batchFrames, int slotSize) {
            int blockSize = Math.max(1 << 16, roundUpToPage(slotSize));
            int perBlock = blockSize / slotSize;
            int blocks = Math.max(1, (2 * batchFrames + perBlock - 1) / perBlock);
            return new TxRingGeometry(blockSize, blocks, slotSize);
        }

        int slotsPerBlock() {
            return blockSize / slotSize;
        }

        int slotCount() {
            return slotsPerBlock() * blockCount;
        }

        long totalBytes() {
            return (long) blockSize * blockCount;
        }

        long slotOffset(int slot) {
            int perBlock = slotsPerBlock();
            return (long) (slot / perBlock) * blockSize + (long) (slot % perBlock) * slotSize;
        }

        private static int roundUpToPage(int bytes) {
            return (bytes + RingGeometry.PAGE_SIZE - 1) / RingGeometry.PAGE_SIZE * RingGeometry.PAGE_SIZE;
        }
    }
}

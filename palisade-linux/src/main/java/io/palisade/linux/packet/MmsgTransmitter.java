package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.palisade.common.Counters;
import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Errno;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Batches frames for one {@code sendmmsg(2)}: each frame is copied into its staging slot and described by a
 * pre-built {@code mmsghdr} whose single {@code iovec} points at that slot; only the lengths change per batch. The
 * socket is bound to its interface, so no destination address is needed.
 *
 * <pre>
 * struct iovec (16 B)            struct mmsghdr (64 B) = struct msghdr (56 B) + u32 msg_len
 *   0  void  *iov_base             0  void  *msg_name       (NULL: the bound interface)
 *   8  size_t iov_len              8  u32    msg_namelen
 *                                 16  iovec *msg_iov         24 size_t msg_iovlen (1)
 *                                 32  void  *msg_control     40 size_t msg_controllen
 *                                 48  int    msg_flags       56 u32 msg_len (bytes sent, set by the kernel)
 * </pre>
 */
final class MmsgTransmitter implements FrameTransmitter {
    static final long IOVEC_SIZE = 16;
    static final long IOV_BASE = 0;
    static final long IOV_LEN = 8;
    static final long MMSGHDR_SIZE = 64;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;

    private final AfPacketSocket socket;
    private final Counters<AfPacketCounter> counters;
    private final CallState callState;
    private final MemorySegment staging;
    private final MemorySegment iovecs;
    private final MemorySegment messages;
    private final int capacity;
    private final int slotBytes;
    private final int maxFrameLength;
    private int pending;
    private int lastErrno;

    MmsgTransmitter(AfPacketSocket socket, Arena arena, AfPacketOptions options, int maxFrameLength) {
        this.socket = socket;
        this.counters = socket.counters();
        this.callState = CallState.allocate(arena);
        this.capacity = options.txBatchFrames();
        this.slotBytes = options.txFrameBytes();
        this.maxFrameLength = Math.min(maxFrameLength, slotBytes);
        this.staging = arena.allocate((long) capacity * slotBytes, 64);
        this.iovecs = arena.allocate(IOVEC_SIZE * capacity, 8);
        this.messages = arena.allocate(MMSGHDR_SIZE * capacity, 8);
        for (int i = 0; i < capacity; i++) {
            iovecs.set(ADDRESS, IOVEC_SIZE * i + IOV_BASE, staging.asSlice((long) i * slotBytes, slotBytes));
            messages.set(ADDRESS, MMSGHDR_SIZE * i + MSG_IOV, iovecs.asSlice(IOVEC_SIZE * i, IOVEC_SIZE));
            messages.set(JAVA_LONG, MMSGHDR_SIZE * i + MSG_IOVLEN, 1L);
        }
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
        MemorySegment.copy(source, offset, staging, (long) pending * slotBytes, length);
        iovecs.set(JAVA_LONG, IOVEC_SIZE * pending + IOV_LEN, length);
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
        int sent = 0;
        int attempts = 0;
        try {
            // Each round either sends at least one frame or skips/drops; bounded by the batch size.
            while (sent < pending && attempts++ <= pending) {
                int rc = Libc.sendmmsgNonBlockingCritical(
                        callState,
                        socket.fd(),
                        messages.asSlice(MMSGHDR_SIZE * sent),
                        pending - sent,
                        SocketConstants.MSG_DONTWAIT);
                counters.increment(AfPacketCounter.TX_BATCHES);
                if (rc > 0) {
                    sent += rc;
                    continue;
                }
                int errno = callState.errno();
                if (errno == Errno.EMSGSIZE) {
                    counters.increment(AfPacketCounter.TX_TOO_LONG_DROP);
                    dropFirst(sent);
                    continue;
                }
                dropRest(errno, pending - sent);
                break;
            }
            counters.add(AfPacketCounter.TX_FRAMES, sent);
            return sent;
        } finally {
            pending = 0;
        }
    }

    /** Skips the frame at {@code index} by moving the later frames' descriptors down one place. */
    private void dropFirst(int index) {
        for (int i = index; i + 1 < pending; i++) {
            MemorySegment.copy(staging, (long) (i + 1) * slotBytes, staging, (long) i * slotBytes, slotBytes);
            iovecs.set(JAVA_LONG, IOVEC_SIZE * i + IOV_LEN, iovecs.get(JAVA_LONG, IOVEC_SIZE * (i + 1) + IOV_LEN));
        }
        pending--;
    }

    private void dropRest(int errno, int count) throws LinuxIoException {
        lastErrno = errno;
        switch (errno) {
            case Errno.EAGAIN, Errno.ENOBUFS -> counters.add(AfPacketCounter.TX_BACKPRESSURE_DROP, count);
            case Errno.ENETDOWN, Errno.ENXIO, Errno.ENODEV -> counters.add(AfPacketCounter.TX_ERROR_DROP, count);
            default -> {
                counters.add(AfPacketCounter.TX_ERROR_DROP, count);
                throw new LinuxIoException("AF_PACKET sendmmsg", socket.interfaceName(), errno, null);
            }
        }
    }
}

package io.palisade.linux.packet;

import io.palisade.linux.sys.LinuxIoException;
import java.lang.foreign.MemorySegment;

/**
 * Queues frames and hands them to the kernel in one system call per batch. Each {@link #add} copies the frame, so
 * the source may be reused at once (a frame still inside the RX ring, a heap array, a scratch buffer). Owned by
 * one thread, like its socket.
 */
public sealed interface FrameTransmitter permits MmsgTransmitter, RingTransmitter {
    /**
     * Queues a copy of {@code length} bytes of {@code source} from {@code offset}, a complete Ethernet frame.
     *
     * @return false when the frame was refused (batch full, frame too long, ring slot busy); the reason is counted
     */
    boolean add(MemorySegment source, long offset, int length);

    /** Frames queued since the last {@link #flush()}. */
    int pending();

    /** Frames one batch can hold. */
    int capacity();

    /**
     * Sends the queued frames with one system call and empties the batch. Back-pressure ({@code EAGAIN},
     * {@code ENOBUFS}) and a link that went away ({@code ENETDOWN}, {@code ENXIO}) drop the rest of the batch and
     * are counted, not thrown; a worker keeps running across a link flap.
     *
     * @return frames the kernel accepted
     * @throws LinuxIoException for any other failure, which means a bug or a closed socket
     */
    int flush() throws LinuxIoException;

    /** The errno of the last dropped batch, 0 if none; for diagnostics. */
    int lastErrno();
}

package io.palisade.dataplane.port;

import java.lang.foreign.MemorySegment;

/**
 * One interface's frame source and sink. A port has one or more receive queues; the worker that owns a queue
 * is the only thread that receives from it. {@link #send} may be called by any worker (implementations are
 * thread-safe for sending). Ports copy received frames into the worker's {@link FrameBatch}.
 */
public interface Port extends AutoCloseable {
    /** The PAN-OS interface name, e.g. {@code ethernet1/1}. */
    String name();

    /** Receive queues; queue {@code q} belongs to worker {@code q}. Single-queue ports are read by worker 0. */
    int queues();

    /**
     * Receives frames from {@code queue} until the batch is full or nothing is waiting.
     *
     * @return frames added to the batch
     */
    int receive(int queue, FrameBatch batch);

    /** Sends one frame (copied or queued before return); returns false when it was dropped. */
    boolean send(int queue, MemorySegment frame, int length);

    /** Pushes out frames queued by {@link #send} (one kick per batch where the port batches). */
    default void flush(int queue) {}

    /**
     * A file descriptor an idle worker may {@code poll(2)} for frames on {@code queue}, or -1 when the port has none
     * (the worker then parks for a fixed time).
     */
    default int receiveDescriptor(int queue) {
        return -1;
    }

    /** Poll reported an error on {@link #receiveDescriptor}: read and clear it, so the next poll blocks again. */
    default void clearReceiveError(int queue) {}

    /**
     * Unicast frames this port delivers: only those for {@code mac} (plus broadcast and multicast), or all when 0.
     * A layer-3 interface on a promiscuous socket sees unicast between other hosts of the segment and frames for
     * the host's own MAC; those are not the firewall's. Ports that see only their own traffic ignore this.
     */
    default void acceptUnicast(long mac) {}

    /** Unicast frames not delivered because of {@link #acceptUnicast}. */
    default long otherHostFrames() {
        return 0;
    }

    /** Whether the link is up (carrier), as the kernel or the tunnel reports it. */
    boolean linkUp();

    /**
     * Administrative state: passive link state {@code shutdown} takes data links down. A port that is down
     * neither receives nor sends.
     */
    void setAdminUp(boolean up);

    boolean adminUp();

    /** The MAC address frames from this port carry as source (layer 3), or 0 when the port has none. */
    default long macAddress() {
        return 0;
    }

    @Override
    void close();
}

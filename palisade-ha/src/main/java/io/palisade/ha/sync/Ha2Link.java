package io.palisade.ha.sync;

import java.io.IOException;

/**
 * One HA2 link ({@code ha2} or {@code ha2-backup}) to the peer: UDP ({@link UdpHa2Link}) or raw Ethernet frames
 * of EtherType 0x7261 ({@link EthernetHa2Link}). Frames from anywhere but the pinned peer are dropped and counted
 * here; everything above the link (HMAC, sender id, sequence) is the receiver's.
 */
public interface Ha2Link extends AutoCloseable {
    /** Name of the primary link. */
    String PRIMARY = "ha2";
    /** Name of the backup link. */
    String BACKUP = "ha2-backup";

    /** {@link #PRIMARY} or {@link #BACKUP}. */
    String name();

    /** {@code udp} or {@code ethernet}. */
    String transport();

    /** Local and peer end, for logs and the status. */
    String describe();

    /** Largest HA2 frame this link carries (MTU less the headers below HA2). */
    int maxFrameBytes();

    /**
     * Sends one frame ({@code frame[offset .. offset+length)}). Thread-safe (every worker sends); never blocks for
     * long; a frame the link cannot write is dropped and counted (the receiver's gap requests recover it).
     */
    void send(byte[] frame, int offset, int length);

    /**
     * Copies the next frame from the peer into {@code into} and returns its length, or 0 when none is waiting.
     * Only the HA2 agent thread calls this. {@code into} must hold {@link Ha2Codec#MAX_FRAME_BYTES}.
     */
    int receive(byte[] into) throws IOException;

    /** Waits up to {@code timeoutMs} for a frame to arrive (returns early when one does). */
    void awaitReadable(int timeoutMs) throws IOException;

    /** The fault switches of this link. */
    Ha2LinkFaults faults();

    /** Frames and bytes in and out, refusals, fault drops. */
    SharedCounters counters();

    @Override
    void close();
}

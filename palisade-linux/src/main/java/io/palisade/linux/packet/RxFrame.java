package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/**
 * A reused view of one received frame inside the RX ring (a flyweight, so receiving allocates nothing): the
 * frame's bytes are {@code buffer()[offset() .. offset() + length())}, starting at the Ethernet header. Valid only
 * inside {@link FrameHandler#onFrame}.
 */
public final class RxFrame {
    /** The frame was addressed to this host ({@code sll_pkttype}). */
    public static final int PACKET_HOST = 0;

    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_MULTICAST = 2;
    /** Addressed to another host: seen because the socket is promiscuous. */
    public static final int PACKET_OTHERHOST = 3;
    /** Sent by this host; not seen when the socket ignores outgoing frames. */
    public static final int PACKET_OUTGOING = 4;

    /** {@code TP_STATUS_CSUMNOTREADY}: the L4 checksum is partial (checksum offload); compute it before forwarding. */
    public static final int STATUS_CSUM_NOT_READY = PacketStructs.Status.CSUMNOTREADY;
    /** {@code TP_STATUS_CSUM_VALID}: the device or kernel already verified the L4 checksum. */
    public static final int STATUS_CSUM_VALID = PacketStructs.Status.CSUM_VALID;
    /** {@code TP_STATUS_VLAN_VALID}: the 802.1Q tag was stripped and is in {@link #vlanTci()}. */
    public static final int STATUS_VLAN_VALID = PacketStructs.Status.VLAN_VALID;
    /** {@code TP_STATUS_LOSING}: the kernel dropped frames for this socket since the last statistics read. */
    public static final int STATUS_LOSING = PacketStructs.Status.LOSING;

    private final int maxFrameLength;
    private MemorySegment buffer;
    private long offset;
    private int length;
    private int wireLength;
    private int status;
    private int packetType;
    private long timestampNs;
    private int vlanTci;
    private int rxHash;

    RxFrame(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    void set(
            MemorySegment buffer,
            long offset,
            int length,
            int wireLength,
            int status,
            int packetType,
            long timestampNs,
            int vlanTci,
            int rxHash) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.wireLength = wireLength;
        this.status = status;
        this.packetType = packetType;
        this.timestampNs = timestampNs;
        this.vlanTci = vlanTci;
        this.rxHash = rxHash;
    }

    /** The memory holding the frame (the whole ring); read from {@link #offset()}. */
    public MemorySegment buffer() {
        return buffer;
    }

    /** Where the frame's Ethernet header starts in {@link #buffer()}. */
    public long offset() {
        return offset;
    }

    /** Captured bytes ({@code tp_snaplen}). */
    public int length() {
        return length;
    }

    /** Length on the wire ({@code tp_len}); larger than {@link #length()} when the frame did not fit. */
    public int wireLength() {
        return wireLength;
    }

    /** The kernel's {@code tp_status} bits; see the {@code STATUS_*} constants. */
    public int status() {
        return status;
    }

    public boolean checksumNotReady() {
        return (status & STATUS_CSUM_NOT_READY) != 0;
    }

    public boolean checksumValid() {
        return (status & STATUS_CSUM_VALID) != 0;
    }

    /** {@code sll_pkttype}: one of the {@code PACKET_*} constants. */
    public int packetType() {
        return packetType;
    }

    /** Kernel receive time, nanoseconds since the epoch (CLOCK_REALTIME). */
    public long timestampNs() {
        return timestampNs;
    }

    /** The stripped 802.1Q TCI when {@link #STATUS_VLAN_VALID} is set. */
    public int vlanTci() {
        return vlanTci;
    }

    /** The kernel's flow hash ({@code tp_rxhash}); 0 unless the ring asked for it. */
    public int rxHash() {
        return rxHash;
    }

    /**
     * True when the frame is longer than the interface MTU plus an Ethernet and a VLAN header: GRO or GSO merged
     * several wire frames into one. Such frames cannot be forwarded as they are; switch the offloads off
     * ({@link Ethtool#disableOffloads}).
     */
    public boolean oversize() {
        return wireLength > maxFrameLength;
    }

    /** A slice over the captured bytes. Allocates a segment object; the per-frame path should read via offsets. */
    public MemorySegment slice() {
        return buffer.asSlice(offset, length);
    }

    /** Copies the captured bytes into {@code into} (up to its length) and returns how many were copied. */
    public int copyTo(byte[] into) {
        int n = Math.min(into.length, length);
        MemorySegment.copy(buffer, JAVA_BYTE, offset, into, 0, n);
        return n;
    }
}

package io.palisade.linux.packet;

import java.util.Objects;

/**
 * How to open an {@link AfPacketSocket}. Start from {@link #defaults()} and change what differs.
 *
 * @param ring RX ring geometry
 * @param fanout fanout group membership; null for none
 * @param promiscuous join the interface's promiscuous membership, so frames for other MACs arrive (a firewall
 *     port needs it; the membership ends with the socket)
 * @param ignoreOutgoing do not see frames sent on the interface ({@code PACKET_IGNORE_OUTGOING}), including this
 *     socket's own
 * @param qdiscBypass transmit straight to the driver, skipping the queueing discipline ({@code
 *     PACKET_QDISC_BYPASS}); faster, but no traffic shaping and drops instead of queueing when the device is busy
 * @param txMode how batches are transmitted
 * @param txBatchFrames frames one batch can hold (and TX ring slots, for {@link TxMode#RING})
 * @param txFrameBytes largest frame a batch slot holds, Ethernet header included
 */
public record AfPacketOptions(
        RingGeometry ring,
        Fanout fanout,
        boolean promiscuous,
        boolean ignoreOutgoing,
        boolean qdiscBypass,
        TxMode txMode,
        int txBatchFrames,
        int txFrameBytes) {
    public AfPacketOptions {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(txMode, "txMode");
        if (txBatchFrames < 1 || txBatchFrames > 1024) {
            throw new IllegalArgumentException("TX batch of " + txBatchFrames + " frames must be 1 to 1024");
        }
        if (txFrameBytes < 60 || txFrameBytes > 65536) {
            throw new IllegalArgumentException("TX frame size " + txFrameBytes + " must be 60 to 65536 bytes");
        }
    }

    /** Default ring, no fanout, promiscuous, ignore outgoing, qdisc bypass, sendmmsg batches of 64 x 2 KiB. */
    public static AfPacketOptions defaults() {
        return new AfPacketOptions(RingGeometry.defaults(), null, true, true, true, TxMode.SENDMMSG, 64, 2048);
    }

    public AfPacketOptions withRing(RingGeometry value) {
        return new AfPacketOptions(
                value, fanout, promiscuous, ignoreOutgoing, qdiscBypass, txMode, txBatchFrames, txFrameBytes);
    }

    public AfPacketOptions withFanout(Fanout value) {
        return new AfPacketOptions(
                ring, value, promiscuous, ignoreOutgoing, qdiscBypass, txMode, txBatchFrames, txFrameBytes);
    }

    public AfPacketOptions withPromiscuous(boolean value) {
        return new AfPacketOptions(
                ring, fanout, value, ignoreOutgoing, qdiscBypass, txMode, txBatchFrames, txFrameBytes);
    }

    public AfPacketOptions withIgnoreOutgoing(boolean value) {
        return new AfPacketOptions(ring, fanout, promiscuous, value, qdiscBypass, txMode, txBatchFrames, txFrameBytes);
    }

    public AfPacketOptions withQdiscBypass(boolean value) {
        return new AfPacketOptions(
                ring, fanout, promiscuous, ignoreOutgoing, value, txMode, txBatchFrames, txFrameBytes);
    }

    public AfPacketOptions withTx(TxMode mode, int batchFrames, int frameBytes) {
        return new AfPacketOptions(
                ring, fanout, promiscuous, ignoreOutgoing, qdiscBypass, mode, batchFrames, frameBytes);
    }

    /** TX ring slot size: header plus the largest frame, rounded up to {@code TPACKET_ALIGNMENT} (16). */
    int txSlotBytes() {
        return (int) ((PacketStructs.Tpacket3Hdr.TX_DATA + txFrameBytes + 15) & ~15L);
    }
}

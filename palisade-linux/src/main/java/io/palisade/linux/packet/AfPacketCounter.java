package io.palisade.linux.packet;

import io.palisade.common.CounterKind;

/** Counters of one {@link AfPacketSocket}, written by its owner thread. */
public enum AfPacketCounter implements CounterKind {
    RX_FRAMES("afpacket_rx_frames", Severity.INFO, "frames delivered from the RX ring"),
    RX_BLOCKS("afpacket_rx_blocks", Severity.INFO, "RX ring blocks walked and returned to the kernel"),
    RX_OVERSIZE("afpacket_rx_oversize", Severity.WARN, "frames longer than MTU + headers (GRO/GSO is on)"),
    RX_TRUNCATED("afpacket_rx_truncated", Severity.WARN, "frames captured shorter than their wire length"),
    RX_CSUM_NOT_READY("afpacket_rx_csum_not_ready", Severity.INFO, "frames with a partial L4 checksum"),
    RX_SOCKET_ERROR("afpacket_rx_socket_error", Severity.ERROR, "socket errors reported by poll (e.g. ENETDOWN)"),
    TX_FRAMES("afpacket_tx_frames", Severity.INFO, "frames handed to the kernel"),
    TX_BATCHES("afpacket_tx_batches", Severity.INFO, "transmit system calls (one per batch)"),
    TX_BATCH_FULL_DROP("afpacket_tx_batch_full_drop", Severity.DROP, "frames refused because the batch was full"),
    TX_TOO_LONG_DROP("afpacket_tx_too_long_drop", Severity.DROP, "frames longer than a TX slot or the MTU"),
    TX_RING_BUSY_DROP("afpacket_tx_ring_busy_drop", Severity.DROP, "frames refused: TX ring slot still in flight"),
    TX_BACKPRESSURE_DROP("afpacket_tx_backpressure_drop", Severity.DROP, "frames dropped on EAGAIN/ENOBUFS"),
    TX_ERROR_DROP("afpacket_tx_error_drop", Severity.DROP, "frames dropped on a send error (e.g. link down)");

    private final String counterName;
    private final Severity severity;
    private final String description;

    AfPacketCounter(String counterName, Severity severity, String description) {
        this.counterName = counterName;
        this.severity = severity;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String category() {
        return "afpacket";
    }

    @Override
    public String description() {
        return description;
    }
}

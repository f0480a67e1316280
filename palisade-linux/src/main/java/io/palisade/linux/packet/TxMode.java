package io.palisade.linux.packet;

/**
 * How a batch of frames is handed to the kernel. Both copy each frame once in user space (into a staging slot or
 * a ring slot) and cost one system call per batch; {@code docs/design/linux-io.md} has the measurement and the
 * reasons for the default.
 */
public enum TxMode {
    /** Stage frames in socket-owned memory and send them with one {@code sendmmsg(2)}. The default. */
    SENDMMSG,
    /**
     * Write frames into a {@code PACKET_TX_RING} (TPACKET_V3 slots, mapped after the RX ring) and kick the kernel
     * with one {@code send(fd, NULL, 0, MSG_DONTWAIT)}.
     */
    RING
}

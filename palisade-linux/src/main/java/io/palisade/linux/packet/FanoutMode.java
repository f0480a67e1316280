package io.palisade.linux.packet;

/** How the kernel spreads a fanout group's frames over its member sockets ({@code PACKET_FANOUT_*}). */
public enum FanoutMode {
    /** By the symmetric flow hash: both directions of a flow reach the same member index. */
    HASH(0),
    /** Round robin. */
    LOAD_BALANCE(1),
    /** By the CPU that received the frame. */
    CPU(2),
    /** Fill one socket, then move on when it is full. */
    ROLLOVER(3),
    /** Random. */
    RANDOM(4),
    /** By the device's receive queue. */
    QUEUE_MAPPING(5),
    /** By a classic BPF program returning the member index ({@link BpfProgram}). */
    CBPF(6);

    private final int code;

    FanoutMode(int code) {
        this.code = code;
    }

    /** The kernel's {@code PACKET_FANOUT_*} value. */
    public int code() {
        return code;
    }
}

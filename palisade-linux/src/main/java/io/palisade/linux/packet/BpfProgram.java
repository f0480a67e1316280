package io.palisade.linux.packet;

import java.util.List;

/**
 * A classic BPF program ({@code struct sock_filter} list) for {@link FanoutMode#CBPF}: it runs on each received
 * frame and returns the fanout member index (taken modulo the member count). Fanout runs before AF_PACKET pushes
 * the link header back, so absolute loads are relative to the <b>network header</b> (offset 0 is the first byte of
 * the IPv4/IPv6 header), not the Ethernet header as in a socket filter.
 *
 * @param instructions the program, 1 to 4096 instructions
 */
public record BpfProgram(List<Instruction> instructions) {
    /** {@code BPF_LD|BPF_H|BPF_ABS}: A = 16-bit big-endian word at offset k. */
    public static final int LD_H_ABS = 0x28;
    /** {@code BPF_LD|BPF_B|BPF_ABS}: A = byte at offset k. */
    public static final int LD_B_ABS = 0x30;
    /** {@code BPF_LD|BPF_W|BPF_ABS}: A = 32-bit big-endian word at offset k. */
    public static final int LD_W_ABS = 0x20;
    /** {@code BPF_ALU|BPF_AND|BPF_K}: A &amp;= k. */
    public static final int ALU_AND_K = 0x54;
    /** {@code BPF_RET|BPF_A}: return A. */
    public static final int RET_A = 0x16;
    /** {@code BPF_RET|BPF_K}: return k. */
    public static final int RET_K = 0x06;

    public BpfProgram {
        instructions = List.copyOf(instructions);
        if (instructions.isEmpty() || instructions.size() > 4096) {
            throw new IllegalArgumentException("a BPF program has 1 to 4096 instructions");
        }
    }

    /**
     * Returns the low bits of the 16-bit field at {@code offset} from the network header: e.g. offset 22 is the
     * UDP/TCP destination port of an IPv4 packet without options, so {@code mask = 1} spreads even and odd ports
     * over two members.
     */
    public static BpfProgram field16(int offset, int mask) {
        return new BpfProgram(List.of(
                new Instruction(LD_H_ABS, 0, 0, offset),
                new Instruction(ALU_AND_K, 0, 0, mask),
                new Instruction(RET_A, 0, 0, 0)));
    }

    /**
     * One instruction.
     *
     * @param code opcode
     * @param jumpTrue jump offset when true
     * @param jumpFalse jump offset when false
     * @param k operand
     */
    public record Instruction(int code, int jumpTrue, int jumpFalse, int k) {}
}

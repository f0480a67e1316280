package io.palisade.dataplane.port;

import io.palisade.linux.packet.BpfProgram;
import io.palisade.linux.packet.BpfProgram.Instruction;
import java.util.List;

/**
 * The classic BPF program of the AF_PACKET fanout ({@code PACKET_FANOUT_CBPF}): it computes the engine's own
 * symmetric flow hash ({@link io.palisade.dataplane.session.FlowHash#symmetric}) for IPv4 TCP and UDP, and the
 * kernel delivers the frame to fanout member {@code hash % members}, which is the worker that owns the flow. Both
 * directions, and NAT replies (the engine picks translated ports whose reply hashes to the owner), so reach the
 * owner directly instead of being handed over between workers. Everything else (IPv6, ICMP, non-first fragments,
 * ARP) goes to member 0, whose engine hands it over as before.
 *
 * <pre>
 *  fanout runs before the link header is pushed back: offset 0 is the IPv4 header
 *  A = skb->protocol; != 0x0800 -> 0         A = ip[6:2] &amp; 0x1fff (fragment offset); != 0 -> 0
 *  M0 = ip[9] (protocol)                      M1 = ip[12:4] ^ ip[16:4]
 *  TCP/UDP: X = 4*(ip[0]&amp;0xf); A = (tcp[0:2] ^ tcp[2:2]) &lt;&lt; 16, else A = 0
 *  A ^= M1 ^ M0; A = fmix32(A); return A
 * </pre>
 */
public final class FlowOwnerBpf {
    private static final int LD_W_ABS = 0x20;
    private static final int LD_H_ABS = 0x28;
    private static final int LD_B_ABS = 0x30;
    private static final int LD_H_IND = 0x48;
    private static final int LD_IMM = 0x00;
    private static final int LD_MEM = 0x60;
    private static final int LDX_MEM = 0x61;
    private static final int LDX_MSH = 0xb1;
    private static final int ST = 0x02;
    private static final int ALU_XOR_X = 0xac;
    private static final int ALU_LSH_K = 0x64;
    private static final int ALU_RSH_K = 0x74;
    private static final int ALU_MUL_K = 0x24;
    private static final int JEQ_K = 0x15;
    private static final int JSET_K = 0x45;
    private static final int JA = 0x05;
    private static final int TAX = 0x07;
    private static final int RET_A = 0x16;
    private static final int RET_K = 0x06;
    /** {@code SKF_AD_OFF + SKF_AD_PROTOCOL}: the ancillary load of {@code skb->protocol}. */
    private static final int AD_PROTOCOL = 0xfffff000;

    private FlowOwnerBpf() {}

    /** The program (41 instructions). */
    public static BpfProgram program() {
        return new BpfProgram(List.of(
                i(LD_W_ABS, 0, 0, AD_PROTOCOL), // 0  A = ethertype
                i(JEQ_K, 0, 38, 0x0800), //          1  not IPv4 -> member 0 (40)
                i(LD_H_ABS, 0, 0, 6), //             2  flags + fragment offset
                i(JSET_K, 36, 0, 0x1fff), //         3  non-first fragment -> member 0 (40)
                i(LD_B_ABS, 0, 0, 9), //             4  protocol
                i(ST, 0, 0, 0), //                   5  M0 = protocol
                i(LD_W_ABS, 0, 0, 12), //            6  source address
                i(ST, 0, 0, 1), //                   7  M1 = source
                i(LD_W_ABS, 0, 0, 16), //            8  destination address
                i(LDX_MEM, 0, 0, 1), //              9  X = source
                i(ALU_XOR_X, 0, 0, 0), //           10  A = source ^ destination
                i(ST, 0, 0, 1), //                  11  M1 = address xor
                i(LD_MEM, 0, 0, 0), //              12  A = protocol
                i(JEQ_K, 1, 0, 6), //               13  TCP -> 15
                i(JEQ_K, 0, 7, 17), //              14  not UDP -> 22
                i(LDX_MSH, 0, 0, 0), //             15  X = IPv4 header length
                i(LD_H_IND, 0, 0, 0), //            16  source port
                i(ST, 0, 0, 2), //                  17  M2 = source port
                i(LD_H_IND, 0, 0, 2), //            18  destination port
                i(LDX_MEM, 0, 0, 2), //             19  X = source port
                i(ALU_XOR_X, 0, 0, 0), //           20  A = port xor
                i(JA, 0, 0, 1), //                  21  -> 23
                i(LD_IMM, 0, 0, 0), //              22  no ports: A = 0
                i(ALU_LSH_K, 0, 0, 16), //          23  A <<= 16
                i(LDX_MEM, 0, 0, 1), //             24  X = address xor
                i(ALU_XOR_X, 0, 0, 0), //           25  A ^= address xor
                i(LDX_MEM, 0, 0, 0), //             26  X = protocol
                i(ALU_XOR_X, 0, 0, 0), //           27  A ^= protocol
                i(TAX, 0, 0, 0), //                 28  fmix32: h ^= h >>> 16
                i(ALU_RSH_K, 0, 0, 16),
                i(ALU_XOR_X, 0, 0, 0),
                i(ALU_MUL_K, 0, 0, 0x85ebca6b), //  31  h *= 0x85ebca6b
                i(TAX, 0, 0, 0), //                 32  h ^= h >>> 13
                i(ALU_RSH_K, 0, 0, 13),
                i(ALU_XOR_X, 0, 0, 0),
                i(ALU_MUL_K, 0, 0, 0xc2b2ae35), //  35  h *= 0xc2b2ae35
                i(TAX, 0, 0, 0), //                 36  h ^= h >>> 16
                i(ALU_RSH_K, 0, 0, 16),
                i(ALU_XOR_X, 0, 0, 0),
                i(RET_A, 0, 0, 0), //               39  member = A % members (kernel)
                i(RET_K, 0, 0, 0))); //             40  member 0
    }

    private static Instruction i(int code, int jt, int jf, int k) {
        return new Instruction(code, jt, jf, k);
    }
}

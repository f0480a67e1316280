package io.palisade.dataplane.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.session.FlowHash;
import io.palisade.linux.packet.BpfProgram;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fanout program computes the engine's flow owner: run in a small classic-BPF interpreter over random IPv4
 * headers (with and without options), its result modulo the member count equals {@link FlowHash#owner} of what
 * the engine hashes, for both directions.
 */
class FlowOwnerBpfTest {
    private static final BpfProgram PROGRAM = FlowOwnerBpf.program();

    @Test
    void tcpAndUdpReachTheOwnerInBothDirections() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 2000; n++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int sport = random.nextInt(65536);
            int dport = random.nextInt(65536);
            int protocol = random.nextBoolean() ? 6 : 17;
            int options = random.nextInt(3) * 4;
            int workers = 2 + random.nextInt(7);
            int engine = FlowHash.owner(
                    FlowHash.symmetric(0, src & 0xffffffffL, 0, dst & 0xffffffffL, sport, dport, protocol), workers);

            assertThat(Integer.remainderUnsigned(run(ipv4(src, dst, protocol, sport, dport, options, 0)), workers))
                    .isEqualTo(engine);
            assertThat(Integer.remainderUnsigned(run(ipv4(dst, src, protocol, dport, sport, options, 0)), workers))
                    .isEqualTo(engine);
        }
    }

    @Test
    void otherTrafficGoesToMemberZero() {
        assertThat(run(ipv4(1, 2, 6, 80, 90, 0, 0x0010)))
                .as("non-first fragment")
                .isZero();
        assertThat(runWithProtocol(ipv4(1, 2, 6, 80, 90, 0, 0), 0x86dd))
                .as("IPv6")
                .isZero();
        assertThat(runWithProtocol(new byte[28], 0x0806)).as("ARP").isZero();
    }

    private static byte[] ipv4(int src, int dst, int protocol, int sport, int dport, int options, int fragment) {
        ByteBuffer b = ByteBuffer.allocate(20 + options + 8);
        b.put(0, (byte) (0x40 | (5 + options / 4)));
        b.putShort(6, (short) fragment);
        b.put(9, (byte) protocol);
        b.putInt(12, src);
        b.putInt(16, dst);
        b.putShort(20 + options, (short) sport);
        b.putShort(22 + options, (short) dport);
        return b.array();
    }

    private static int run(byte[] packet) {
        return runWithProtocol(packet, 0x0800);
    }

    /** A classic BPF interpreter for the instructions the program uses (offsets relative to the IP header). */
    private static int runWithProtocol(byte[] p, int ethertype) {
        ByteBuffer b = ByteBuffer.wrap(p);
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        var code = PROGRAM.instructions();
        for (int pc = 0, steps = 0; steps < 1000; pc++, steps++) {
            BpfProgram.Instruction in = code.get(pc);
            int k = in.k();
            switch (in.code()) {
                case 0x20 -> a = k == 0xfffff000 ? ethertype : b.getInt(k);
                case 0x28 -> a = Short.toUnsignedInt(b.getShort(k));
                case 0x30 -> a = Byte.toUnsignedInt(b.get(k));
                case 0x48 -> a = Short.toUnsignedInt(b.getShort(x + k));
                case 0x00 -> a = k;
                case 0x60 -> a = mem[k];
                case 0x61 -> x = mem[k];
                case 0xb1 -> x = 4 * (b.get(k) & 0xf);
                case 0x02 -> mem[k] = a;
                case 0xac -> a ^= x;
                case 0x64 -> a <<= k;
                case 0x74 -> a >>>= k;
                case 0x24 -> a *= k;
                case 0x07 -> x = a;
                case 0x05 -> pc += k;
                case 0x15 -> pc += a == k ? in.jumpTrue() : in.jumpFalse();
                case 0x45 -> pc += (a & k) != 0 ? in.jumpTrue() : in.jumpFalse();
                case 0x16 -> {
                    return a;
                }
                case 0x06 -> {
                    return k;
                }
                default -> throw new IllegalStateException("opcode " + Integer.toHexString(in.code()));
            }
        }
        throw new IllegalStateException("program did not return");
    }
}

package io.palisade.dataplane.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.session.FlowHash;
import io.palisade.dataplane.session.SessionLayout;
import io.palisade.dataplane.session.SessionTable;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WarmedKeysTest {
    private static final int ZONE = 3;

    private final SessionTable table = new SessionTable(SessionLayout.IPV4, 64);
    private final WarmedKeys warmed = new WarmedKeys();

    @AfterEach
    void close() {
        table.close();
    }

    private static MemorySegment udp(String src, int sport, String dst, int dport) {
        return MemorySegment.ofArray(Frames.udp(src, sport, dst, dport));
    }

    private void warm(MemorySegment... frames) {
        int[] lengths = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            lengths[i] = (int) frames[i].byteSize();
        }
        warmed.warm(table, frames, lengths, 0, frames.length, ZONE);
    }

    private long hashFor(MemorySegment frame, int zone) {
        PacketMeta m = Frames.parse(frame.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        return warmed.hashFor(
                frame,
                m.srcAddrHi(),
                m.srcAddrLo(),
                m.dstAddrHi(),
                m.dstAddrLo(),
                m.srcPort(),
                m.dstPort(),
                m.protocol(),
                zone);
    }

    private static long directional(MemorySegment frame, int zone) {
        PacketMeta m = Frames.parse(frame.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        return FlowHash.directional(
                m.srcAddrHi(),
                m.srcAddrLo(),
                m.dstAddrHi(),
                m.dstAddrLo(),
                m.srcPort(),
                m.dstPort(),
                m.protocol(),
                zone);
    }

    @Test
    void theWarmedHashOfEachFrameIsTheLookupHashOfItsKey() {
        MemorySegment a = udp("198.18.0.5", 1000, "198.18.1.9", 53);
        MemorySegment b = udp("198.18.0.6", 1001, "198.18.1.9", 53);
        warm(a, b);
        assertThat(hashFor(a, ZONE)).isEqualTo(directional(a, ZONE)).isNotZero();
        assertThat(hashFor(b, ZONE)).isEqualTo(directional(b, ZONE)).isNotZero();
    }

    @Test
    void aKeyThatDiffersFromTheWarmedOneIsNotGivenAHash() {
        MemorySegment a = udp("198.18.0.5", 1000, "198.18.1.9", 53);
        MemorySegment b = udp("198.18.0.6", 1001, "198.18.1.9", 53);
        warm(a, b);
        assertThat(hashFor(a, ZONE + 1)).isZero(); // another zone
        // The frame rewritten after the warm: its new key is hashed by the lookup, not taken from the warm.
        b.copyFrom(udp("198.18.0.7", 1001, "198.18.1.9", 53));
        assertThat(hashFor(b, ZONE)).isZero();
    }

    @Test
    void framesNotWarmedOrOutOfOrderAreHashedByTheLookup() {
        MemorySegment a = udp("198.18.0.5", 1000, "198.18.1.9", 53);
        MemorySegment b = udp("198.18.0.6", 1001, "198.18.1.9", 53);
        MemorySegment other = udp("198.18.0.8", 1002, "198.18.1.9", 53);
        warm(a, b);
        assertThat(hashFor(other, ZONE)).isZero();
        // a was dropped before its lookup: b is still found after it
        assertThat(hashFor(b, ZONE)).isEqualTo(directional(b, ZONE));
        assertThat(hashFor(a, ZONE)).isZero(); // already passed
        warmed.clear();
        assertThat(hashFor(a, ZONE)).isZero();
    }

    @Test
    void aTcpFrameIsWarmedAndIcmpIsNot() {
        MemorySegment tcp = MemorySegment.ofArray(Frames.tcp("198.18.0.5", 1000, "198.18.1.9", 80, 0x10));
        MemorySegment icmp = MemorySegment.ofArray(
                Frames.c2s("198.18.0.5", "198.18.1.9").icmpEchoRequest(77, 1).build());
        warm(tcp, icmp);
        assertThat(hashFor(tcp, ZONE)).isEqualTo(directional(tcp, ZONE));
        assertThat(hashFor(icmp, ZONE)).isZero();
    }
}

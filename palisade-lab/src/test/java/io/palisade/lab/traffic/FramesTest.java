package io.palisade.lab.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketParser;
import io.palisade.dataplane.packet.ParseStatus;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The generator's frames parse with the engine's parser and pass its checksum checks; reading gives fields back. */
class FramesTest {
    private final ByteBuffer buffer = ByteBuffer.allocate(Frames.MAX_FRAME);
    private final PacketMeta meta = new PacketMeta();

    private Object parse(int length) {
        byte[] copy = new byte[length];
        buffer.get(0, copy);
        return PacketParser.parse(MemorySegment.ofArray(copy), length, LinkType.ETHERNET, meta);
    }

    @Test
    void tcpSegmentWithPayloadParsesWithValidChecksums() {
        int src = Frames.ip(198, 18, 0, 7);
        int dst = Frames.ip(198, 18, 1, 9);
        // a short segment first: a longer one must not keep stale bytes or limits
        Frames.tcp(buffer, 2, 1, src, dst, 20007, 80, 1, 0, Frames.SYN, 0);
        int length = Frames.tcp(buffer, 2, 1, src, dst, 20007, 80, 0x8000_0001, 42, Frames.PSH | Frames.ACK, 300);
        assertThat(length).isEqualTo(14 + 20 + 20 + 300);
        assertThat(parse(length)).isEqualTo(ParseStatus.OK);
        assertThat(meta.srcPort()).isEqualTo(20007);
        assertThat(meta.dstPort()).isEqualTo(80);
        assertThat(meta.tcpSeq()).isEqualTo(0x8000_0001);
        assertThat(meta.tcpAck()).isEqualTo(42);
        assertThat(meta.tcpFlags()).isEqualTo(Frames.PSH | Frames.ACK);
        assertThat(meta.payloadLength()).isEqualTo(300);

        assertThat(Frames.protocol(buffer, length)).isEqualTo(Frames.PROTO_TCP);
        assertThat(Frames.tcpPayload(buffer)).isEqualTo(300);
        assertThat(Frames.srcIp(buffer)).isEqualTo(src);
        assertThat(Frames.ipText(Frames.dstIp(buffer))).isEqualTo("198.18.1.9");
    }

    @Test
    void udpProbeParsesAndCarriesItsSequence() {
        int length = Frames.udp(
                buffer, 2, 1, TrafficGenerator.PROBE_CLIENT, TrafficGenerator.PROBE_SERVER, 9999, 9999, 123_456L, 987L);
        assertThat(parse(length)).isEqualTo(ParseStatus.OK);
        assertThat(meta.protocol()).isEqualTo(17);
        assertThat(Frames.udpFirst(buffer)).isEqualTo(123_456L);
        assertThat(Frames.udpSecond(buffer)).isEqualTo(987L);
    }

    @Test
    void aCorruptedSegmentFailsTheEnginesChecksumCheck() {
        int length = Frames.tcp(
                buffer, 2, 1, Frames.ip(198, 18, 0, 1), Frames.ip(198, 18, 1, 1), 20000, 80, 5, 6, Frames.ACK, 10);
        buffer.put(length - 1, (byte) (buffer.get(length - 1) ^ 0x55));
        assertThat(parse(length)).isNotEqualTo(ParseStatus.OK);
    }
}

package io.palisade.ha.ha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.ha.ha1.Ha1Message.ConfigSync;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.ha1.Ha1Message.Heartbeat;
import io.palisade.ha.ha1.Ha1Message.Hello;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ha1CodecTest {

    static Stream<Ha1Message> messages() {
        return Ha1Samples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageRoundTripsThroughAFrame(Ha1Message message) throws Exception {
        byte[] frame = Ha1Codec.encode(message);

        assertThat(Ha1Codec.decode(frame)).isEqualTo(message);
        assertThat(frame.length - Ha1Codec.HEADER_BYTES).isEqualTo(bodyLength(frame));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageRoundTripsThroughAStream(Ha1Message message) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(Ha1Codec.encode(message));

        assertThat(Ha1Codec.read(in)).isEqualTo(message);
        assertThat(Ha1Codec.read(in)).as("clean end of stream between frames").isNull();
    }

    @Test
    void headerCarriesMagicVersionAndTypeId() {
        byte[] frame = Ha1Codec.encode(new Goodbye("bye"));

        assertThat(frame).startsWith(0x50, 0x48, 0x41, 0x31, 0x00, 0x01, 0x00, Goodbye.TYPE);
    }

    @Test
    void typeIdsAreStableAndDistinct() {
        Set<Integer> ids = new HashSet<>();
        for (Ha1Message message : Ha1Samples.all()) {
            ids.add(message.type());
        }
        assertThat(ids).containsExactlyInAnyOrder(0x01, 0x02, 0x03, 0x04, 0x10, 0x11, 0x12, 0x18, 0x20, 0x21);
    }

    @Test
    void framesFollowEachOtherOnAStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Ha1Message> all = Ha1Samples.all();
        for (Ha1Message message : all) {
            out.write(Ha1Codec.encode(message));
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

        for (Ha1Message message : all) {
            assertThat(Ha1Codec.read(in)).isEqualTo(message);
        }
        assertThat(Ha1Codec.read(in)).isNull();
    }

    @Test
    void aConfigSyncUpToTheMaximumFrameEncodes() throws Exception {
        int overhead = 8 + ConfigDigest.LENGTH + 4;
        String yaml = "x".repeat(Ha1Codec.MAX_BODY_BYTES - overhead);
        ConfigSync sync = new ConfigSync(9, ConfigDigest.sha256Of(yaml), yaml);

        byte[] frame = Ha1Codec.encode(sync);

        assertThat(frame).hasSize(Ha1Codec.HEADER_BYTES + Ha1Codec.MAX_BODY_BYTES);
        assertThat(Ha1Codec.decode(frame)).isEqualTo(sync);
    }

    @Test
    void aConfigSyncOverTheMaximumFrameIsRefusedWhenEncoding() {
        String yaml = "x".repeat(Ha1Codec.MAX_BODY_BYTES);

        assertThatThrownBy(() -> Ha1Codec.encode(new ConfigSync(9, ConfigDigest.NONE, yaml)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds " + Ha1Codec.MAX_BODY_BYTES);
    }

    @Test
    void valuesThatDoNotFitTheirFieldAreRefusedWhenEncoding() {
        Hello hello = Ha1Samples.hello();
        Hello badPriority = new Hello(
                hello.groupId(),
                hello.mode(),
                hello.deviceId(),
                hello.nodeSerial(),
                hello.nodeId(),
                hello.softwareVersion(),
                hello.state(),
                hello.stateReason(),
                256,
                hello.preemptive(),
                hello.timers(),
                hello.ha2Transport(),
                hello.runningConfigDigest(),
                false,
                false,
                false,
                false,
                0,
                0);

        assertThatThrownBy(() -> Ha1Codec.encode(badPriority))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device priority 256");
        assertThatThrownBy(() -> Ha1Codec.encode(new Goodbye("é".repeat(40_000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason length");
    }

    @Test
    void heartbeatEchoGivesTheRoundTripOnTheSendersClock() {
        // We sent heartbeat 5 at t=1000; the peer held it 300 ns before echoing; the echo arrives at t=2000.
        Heartbeat echo = new Heartbeat(77, 999_999, 5, 1000, 300);

        assertThat(echo.hasEcho()).isTrue();
        assertThat(echo.roundTripNs(2000)).isEqualTo(700);
        assertThatThrownBy(() -> new Heartbeat(1, 0, 0, 0, 0).roundTripNs(5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wireStatesUsePanOsSnmpCodes() {
        assertThat(HaWireState.ACTIVE.code()).isEqualTo(5);
        assertThat(HaWireState.PASSIVE.code()).isEqualTo(4);
        assertThat(HaWireState.SUSPENDED.code()).isEqualTo(1);
        for (HaWireState state : HaWireState.values()) {
            assertThat(HaWireState.fromCode(state.code())).contains(state);
        }
        assertThat(HaWireState.fromCode(0)).isEmpty();
        assertThat(HaWireState.fromCode(200)).isEmpty();
    }

    private static long bodyLength(byte[] frame) throws IOException {
        return ((frame[8] & 0xffL) << 24) | ((frame[9] & 0xff) << 16) | ((frame[10] & 0xff) << 8) | (frame[11] & 0xff);
    }
}

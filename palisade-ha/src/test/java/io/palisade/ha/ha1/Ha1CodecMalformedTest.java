package io.palisade.ha.ha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.palisade.ha.ha1.Ha1Message.ConfigSync;
import io.palisade.ha.ha1.Ha1Message.ConfigSyncResult;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.ha1.Ha1Message.Heartbeat;
import io.palisade.ha.ha1.Ha1Message.Hello;
import io.palisade.ha.ha1.Ha1Message.StateChange;
import io.palisade.ha.ha1.Ha1Message.UserIdSync;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a frame can be wrong ends in a {@link Ha1DecodeException} that says which way, never anything else. */
class Ha1CodecMalformedTest {
    /** Offset of the hello flags in a frame: header, then group, mode, device id, priority, state, HA2. */
    private static final int HELLO_FLAGS = Ha1Codec.HEADER_BYTES + 6;

    static Stream<Arguments> malformedFrames() {
        byte[] goodbye = Ha1Codec.encode(new Goodbye("bye"));
        return Stream.of(
                Arguments.of("bad magic", frame(0xdeadbeef, 1, Goodbye.TYPE, text("bye")), "bad magic 0xdeadbeef"),
                Arguments.of(
                        "newer version",
                        frame(Ha1Codec.MAGIC, 2, Goodbye.TYPE, text("bye")),
                        "unsupported protocol version 2"),
                Arguments.of("unknown type", frame(Ha1Codec.MAGIC, 1, 0x7f, new byte[0]), "unknown message type 0x7f"),
                Arguments.of(
                        "reserved election type",
                        frame(Ha1Codec.MAGIC, 1, 0x2f, new byte[0]),
                        "unknown message type 0x2f"),
                Arguments.of("oversized length", header(Ha1Codec.MAX_BODY_BYTES + 1L), "oversized frame"),
                Arguments.of("length 2^32-1", header(0xffff_ffffL), "oversized frame"),
                Arguments.of("truncated header", Arrays.copyOf(goodbye, 5), "truncated header"),
                Arguments.of("truncated body", Arrays.copyOf(goodbye, goodbye.length - 2), "truncated body"),
                Arguments.of(
                        "body too short for its fields",
                        frame(Ha1Codec.MAGIC, 1, Heartbeat.TYPE, new byte[39]),
                        "echo hold ns"),
                Arguments.of(
                        "trailing bytes inside the body",
                        frame(Ha1Codec.MAGIC, 1, Goodbye.TYPE, concat(text("bye"), new byte[] {0})),
                        "trailing byte(s) after Goodbye"),
                Arguments.of(
                        "invalid UTF-8",
                        frame(Ha1Codec.MAGIC, 1, Goodbye.TYPE, new byte[] {0, 2, (byte) 0xc3, 0x28}),
                        "invalid UTF-8"),
                Arguments.of(
                        "UTF-8 surrogate",
                        frame(Ha1Codec.MAGIC, 1, Goodbye.TYPE, new byte[] {0, 3, (byte) 0xed, (byte) 0xa0, (byte) 0x80
                        }),
                        "invalid UTF-8"),
                Arguments.of(
                        "boolean 2",
                        withByte(Ha1Codec.encode(new ConfigSyncResult(1, true, "ok")), Ha1Codec.HEADER_BYTES + 8, 2),
                        "not a boolean"),
                Arguments.of(
                        "unknown state code",
                        withByte(
                                Ha1Codec.encode(new StateChange(HaWireState.ACTIVE, HaWireState.PASSIVE, "x", 0)),
                                Ha1Codec.HEADER_BYTES,
                                99),
                        "unknown state code 99"),
                Arguments.of(
                        "unknown hello flag",
                        withByte(Ha1Codec.encode(Ha1Samples.hello()), HELLO_FLAGS, 0x80),
                        "unknown bits"),
                Arguments.of(
                        "unknown HA mode",
                        withByte(Ha1Codec.encode(Ha1Samples.hello()), Ha1Codec.HEADER_BYTES + 1, 9),
                        "HA mode: unknown code 9"),
                Arguments.of(
                        "unknown HA2 transport",
                        withByte(Ha1Codec.encode(Ha1Samples.hello()), Ha1Codec.HEADER_BYTES + 5, 7),
                        "HA2 transport: unknown code 7"),
                Arguments.of(
                        "unknown timer profile",
                        withByte(Ha1Codec.encode(Ha1Samples.hello()), Ha1Codec.HEADER_BYTES + 52, 0),
                        "timer profile: unknown code 0"),
                Arguments.of("address length 5", userIdSyncWithAddressLength(5), "address length 5"),
                Arguments.of("forged list count", userIdSyncWithCount(0x7fff_ffffL), "does not fit"),
                Arguments.of(
                        "full sync with removals", fullUserIdSyncWithRemoval(), "full User-ID sync carries 1 removal"),
                Arguments.of("YAML longer than the body", configSyncClaiming(1000), "truncated body: yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void decodingABufferFailsWithADecodeError(String name, byte[] frame, String reason) {
        assertThatThrownBy(() -> Ha1Codec.decode(frame))
                .isExactlyInstanceOf(Ha1DecodeException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void readingAStreamFailsWithADecodeError(String name, byte[] frame, String reason) {
        assertThatThrownBy(() -> Ha1Codec.read(new ByteArrayInputStream(frame)))
                .isExactlyInstanceOf(Ha1DecodeException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void bytesAfterTheFrameInABufferAreTrailingGarbage() {
        byte[] frame = concat(Ha1Codec.encode(new Goodbye("bye")), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> Ha1Codec.decode(frame))
                .isExactlyInstanceOf(Ha1DecodeException.class)
                .hasMessageContaining("3 trailing byte(s) after the frame");
    }

    @Test
    void garbageAfterAGoodFrameOnAStreamFailsTheNextRead() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(
                concat(Ha1Codec.encode(new Goodbye("bye")), "GET / HTTP/1.1\r\n\r\n".getBytes()));

        assertThat(Ha1Codec.read(in)).isEqualTo(new Goodbye("bye"));
        assertThatThrownBy(() -> Ha1Codec.read(in))
                .isExactlyInstanceOf(Ha1DecodeException.class)
                .hasMessageContaining("bad magic");
    }

    @Test
    void anOversizedLengthIsRefusedBeforeTheBodyIsRead() {
        // Only the header is there: the refusal must not wait for (or allocate) 4 MiB first.
        byte[] header = header(64L * 1024 * 1024);

        assertThatThrownBy(() -> Ha1Codec.read(new ByteArrayInputStream(header)))
                .isExactlyInstanceOf(Ha1DecodeException.class)
                .hasMessageContaining("oversized frame: body length 67108864 exceeds 4194304");
    }

    @Test
    void randomCorruptionNeverRaisesAnythingButADecodeError() {
        Random random = new Random(20_240_601L);
        int decoded = 0;
        int refused = 0;
        for (Ha1Message message : Ha1Samples.all()) {
            byte[] good = Ha1Codec.encode(message);
            for (int round = 0; round < 400; round++) {
                byte[] bad = corrupt(good, random);
                try {
                    Ha1Codec.decode(bad);
                    decoded++;
                } catch (Ha1DecodeException e) {
                    refused++;
                } catch (RuntimeException e) {
                    fail("corrupted " + message.getClass().getSimpleName() + " raised " + e, e);
                }
            }
        }
        assertThat(refused).isPositive();
        assertThat(decoded + refused).isEqualTo(Ha1Samples.all().size() * 400);
    }

    private static byte[] corrupt(byte[] good, Random random) {
        byte[] bad = random.nextInt(4) == 0 ? Arrays.copyOf(good, random.nextInt(good.length + 8)) : good.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && bad.length > 0; i++) {
            // Mostly the body, sometimes the header's type and length bytes.
            int at = random.nextInt(3) == 0 ? 6 + random.nextInt(Math.min(6, bad.length)) : random.nextInt(bad.length);
            bad[Math.min(at, bad.length - 1)] = (byte) random.nextInt(256);
        }
        return bad;
    }

    private static byte[] frame(int magic, int version, int type, byte[] body) {
        WireWriter out = new WireWriter(Ha1Codec.HEADER_BYTES + body.length);
        out.u32("magic", magic & 0xffff_ffffL)
                .u16("version", version)
                .u16("type", type)
                .u32("length", body.length);
        return out.bytes(body).toByteArray();
    }

    private static byte[] header(long bodyLength) {
        WireWriter out = new WireWriter(Ha1Codec.HEADER_BYTES);
        out.u32("magic", Ha1Codec.MAGIC)
                .u16("version", 1)
                .u16("type", ConfigSync.TYPE)
                .u32("length", bodyLength);
        return out.toByteArray();
    }

    private static byte[] text(String value) {
        return new WireWriter(16).shortText("text", value).toByteArray();
    }

    private static byte[] withByte(byte[] frame, int at, int value) {
        byte[] copy = frame.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] userIdSyncWithAddressLength(int addressLength) {
        WireWriter body = new WireWriter(32).bool(false).i64(1).u32("count", 1).u8("len", addressLength);
        body.bytes(new byte[addressLength]).shortText("user", "alice").u32("removed", 0);
        return frame(Ha1Codec.MAGIC, 1, UserIdSync.TYPE, body.toByteArray());
    }

    private static byte[] userIdSyncWithCount(long count) {
        byte[] body = new WireWriter(32).bool(false).i64(1).u32("count", count).toByteArray();
        return frame(Ha1Codec.MAGIC, 1, UserIdSync.TYPE, body);
    }

    private static byte[] fullUserIdSyncWithRemoval() {
        WireWriter body = new WireWriter(32).bool(true).i64(1).u32("count", 0).u32("removed", 1);
        body.u8("len", 4).bytes(new byte[] {10, 0, 0, 1});
        return frame(Ha1Codec.MAGIC, 1, UserIdSync.TYPE, body.toByteArray());
    }

    private static byte[] configSyncClaiming(long yamlLength) {
        WireWriter body =
                new WireWriter(64).i64(1).bytes(new byte[ConfigDigest.LENGTH]).u32("yaml", yamlLength);
        body.bytes("short".getBytes());
        return frame(Ha1Codec.MAGIC, 1, ConfigSync.TYPE, body.toByteArray());
    }

    @Test
    void helloFlagsOffsetMatchesTheLayout() throws Exception {
        // Guards the offsets the cases above poke at: flipping a known flag bit there must flip that flag.
        Hello hello = Ha1Samples.hello();
        byte[] frame = Ha1Codec.encode(hello);
        byte[] noPreempt = withByte(frame, HELLO_FLAGS + 1, frame[HELLO_FLAGS + 1] & ~1);

        assertThat(((Hello) Ha1Codec.decode(noPreempt)).preemptive()).isFalse();
    }
}

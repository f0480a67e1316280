package io.palisade.ha.sync;

import static io.palisade.ha.sync.TestFrames.EPOCH;
import static io.palisade.ha.sync.TestFrames.OWN_ID;
import static io.palisade.ha.sync.TestFrames.PEER_ID;
import static io.palisade.ha.sync.TestFrames.frame;
import static io.palisade.ha.sync.TestFrames.messages;
import static io.palisade.ha.sync.TestFrames.session;
import static io.palisade.ha.sync.TestFrames.upserts;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.ha1.HaWireState;
import io.palisade.ha.sync.Ha2Message.KeepAlive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every guard of the receiver refuses, counts and survives; nothing a peer sends can raise an exception. */
class Ha2MalformedTest {
    private final RecordingEvents events = new RecordingEvents();
    private final List<Object> tasks = new ArrayList<>();
    private final FakeLink link = new FakeLink("ha2");

    private SessionSyncReceiver receiver(Ha2Auth auth) {
        return new SessionSyncReceiver(Ha2Options.DEFAULTS, auth, 2, 1472, (w, task) -> tasks.add(task), events);
    }

    private SessionSyncReceiver authenticated() {
        return receiver(Ha2Auth.sharedKey(TestFrames.KEY, OWN_ID, PEER_ID));
    }

    private static byte[] goodFrame(long sequence) {
        return frame(PEER_ID, 0, EPOCH, sequence, upserts(session(1), session(2)), true);
    }

    private long offer(SessionSyncReceiver receiver, byte[] frame, Ha2Counter counter) {
        byte[] buf = Arrays.copyOf(frame, Ha2Codec.MAX_FRAME_BYTES);
        receiver.onFrame(0, link, buf, frame.length, 1_000_000);
        return receiver.counters().get(counter);
    }

    @Test
    void aGoodFrameIsAcceptedAndRoutedToWorkers() {
        SessionSyncReceiver receiver = authenticated();
        assertThat(offer(receiver, goodFrame(1), Ha2Counter.FRAME_RECEIVED)).isEqualTo(1);
        receiver.flushBatches();
        assertThat(receiver.counters().get(Ha2Counter.MSG_SESSION_RECEIVED)).isEqualTo(2);
        assertThat(tasks).isNotEmpty();
    }

    @Test
    void headerGuardsRefuseAndCount() {
        SessionSyncReceiver receiver = authenticated();
        byte[] good = goodFrame(1);

        assertThat(offer(receiver, Arrays.copyOf(good, 10), Ha2Counter.MALFORMED))
                .isEqualTo(1);
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThat(offer(receiver, magic, Ha2Counter.MALFORMED)).isEqualTo(2);
        byte[] version = good.clone();
        version[4] = 2;
        assertThat(offer(receiver, version, Ha2Counter.VERSION_MISMATCH)).isEqualTo(1);
        byte[] longer = good.clone();
        WireBytes.putU16(longer, 6, good.length + 1);
        assertThat(offer(receiver, longer, Ha2Counter.MALFORMED)).isEqualTo(3);
        byte[] flags = good.clone();
        flags[5] |= 0x40;
        assertThat(offer(receiver, flags, Ha2Counter.MALFORMED)).isEqualTo(4);
        byte[] reserved = good.clone();
        reserved[15] = 1;
        assertThat(offer(receiver, reserved, Ha2Counter.MALFORMED)).isEqualTo(5);
        assertThat(receiver.counters().get(Ha2Counter.FRAME_RECEIVED)).isZero();
    }

    @Test
    void wrongOrMissingHmacIsRefused() {
        SessionSyncReceiver receiver = authenticated();
        byte[] tampered = goodFrame(1);
        tampered[Ha2Codec.HEADER_BYTES + 5] ^= 0x10;
        assertThat(offer(receiver, tampered, Ha2Counter.AUTH_FAILED)).isEqualTo(1);
        byte[] unsigned = frame(PEER_ID, 0, EPOCH, 1, upserts(session(1)), false);
        assertThat(offer(receiver, unsigned, Ha2Counter.AUTH_FAILED)).isEqualTo(2);
        byte[] otherKey = goodFrame(1);
        SessionSyncReceiver keyed =
                receiver(Ha2Auth.sharedKey("another key, not the peer's one!".getBytes(), OWN_ID, PEER_ID));
        assertThat(offer(keyed, otherKey, Ha2Counter.AUTH_FAILED)).isEqualTo(1);
        SessionSyncReceiver open = receiver(Ha2Auth.none(OWN_ID, PEER_ID));
        assertThat(offer(open, goodFrame(1), Ha2Counter.AUTH_FAILED)).isEqualTo(1);
        assertThat(receiver.counters().get(Ha2Counter.FRAME_RECEIVED)).isZero();
    }

    @Test
    void framesFromAnotherSenderOrFromThisNodeAreRefused() {
        SessionSyncReceiver receiver = authenticated();
        byte[] stranger = frame(0x77777777L, 0, EPOCH, 1, upserts(session(1)), true);
        assertThat(offer(receiver, stranger, Ha2Counter.WRONG_SENDER)).isEqualTo(1);
        byte[] own = frame(OWN_ID, 0, EPOCH, 1, upserts(session(1)), true);
        assertThat(offer(receiver, own, Ha2Counter.OWN_FRAME)).isEqualTo(1);
        assertThat(receiver.counters().get(Ha2Counter.FRAME_RECEIVED)).isZero();
    }

    @Test
    void messageGuardsRefuseTheWholeFrame() {
        SessionSyncReceiver receiver = authenticated();
        KeepAlive keepAlive = new KeepAlive(HaWireState.ACTIVE, false, false, 1, 0, 1000, List.of());
        byte[] wrongStream = frame(PEER_ID, 0, EPOCH, 1, messages(keepAlive), true);
        assertThat(offer(receiver, wrongStream, Ha2Counter.MALFORMED)).isEqualTo(1);
        byte[] sessionOnControl = frame(PEER_ID, Ha2Codec.STREAM_CONTROL, EPOCH, 1, upserts(session(1)), true);
        assertThat(offer(receiver, sessionOnControl, Ha2Counter.MALFORMED)).isEqualTo(2);
        byte[] badState = frame(
                PEER_ID,
                0,
                EPOCH,
                1,
                (buf, pos, count) -> {
                    int end = Ha2Codec.writeUpsert(buf, pos, session(1));
                    buf[pos + 2 + 2 + 12 + 2] = (byte) 0x07; // state 0 (free) with TCP state 7
                    count[0] = 1;
                    return end;
                },
                true);
        assertThat(offer(receiver, badState, Ha2Counter.MALFORMED)).isEqualTo(3);
        byte[] overlong = frame(
                PEER_ID,
                0,
                EPOCH,
                1,
                (buf, pos, count) -> {
                    int end = Ha2Codec.writeUpsert(buf, pos, session(1));
                    buf[pos + 1] = (byte) (buf[pos + 1] + 1); // body length one past the message
                    count[0] = 1;
                    return end + 1;
                },
                true);
        assertThat(offer(receiver, overlong, Ha2Counter.MALFORMED)).isEqualTo(4);
        byte[] unknownType = frame(
                PEER_ID,
                0,
                EPOCH,
                1,
                (buf, pos, count) -> {
                    buf[pos] = 0x7f;
                    buf[pos + 1] = 0;
                    count[0] = 1;
                    return pos + 2;
                },
                true);
        assertThat(offer(receiver, unknownType, Ha2Counter.MALFORMED)).isEqualTo(5);
        assertThat(receiver.counters().get(Ha2Counter.FRAME_RECEIVED)).isZero();
        assertThat(receiver.counters().get(Ha2Counter.MSG_SESSION_RECEIVED)).isZero();
    }

    @Test
    void olderIncarnationsAreStaleAndNewerOnesRestartTheStreams() {
        SessionSyncReceiver receiver = authenticated();
        offer(receiver, goodFrame(1), Ha2Counter.FRAME_RECEIVED);
        byte[] old = frame(PEER_ID, 0, EPOCH - 1, 2, upserts(session(3)), true);
        assertThat(offer(receiver, old, Ha2Counter.STALE_EPOCH)).isEqualTo(1);
        byte[] restarted = frame(PEER_ID, 0, EPOCH + 1, 1, upserts(session(3)), true);
        assertThat(offer(receiver, restarted, Ha2Counter.PEER_RESTARTED)).isEqualTo(1);
        assertThat(events.restarts).containsExactly(EPOCH + 1);
        assertThat(receiver.counters().get(Ha2Counter.FRAME_RECEIVED)).isEqualTo(2);
    }

    @Test
    void duplicatesAreDroppedOnce() {
        SessionSyncReceiver receiver = authenticated();
        offer(receiver, goodFrame(1), Ha2Counter.FRAME_RECEIVED);
        assertThat(offer(receiver, goodFrame(1), Ha2Counter.DUPLICATE)).isEqualTo(1);
        receiver.flushBatches();
        assertThat(receiver.counters().get(Ha2Counter.MSG_SESSION_RECEIVED)).isEqualTo(2);
    }

    /** Random corruption of valid frames (unauthenticated, so the decoder itself is exercised) never throws. */
    @Test
    void fuzzedFramesNeverEscapeAsExceptions() {
        SessionSyncReceiver receiver = receiver(Ha2Auth.none(OWN_ID, 0));
        Random random = new Random(42);
        List<byte[]> seeds = List.of(
                frame(PEER_ID, 0, EPOCH, 1, upserts(session(1), Ha2CodecTest.ipv4TcpNat()), false),
                frame(PEER_ID, 1, EPOCH, 1, upserts(Ha2CodecTest.ipv6UdpWithCounters()), false),
                frame(
                        PEER_ID,
                        Ha2Codec.STREAM_CONTROL,
                        EPOCH,
                        1,
                        messages(new KeepAlive(
                                HaWireState.PASSIVE, true, true, 5, 6, 1000, List.of(new Ha2Message.StreamMark(0, 3)))),
                        false),
                frame(
                        PEER_ID,
                        Ha2Codec.STREAM_RECORDS,
                        EPOCH,
                        1,
                        messages(new Ha2Message.RecordUpdate(
                                false,
                                new Ha2Record.IpsecSa(
                                        "t",
                                        5,
                                        true,
                                        50,
                                        java.net.InetAddress.ofLiteral("198.18.0.1"),
                                        java.net.InetAddress.ofLiteral("198.18.0.2"),
                                        9))),
                        false));
        int frames = 20_000;
        for (int i = 0; i < frames; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] mutated = Arrays.copyOf(seed, seed.length + random.nextInt(3) - 1);
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            byte[] buf = Arrays.copyOf(mutated, Ha2Codec.MAX_FRAME_BYTES);
            receiver.onFrame(0, link, buf, mutated.length, 1_000_000L + i);
            receiver.poll(1_000_000L + i);
        }
        long refused = receiver.counters().get(Ha2Counter.MALFORMED)
                + receiver.counters().get(Ha2Counter.VERSION_MISMATCH)
                + receiver.counters().get(Ha2Counter.OWN_FRAME)
                + receiver.counters().get(Ha2Counter.STALE_EPOCH)
                + receiver.counters().get(Ha2Counter.AUTH_FAILED);
        assertThat(refused + receiver.counters().get(Ha2Counter.FRAME_RECEIVED)).isEqualTo(frames);
        assertThat(receiver.counters().get(Ha2Counter.MALFORMED)).isGreaterThan(frames / 4);
    }
}

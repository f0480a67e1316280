package io.palisade.ha.sync;

import java.util.Arrays;
import java.util.function.BiFunction;

/** Builds HA2 frames for receiver tests. */
final class TestFrames {
    static final long PEER_ID = 0x0a0b0c0dL;
    static final long OWN_ID = 0x01020304L;
    static final long EPOCH = 1_700_000_000_000L;
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private TestFrames() {}

    /** Frames from the peer with its key; {@code body} writes messages at a position and returns the end. */
    static byte[] frame(long sender, int stream, long epoch, long sequence, BodyWriter body, boolean mac) {
        byte[] buf = new byte[1472];
        FrameBuilder builder = new FrameBuilder(sender, epoch, mac ? new FrameMac(KEY) : null, 1472);
        builder.begin(buf, stream, sequence);
        int[] count = {0};
        int end = body.write(buf, builder.position(), count);
        for (int i = 0; i < count[0]; i++) {
            builder.appended(i == count[0] - 1 ? end : builder.position());
        }
        int length = builder.seal();
        return Arrays.copyOf(buf, length);
    }

    /** Writes messages at {@code pos}; sets {@code count[0]}; returns the end. */
    @FunctionalInterface
    interface BodyWriter {
        int write(byte[] buf, int pos, int[] count);
    }

    /** One upsert per image. */
    static BodyWriter upserts(SessionImage... images) {
        return (buf, pos, count) -> {
            for (SessionImage image : images) {
                pos = Ha2Codec.writeUpsert(buf, pos, image);
            }
            count[0] = images.length;
            return pos;
        };
    }

    static BodyWriter messages(Ha2Message... messages) {
        return (buf, pos, count) -> {
            for (Ha2Message message : messages) {
                pos = Ha2Codec.writeMessage(buf, pos, message);
            }
            count[0] = messages.length;
            return pos;
        };
    }

    static BiFunction<Integer, Integer, SessionImage> sessions() {
        return (i, unused) -> {
            SessionImage s = Ha2CodecTest.ipv4Tcp();
            s.c2sSrcPort = 10_000 + i;
            s.mirrorS2c();
            return s;
        };
    }

    static SessionImage session(int i) {
        return sessions().apply(i, 0);
    }
}

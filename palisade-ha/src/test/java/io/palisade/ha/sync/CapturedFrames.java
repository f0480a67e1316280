package io.palisade.ha.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A frame sender that keeps copies of what was sent, and decodes them for assertions. */
final class CapturedFrames implements FrameSender {
    final List<byte[]> frames = new ArrayList<>();

    @Override
    public synchronized void send(byte[] frame, int offset, int length) {
        frames.add(Arrays.copyOfRange(frame, offset, offset + length));
    }

    /** One decoded message. */
    record Message(int stream, long sequence, int type, SessionImage session, Ha2Message control) {
        int clientPort() {
            return session.c2sSrcPort;
        }
    }

    synchronized List<Message> messages() {
        List<Message> out = new ArrayList<>();
        for (byte[] frame : frames) {
            out.addAll(decode(frame));
        }
        return out;
    }

    static List<Message> decode(byte[] frame) {
        try {
            Ha2Codec.Header header = Ha2Codec.readHeader(frame, 0, frame.length, new Ha2Codec.Header());
            List<Message> out = new ArrayList<>();
            int pos = Ha2Codec.HEADER_BYTES;
            WireIn in = new WireIn();
            for (int i = 0; i < header.count; i++) {
                int type = frame[pos] & 0xff;
                int length = frame[pos + 1] & 0x7f;
                int body = pos + 2;
                if ((frame[pos + 1] & 0x80) != 0) {
                    length |= (frame[pos + 2] & 0x7f) << 7;
                    body++;
                }
                in.reset(frame, body, length);
                SessionImage session = null;
                Ha2Message control = null;
                if (type == Ha2Codec.SESSION_UPSERT) {
                    session = new SessionImage();
                    Ha2Codec.readUpsert(in, session);
                } else if (type == Ha2Codec.SESSION_DELETE) {
                    session = new SessionImage();
                    Ha2Codec.readDelete(in, session);
                } else {
                    control = Ha2Codec.readMessage(type, in);
                }
                out.add(new Message(header.stream, header.sequence, type, session, control));
                pos = body + length;
            }
            return out;
        } catch (Ha2DecodeException e) {
            throw new AssertionError("a sent frame does not decode: " + e.getMessage(), e);
        }
    }

    synchronized int count() {
        return frames.size();
    }

    synchronized void clear() {
        frames.clear();
    }
}

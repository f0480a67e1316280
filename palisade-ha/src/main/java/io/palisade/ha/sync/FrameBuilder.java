package io.palisade.ha.sync;

/**
 * Builds one frame at a time into a caller-provided buffer: header, messages while they fit, then the HMAC. Owned by
 * one thread (a worker, or the HA2 agent thread); allocates nothing.
 */
final class FrameBuilder {
    private final long senderId;
    private final long epoch;
    private final FrameMac mac;
    private final int maxFrameBytes;
    private final int messagesLimit;
    private byte[] buf;
    private int pos;
    private int count;
    private boolean open;

    FrameBuilder(long senderId, long epoch, FrameMac mac, int maxFrameBytes) {
        this.senderId = senderId;
        this.epoch = epoch;
        this.mac = mac;
        this.maxFrameBytes = maxFrameBytes;
        this.messagesLimit = maxFrameBytes - (mac == null ? 0 : Ha2Codec.MAC_BYTES);
    }

    /** Starts a frame in {@code buffer} (at least {@code maxFrameBytes} long). */
    void begin(byte[] buffer, int stream, long sequence) {
        buf = buffer;
        Ha2Codec.writeHeader(buf, 0, senderId, stream, epoch, sequence);
        pos = Ha2Codec.HEADER_BYTES;
        count = 0;
        open = true;
    }

    boolean isOpen() {
        return open;
    }

    int count() {
        return count;
    }

    /** Bytes still free for messages. */
    int room() {
        return count == 0xff ? 0 : messagesLimit - pos;
    }

    /** Where the next message goes; write it there with the codec, then {@link #appended}. */
    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    void appended(int newPosition) {
        pos = newPosition;
        count++;
    }

    /** Copies an encoded message (type, length, body) in; the caller checked {@link #room()}. */
    void append(byte[] message, int offset, int length) {
        System.arraycopy(message, offset, buf, pos, length);
        appended(pos + length);
    }

    /** Seals the frame and returns its length; the frame is in {@link #buffer()} from 0. */
    int seal() {
        int length = pos + (mac == null ? 0 : Ha2Codec.MAC_BYTES);
        Ha2Codec.sealHeader(buf, 0, mac == null ? 0 : Ha2Codec.FLAG_HMAC, length, count);
        if (mac != null) {
            mac.sign(buf, 0, pos, buf, pos);
        }
        open = false;
        return length;
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }
}

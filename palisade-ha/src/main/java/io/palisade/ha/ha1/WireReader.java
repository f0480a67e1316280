package io.palisade.ha.ha1;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads big-endian fields from one frame body. Every guard (bytes left, value range, UTF-8 validity) fails
 * with a {@link Ha1DecodeException} naming the field, so a hostile frame never raises anything else.
 */
final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    /** The body must be used up exactly: anything left is trailing garbage. */
    void expectEnd(String message) throws Ha1DecodeException {
        if (pos != end) {
            throw new Ha1DecodeException(remaining() + " trailing byte(s) after " + message);
        }
    }

    int u8(String field) throws Ha1DecodeException {
        need(field, 1);
        return buf[pos++] & 0xff;
    }

    int u16(String field) throws Ha1DecodeException {
        need(field, 2);
        int value = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return value;
    }

    long u32(String field) throws Ha1DecodeException {
        need(field, 4);
        long value = ((long) (buf[pos] & 0xff) << 24)
                | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return value;
    }

    long i64(String field) throws Ha1DecodeException {
        need(field, 8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buf[pos++] & 0xff);
        }
        return value;
    }

    boolean bool(String field) throws Ha1DecodeException {
        int value = u8(field);
        if (value > 1) {
            throw new Ha1DecodeException(field + ": " + value + " is not a boolean (0 or 1)");
        }
        return value == 1;
    }

    byte[] bytes(String field, int length) throws Ha1DecodeException {
        need(field, length);
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    String shortText(String field) throws Ha1DecodeException {
        return utf8(field, u16(field + " length"));
    }

    String longText(String field) throws Ha1DecodeException {
        long length = u32(field + " length");
        if (length > remaining()) {
            throw truncated(field, length);
        }
        return utf8(field, (int) length);
    }

    InetAddress address(String field) throws Ha1DecodeException {
        int length = u8(field + " length");
        if (length != 4 && length != 16) {
            throw new Ha1DecodeException(field + ": address length " + length + " is neither 4 nor 16");
        }
        try {
            return InetAddress.getByAddress(bytes(field, length));
        } catch (UnknownHostException e) {
            throw new Ha1DecodeException(field + ": " + e.getMessage());
        }
    }

    /**
     * A list count, checked against what the body can still hold so a forged count cannot make the decoder
     * allocate a huge list.
     */
    int count(String field, int minBytesPerEntry) throws Ha1DecodeException {
        long count = u32(field + " count");
        if (count * minBytesPerEntry > remaining()) {
            throw new Ha1DecodeException(
                    field + ": count " + count + " does not fit the " + remaining() + " byte(s) left");
        }
        return (int) count;
    }

    private String utf8(String field, int length) throws Ha1DecodeException {
        need(field, length);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, length))
                    .toString();
            pos += length;
            return text;
        } catch (CharacterCodingException e) {
            throw new Ha1DecodeException(field + ": invalid UTF-8");
        }
    }

    private void need(String field, long length) throws Ha1DecodeException {
        if (length > remaining()) {
            throw truncated(field, length);
        }
    }

    private Ha1DecodeException truncated(String field, long length) {
        return new Ha1DecodeException(
                "truncated body: " + field + " needs " + length + " byte(s), " + remaining() + " left");
    }
}

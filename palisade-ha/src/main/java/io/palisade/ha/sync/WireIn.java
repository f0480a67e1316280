package io.palisade.ha.sync;

/**
 * Reads one HA2 message body: big-endian fixed fields and LEB128 varints, each guarded so that a field running
 * past the body, an over-long varint or a value out of its range fails with {@link Ha2DecodeException} naming the
 * field. A reusable cursor: {@link #reset} points it at the next body, so decoding allocates nothing.
 */
final class WireIn {
    private byte[] buf;
    private int pos;
    private int end;

    WireIn reset(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        return this;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    /** The body must be used up exactly: anything left is trailing garbage. */
    void expectEnd(String message) throws Ha2DecodeException {
        if (pos != end) {
            throw new Ha2DecodeException(remaining() + " trailing byte(s) after " + message);
        }
    }

    int u8(String field) throws Ha2DecodeException {
        need(field, 1);
        return buf[pos++] & 0xff;
    }

    int u16(String field) throws Ha2DecodeException {
        need(field, 2);
        int value = WireBytes.getU16(buf, pos);
        pos += 2;
        return value;
    }

    int i32(String field) throws Ha2DecodeException {
        need(field, 4);
        int value = WireBytes.getI32(buf, pos);
        pos += 4;
        return value;
    }

    long i64(String field) throws Ha2DecodeException {
        need(field, 8);
        long value = WireBytes.getI64(buf, pos);
        pos += 8;
        return value;
    }

    /** Address bytes: 4 into the low bits of the result's {@code lo}, or 16 as {@code hi}, {@code lo}. */
    long addressHi(boolean ipv6, String field) throws Ha2DecodeException {
        return ipv6 ? i64(field) : 0;
    }

    long addressLo(boolean ipv6, String field) throws Ha2DecodeException {
        return ipv6 ? i64(field) : i32(field) & 0xffffffffL;
    }

    long varLong(String field) throws Ha2DecodeException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(field, 1);
            byte b = buf[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                if (shift == 63 && (b & 0x7e) != 0) {
                    break;
                }
                return value;
            }
        }
        throw new Ha2DecodeException(field + ": varint longer than 64 bits");
    }

    /** A varint that must lie in {@code 0..max}. */
    long varLong(String field, long max) throws Ha2DecodeException {
        long value = varLong(field);
        if (value < 0 || value > max) {
            throw new Ha2DecodeException(field + ": " + Long.toUnsignedString(value) + " is outside 0.." + max);
        }
        return value;
    }

    int varInt(String field, int max) throws Ha2DecodeException {
        return (int) varLong(field, max);
    }

    int zigZag(String field, int min, int max) throws Ha2DecodeException {
        long raw = varLong(field, 0xffffffffL);
        int value = (int) (raw >>> 1) ^ -(int) (raw & 1);
        if (value < min || value > max) {
            throw new Ha2DecodeException(field + ": " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    byte[] bytes(String field, int length) throws Ha2DecodeException {
        need(field, length);
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    private void need(String field, int length) throws Ha2DecodeException {
        if (length > end - pos) {
            throw new Ha2DecodeException(
                    "truncated: " + field + " needs " + length + " byte(s), " + (end - pos) + " left");
        }
    }
}

package io.palisade.ha.ha1;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends big-endian fields to a growing byte array. Values that do not fit their field are refused with an
 * {@link IllegalArgumentException} naming the field: a sender bug, never truncated silently.
 */
final class WireWriter {
    private byte[] buf;
    private int pos;

    WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int position() {
        return pos;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Overwrites a 32-bit field written earlier (the frame length once the body is known). */
    void putU32At(int at, long value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    WireWriter u8(String field, int value) {
        check(field, value, 0xff);
        ensure(1);
        buf[pos++] = (byte) value;
        return this;
    }

    WireWriter u16(String field, int value) {
        check(field, value, 0xffff);
        ensure(2);
        buf[pos++] = (byte) (value >>> 8);
        buf[pos++] = (byte) value;
        return this;
    }

    WireWriter u32(String field, long value) {
        check(field, value, 0xffff_ffffL);
        ensure(4);
        putU32At(pos, value);
        pos += 4;
        return this;
    }

    WireWriter i64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter bool(boolean value) {
        return u8("boolean", value ? 1 : 0);
    }

    WireWriter bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buf, pos, value.length);
        pos += value.length;
        return this;
    }

    /** UTF-8 text with a 16-bit length: names, reasons, versions. */
    WireWriter shortText(String field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u16(field + " length", utf8.length);
        return bytes(utf8);
    }

    /** UTF-8 text with a 32-bit length: configuration YAML. */
    WireWriter longText(String field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u32(field + " length", utf8.length);
        return bytes(utf8);
    }

    /** An address: its length (4 or 16) then its bytes. */
    WireWriter address(InetAddress value) {
        byte[] raw = value.getAddress();
        u8("address length", raw.length);
        return bytes(raw);
    }

    private static void check(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 0.." + max);
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + more);
            buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }
}

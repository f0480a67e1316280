package io.palisade.ha.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian fixed-width fields and LEB128 varints on a {@code byte[]}: the writing half of the HA2 codec. Writers
 * return the position after what they wrote; nothing allocates. Capacity is the caller's business (frames are
 * sized before anything is written into them).
 */
final class WireBytes {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private WireBytes() {}

    static int putU8(byte[] buf, int pos, int value) {
        buf[pos] = (byte) value;
        return pos + 1;
    }

    static int putU16(byte[] buf, int pos, int value) {
        U16.set(buf, pos, (short) value);
        return pos + 2;
    }

    static int putU32(byte[] buf, int pos, int value) {
        U32.set(buf, pos, value);
        return pos + 4;
    }

    static int putU64(byte[] buf, int pos, long value) {
        U64.set(buf, pos, value);
        return pos + 8;
    }

    static int getU16(byte[] buf, int pos) {
        return (short) U16.get(buf, pos) & 0xffff;
    }

    static int getI32(byte[] buf, int pos) {
        return (int) U32.get(buf, pos);
    }

    static long getU32(byte[] buf, int pos) {
        return getI32(buf, pos) & 0xffffffffL;
    }

    static long getI64(byte[] buf, int pos) {
        return (long) U64.get(buf, pos);
    }

    /** Unsigned LEB128: seven bits a byte, low bits first; 1 byte below 128, at most 10. */
    static int putVarLong(byte[] buf, int pos, long value) {
        while ((value & ~0x7fL) != 0) {
            buf[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return pos;
    }

    /** ZigZag then LEB128, for values that may be negative (rule indexes). */
    static int putZigZag(byte[] buf, int pos, int value) {
        return putVarLong(buf, pos, ((value << 1) ^ (value >> 31)) & 0xffffffffL);
    }

    /** Bytes {@link #putVarLong} needs for {@code value}. */
    static int varLongSize(long value) {
        int size = 1;
        while ((value & ~0x7fL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** An IPv4 address (low 32 bits of {@code lo}) or an IPv6 address ({@code hi}, {@code lo}). */
    static int putAddress(byte[] buf, int pos, boolean ipv6, long hi, long lo) {
        if (ipv6) {
            putU64(buf, pos, hi);
            return putU64(buf, pos + 8, lo);
        }
        return putU32(buf, pos, (int) lo);
    }
}

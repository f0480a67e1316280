package io.palisade.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network byte order (big-endian) reads and writes on a {@link MemorySegment}, unaligned, returning unsigned
 * values widened to {@code int} or {@code long}. Every packet field access goes through these layouts so the
 * byte order is stated once.
 */
public final class NetOrder {
    /** Unsigned 16-bit big-endian field. */
    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** 32-bit big-endian field. */
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** 64-bit big-endian field. */
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private NetOrder() {}

    /** The unsigned byte at {@code offset}. */
    public static int u8(MemorySegment segment, long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    /** The unsigned big-endian 16-bit value at {@code offset}. */
    public static int u16(MemorySegment segment, long offset) {
        return segment.get(U16, offset) & 0xFFFF;
    }

    /** The big-endian 32-bit value at {@code offset} (use {@code Integer.toUnsignedLong} for the unsigned value). */
    public static int i32(MemorySegment segment, long offset) {
        return segment.get(U32, offset);
    }

    /** The big-endian 64-bit value at {@code offset}. */
    public static long i64(MemorySegment segment, long offset) {
        return segment.get(U64, offset);
    }

    /** The big-endian 48-bit value at {@code offset}, e.g. a MAC address, in the low bits of a long. */
    public static long u48(MemorySegment segment, long offset) {
        return ((long) u16(segment, offset) << 32) | (i32(segment, offset + 2) & 0xFFFF_FFFFL);
    }

    /** Writes the low 8 bits of {@code value}. */
    public static void put8(MemorySegment segment, long offset, int value) {
        segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    /** Writes the low 16 bits of {@code value} big-endian. */
    public static void put16(MemorySegment segment, long offset, int value) {
        segment.set(U16, offset, (short) value);
    }

    /** Writes {@code value} big-endian. */
    public static void put32(MemorySegment segment, long offset, int value) {
        segment.set(U32, offset, value);
    }

    /** Writes {@code value} big-endian. */
    public static void put64(MemorySegment segment, long offset, long value) {
        segment.set(U64, offset, value);
    }
}

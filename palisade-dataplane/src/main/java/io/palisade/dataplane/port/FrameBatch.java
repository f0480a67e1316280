package io.palisade.dataplane.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A worker's reusable receive batch: fixed slots that ports copy frames into, so the engine works on
 * preallocated memory and nothing is allocated per packet. Slot views ({@link #slot}, {@link #buffer}) are
 * created once.
 */
public final class FrameBatch {
    /** Frame flag: the kernel left the L4 checksum partial (CHECKSUM_PARTIAL); do not verify it. */
    public static final int CHECKSUM_PARTIAL = 1;

    private final MemorySegment[] slots;
    private final ByteBuffer[] buffers;
    private final int[] lengths;
    private final int[] flags;
    private final int slotSize;
    private int count;

    public FrameBatch(Arena arena, int capacity, int slotSize) {
        this.slotSize = slotSize;
        MemorySegment all = arena.allocate((long) capacity * slotSize, 64);
        slots = new MemorySegment[capacity];
        buffers = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = all.asSlice((long) i * slotSize, slotSize);
            buffers[i] = slots[i].asByteBuffer();
        }
        lengths = new int[capacity];
        flags = new int[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    public int slotSize() {
        return slotSize;
    }

    public int count() {
        return count;
    }

    public void clear() {
        count = 0;
    }

    public boolean isFull() {
        return count == slots.length;
    }

    /** The slot the next received frame goes into. */
    public MemorySegment nextSlot() {
        return slots[count];
    }

    /** The next slot as a ByteBuffer positioned at 0 with the slot's capacity as limit. */
    public ByteBuffer nextBuffer() {
        ByteBuffer b = buffers[count];
        b.clear();
        return b;
    }

    /** Commits the frame written into {@link #nextSlot()}. */
    public void commit(int length, int frameFlags) {
        lengths[count] = length;
        flags[count] = frameFlags;
        count++;
    }

    /** Copies a frame in; returns false (and copies nothing) when it is larger than a slot or the batch is full. */
    public boolean add(MemorySegment source, long offset, int length, int frameFlags) {
        if (length > slotSize || isFull()) {
            return false;
        }
        MemorySegment.copy(source, offset, slots[count], 0, length);
        commit(length, frameFlags);
        return true;
    }

    /** Every slot's view, by index (the engine warms a whole batch from it); read only. */
    public MemorySegment[] slots() {
        return slots;
    }

    /** Every slot's frame length, by index (valid below {@link #count()}); read only. */
    public int[] lengths() {
        return lengths;
    }

    public MemorySegment slot(int i) {
        return slots[i];
    }

    public ByteBuffer buffer(int i) {
        return buffers[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public void setLength(int i, int length) {
        lengths[i] = length;
    }

    public int flags(int i) {
        return flags[i];
    }
}

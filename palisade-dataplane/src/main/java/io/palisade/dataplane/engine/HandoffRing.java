package io.palisade.dataplane.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-producer single-consumer ring of frame copies: how a worker hands a packet to the worker that owns
 * its flow. Fixed slots, no allocation; the producer publishes with a release store of the tail, the consumer
 * frees slots with a release store of the head.
 */
public final class HandoffRing {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(HandoffRing.class, "head", long.class);
            TAIL = MethodHandles.lookup().findVarHandle(HandoffRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MemorySegment[] slots;
    private final int[] lengths;
    private final int[] interfaces;
    private final int[] flags;
    private final int mask;
    private final int slotSize;

    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;

    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;

    public HandoffRing(Arena arena, int capacityPowerOfTwo, int slotSize) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        this.mask = capacityPowerOfTwo - 1;
        this.slotSize = slotSize;
        MemorySegment all = arena.allocate((long) capacityPowerOfTwo * slotSize, 64);
        slots = new MemorySegment[capacityPowerOfTwo];
        for (int i = 0; i < capacityPowerOfTwo; i++) {
            slots[i] = all.asSlice((long) i * slotSize, slotSize);
        }
        lengths = new int[capacityPowerOfTwo];
        interfaces = new int[capacityPowerOfTwo];
        flags = new int[capacityPowerOfTwo];
    }

    /** Producer: copies a frame in; false when the ring is full or the frame too large. */
    public boolean offer(MemorySegment frame, int length, int ingressInterface, int frameFlags) {
        long t = (long) TAIL.getOpaque(this);
        if (t - (long) HEAD.getAcquire(this) > mask || length > slotSize) {
            return false;
        }
        int i = (int) (t & mask);
        MemorySegment.copy(frame, 0, slots[i], 0, length);
        lengths[i] = length;
        interfaces[i] = ingressInterface;
        flags[i] = frameFlags;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Consumer: a frame waiting, or -1. Valid until {@link #release}. */
    public int peek() {
        long h = (long) HEAD.getOpaque(this);
        return h < (long) TAIL.getAcquire(this) ? (int) (h & mask) : -1;
    }

    public MemorySegment slot(int i) {
        return slots[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public int ingressInterface(int i) {
        return interfaces[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    /** Consumer: frees the frame returned by {@link #peek}. */
    public void release() {
        HEAD.setRelease(this, (long) HEAD.getOpaque(this) + 1);
    }
}

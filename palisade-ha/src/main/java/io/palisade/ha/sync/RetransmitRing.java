package io.palisade.ha.sync;

/**
 * The last {@code capacity} frames one stream sent, kept as sent (sequence, HMAC and all) to answer gap requests.
 * Frames are built directly in their slot, so keeping them costs no copy. Owned by the stream's thread.
 */
final class RetransmitRing {
    private final byte[][] slots;
    private final int[] lengths;
    private final long[] sequences;

    RetransmitRing(int capacity, int frameBytes) {
        slots = new byte[capacity][frameBytes];
        lengths = new int[capacity];
        sequences = new long[capacity];
    }

    /** The slot that frame {@code sequence} is built in; whatever it held is forgotten. */
    byte[] slotFor(long sequence) {
        int index = index(sequence);
        sequences[index] = 0;
        return slots[index];
    }

    /** Records that frame {@code sequence} of {@code length} bytes is in its slot. */
    void sent(long sequence, int length) {
        int index = index(sequence);
        sequences[index] = sequence;
        lengths[index] = length;
    }

    /** The frame, if still held; null otherwise. */
    byte[] frame(long sequence) {
        int index = index(sequence);
        return sequences[index] == sequence ? slots[index] : null;
    }

    int length(long sequence) {
        return lengths[index(sequence)];
    }

    int capacity() {
        return slots.length;
    }

    private int index(long sequence) {
        return (int) (sequence % slots.length);
    }
}

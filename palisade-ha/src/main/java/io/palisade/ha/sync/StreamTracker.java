package io.palisade.ha.sync;

/**
 * In-order delivery of one reliable stream of the peer (a worker's sessions, or the records): frames are passed on
 * strictly by sequence number, so a delete can never overtake the insert before it; a frame that arrives early is
 * held (up to the reorder window) while the missing ones are asked for again. A gap that stays open after the
 * retries, or that outgrows the window, is given up: the missing frames are counted lost and the receiver asks for
 * a bulk sync (losses are never left silent, the conntrackd lesson). Owned by the HA2 agent thread.
 *
 * <pre>
 *   expected ─┐        held frames (early arrivals)
 *             ▼        ▼     ▼
 *   ... 41 42 [43 ?? ?? 46 ?? 48]        highest known = 48 (seen, or announced by a keep-alive)
 *   delivered  └─ holes 43..45 and 47 are requested, retried, then given up
 * </pre>
 */
final class StreamTracker {
    static final long NONE = Long.MIN_VALUE;

    /** What to do with an offered frame. */
    enum Offer {
        /** Deliver it now, then {@link #takeHeld} whatever became next. */
        DELIVER,
        /** Held until the frames before it arrive. */
        HELD,
        /** Already delivered or already held. */
        DUPLICATE
    }

    final int stream;
    private final int window;
    private final int frameBytes;
    private final byte[][] held;
    private final long[] heldSequence;
    private int heldCount;
    private long expected;
    private long highest;
    private int retries;
    private long nextRequestNs = NONE;

    StreamTracker(int stream, int window, int frameBytes) {
        this.stream = stream;
        this.window = window;
        this.frameBytes = frameBytes;
        this.held = new byte[window][];
        this.heldSequence = new long[window];
    }

    long expected() {
        return expected;
    }

    long highest() {
        return highest;
    }

    /** Whether frames are known to be missing. */
    boolean hasGap() {
        return expected != 0 && highest >= expected;
    }

    /** Whether {@code sequence} lies beyond the window: holding it would need more than the window. */
    boolean beyondWindow(long sequence) {
        return expected != 0 && sequence - expected >= window;
    }

    /**
     * Takes a frame in. The first frame of a stream (or of a new peer incarnation) starts it: what came before was
     * missed, and the bulk sync the receiver asks for covers it.
     */
    Offer offer(long sequence, byte[] frame, int length) {
        if (expected == 0) {
            expected = sequence;
        }
        if (sequence < expected) {
            return Offer.DUPLICATE;
        }
        highest = Math.max(highest, sequence);
        if (sequence == expected) {
            return Offer.DELIVER;
        }
        int slot = slot(sequence);
        if (heldSequence[slot] == sequence) {
            return Offer.DUPLICATE;
        }
        if (held[slot] == null || held[slot].length < length) {
            // A peer with a larger MTU may send larger frames than this node's links do.
            held[slot] = new byte[Math.max(frameBytes, length)];
        }
        System.arraycopy(frame, 0, held[slot], 0, length);
        heldSequence[slot] = sequence;
        heldCount++;
        return Offer.HELD;
    }

    /** The frame {@link #offer} said to deliver was delivered. */
    void delivered() {
        expected++;
        retries = 0;
        if (!hasGap()) {
            nextRequestNs = NONE;
        }
    }

    /** The held frame that is next in order, or null; deliver it, then call {@link #delivered}. */
    byte[] takeHeld() {
        int slot = slot(expected);
        if (heldCount == 0 || heldSequence[slot] != expected) {
            return null;
        }
        heldSequence[slot] = 0;
        heldCount--;
        return held[slot];
    }

    /** A keep-alive says the peer sent up to {@code lastSequence}: a tail gap, or the start of the stream. */
    void mark(long lastSequence) {
        if (expected == 0) {
            if (lastSequence > 0) {
                expected = lastSequence + 1;
                highest = lastSequence;
            }
            return;
        }
        highest = Math.max(highest, lastSequence);
    }

    /** When the next gap request is due; {@link #NONE} while no gap is open. */
    long nextRequestNs() {
        return nextRequestNs;
    }

    /** Requests made for the gap open now. */
    int retries() {
        return retries;
    }

    void requested(long nowNs, long retryNs) {
        retries++;
        nextRequestNs = nowNs + retryNs;
    }

    /** A gap was just noticed: the first request goes out at {@code firstRequestNs}. */
    void gapOpened(long firstRequestNs) {
        if (nextRequestNs == NONE) {
            retries = 0;
            nextRequestNs = firstRequestNs;
        }
    }

    boolean gapPending() {
        return nextRequestNs != NONE;
    }

    /**
     * Writes the missing ranges (at most {@code max}) as pairs into {@code ranges}; returns how many. Holes beyond the
     * window are one range to the highest known sequence.
     */
    int holes(long[] ranges, int max) {
        int count = 0;
        long seq = expected;
        long last = highest;
        while (seq <= last && count < max) {
            if (isHeld(seq)) {
                seq++;
                continue;
            }
            long start = seq;
            while (seq <= last && !isHeld(seq) && seq - start < 0xffff) {
                seq++;
            }
            ranges[2 * count] = start;
            ranges[2 * count + 1] = seq - 1;
            count++;
        }
        return count;
    }

    /**
     * Gives up every missing frame up to {@code upTo}: the caller delivers held frames as they come out of
     * {@link #nextAfterGiveUp}. Returns how many frames were missing.
     */
    long giveUp(long upTo) {
        long missing = 0;
        for (long seq = expected; seq <= upTo; seq++) {
            if (!isHeld(seq)) {
                missing++;
            }
        }
        nextRequestNs = NONE;
        retries = 0;
        return missing;
    }

    /**
     * After {@link #giveUp}: skips the holes up to {@code upTo} and returns the next held frame (then call
     * {@link #delivered}), or null when the stream has caught up to {@code upTo}.
     */
    byte[] nextAfterGiveUp(long upTo) {
        while (expected <= upTo) {
            byte[] frame = takeHeld();
            if (frame != null) {
                return frame;
            }
            expected++;
        }
        return null;
    }

    private boolean isHeld(long sequence) {
        return sequence - expected < window && heldSequence[slot(sequence)] == sequence;
    }

    private int slot(long sequence) {
        return (int) (sequence % window);
    }
}

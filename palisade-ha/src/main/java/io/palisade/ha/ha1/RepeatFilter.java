package io.palisade.ha.ha1;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a peer that retries every second from filling the log with the same refusal: the first occurrence of a
 * message, and every {@value #EVERY}th repeat, are worth a warning; the rest go to debug. Counters still count
 * every one.
 */
final class RepeatFilter {
    static final int EVERY = 100;

    private final AtomicReference<String> last = new AtomicReference<>();
    private final AtomicLong repeats = new AtomicLong();

    /** Whether this occurrence of {@code key} deserves a warning. */
    boolean warn(String key) {
        if (!key.equals(last.getAndSet(key))) {
            repeats.set(0);
            return true;
        }
        return repeats.incrementAndGet() % EVERY == 0;
    }

    /** Forgets the last message, so the next failure after a success is warned about again. */
    void reset() {
        last.set(null);
    }
}

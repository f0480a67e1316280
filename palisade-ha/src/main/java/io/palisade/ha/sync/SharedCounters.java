package io.palisade.ha.sync;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * HA2 counters with many writers: a link is written to by every worker that sends and read on the agent thread.
 * Increments are atomic; the rate is one per frame, not per session, so the contention costs nothing that matters.
 * Single-writer sets use {@link io.palisade.common.Counters}.
 */
public final class SharedCounters {
    private final AtomicLongArray values = new AtomicLongArray(Ha2Counter.values().length);

    void increment(Ha2Counter kind) {
        values.incrementAndGet(kind.ordinal());
    }

    void add(Ha2Counter kind, long delta) {
        values.addAndGet(kind.ordinal(), delta);
    }

    /** One counter; safe from any thread. */
    public long get(Ha2Counter kind) {
        return values.get(kind.ordinal());
    }

    /** Adds the non-zero values into {@code into}, by counter name. */
    public void addTo(Map<String, Long> into) {
        for (Ha2Counter kind : Ha2Counter.values()) {
            long value = get(kind);
            if (value != 0) {
                into.merge(kind.counterName(), value, Long::sum);
            }
        }
    }
}

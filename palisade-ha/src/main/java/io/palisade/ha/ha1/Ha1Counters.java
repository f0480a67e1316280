package io.palisade.ha.ha1;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of one HA1 link. Unlike {@link io.palisade.common.Counters} these have many writers (the
 * acceptor, the dialer, the writer and one reader per connection), so increments are atomic; the rates are
 * those of a control link, so the contention costs nothing that matters.
 */
public final class Ha1Counters {
    private final AtomicLongArray values = new AtomicLongArray(Ha1Counter.values().length);

    void increment(Ha1Counter kind) {
        values.incrementAndGet(kind.ordinal());
    }

    /** One counter; safe from any thread. */
    public long get(Ha1Counter kind) {
        return values.get(kind.ordinal());
    }

    /** Every counter in declaration order, zero values included. */
    public Map<Ha1Counter, Long> snapshot() {
        Map<Ha1Counter, Long> copy = new EnumMap<>(Ha1Counter.class);
        for (Ha1Counter kind : Ha1Counter.values()) {
            copy.put(kind, get(kind));
        }
        return copy;
    }

    /** Adds these values into {@code into}, by counter name (the primary and backup links total up). */
    public void addTo(Map<String, Long> into) {
        for (Ha1Counter kind : Ha1Counter.values()) {
            into.merge(kind.counterName(), get(kind), Long::sum);
        }
    }
}

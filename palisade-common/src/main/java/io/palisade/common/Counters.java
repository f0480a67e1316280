package io.palisade.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed set of counters written by one owner thread and read by anyone. Writes are single-writer opaque
 * increments (no locks, no allocation); readers see each value atomically but not a consistent cut.
 *
 * @param <E> the counter family
 */
public final class Counters<E extends Enum<E> & CounterKind> {
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final Class<E> family;
    private final E[] kinds;
    private final long[] values;

    public Counters(Class<E> family) {
        this.family = family;
        this.kinds = family.getEnumConstants();
        this.values = new long[kinds.length];
    }

    public Class<E> family() {
        return family;
    }

    /** Adds one; only the owner thread calls this. */
    public void increment(E kind) {
        add(kind, 1);
    }

    /** Adds {@code delta}; only the owner thread calls this. */
    public void add(E kind, long delta) {
        int i = kind.ordinal();
        VALUES.setOpaque(values, i, (long) VALUES.getOpaque(values, i) + delta);
    }

    /** Reads one counter; safe from any thread. */
    public long get(E kind) {
        return (long) VALUES.getOpaque(values, kind.ordinal());
    }

    /** Every counter in declaration order, zero values included. */
    public Map<E, Long> snapshot() {
        Map<E, Long> copy = new LinkedHashMap<>();
        for (E kind : kinds) {
            copy.put(kind, get(kind));
        }
        return copy;
    }

    /** Adds this set's values into {@code into}, by counter name; used to total per-worker counters. */
    public void addTo(Map<String, Long> into) {
        for (E kind : kinds) {
            into.merge(kind.counterName(), get(kind), Long::sum);
        }
    }
}

package io.palisade.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark figure and what it takes to read it honestly: what was measured, with how many threads, flows,
 * rules, for how long. {@code details} holds the benchmark-specific facts in the order they were added.
 *
 * @param name benchmark name
 * @param value the headline figure
 * @param unit its unit
 * @param details everything else (threads, flows, rules, duration, target, ...)
 */
public record BenchResult(String name, double value, String unit, Map<String, Object> details) {
    /** A builder-style start. */
    public static BenchResult of(String name, double value, String unit) {
        return new BenchResult(name, value, unit, new LinkedHashMap<>());
    }

    public BenchResult with(String key, Object value) {
        details.put(key, value);
        return this;
    }

    /** Flat map for JSON: name, value, unit, then the details. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        m.put("unit", unit);
        m.putAll(details);
        return m;
    }
}

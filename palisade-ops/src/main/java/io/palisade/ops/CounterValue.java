package io.palisade.ops;

/**
 * One counter of {@code show counter global}.
 *
 * @param name stable counter name
 * @param value total since start
 * @param rate per second over the last sampling interval
 * @param severity {@code info}, {@code warn}, {@code drop}, {@code error}
 * @param category {@code packet}, {@code flow}, {@code session}, {@code ha}, ...
 * @param description one line
 */
public record CounterValue(String name, long value, long rate, String severity, String category, String description) {}

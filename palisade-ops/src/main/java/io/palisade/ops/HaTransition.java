package io.palisade.ops;

/**
 * One HA state transition on the event timeline.
 *
 * @param atEpochMs wall-clock time
 * @param from previous state
 * @param to new state
 * @param reason PAN-OS style reason
 */
public record HaTransition(long atEpochMs, String from, String to, String reason) {}

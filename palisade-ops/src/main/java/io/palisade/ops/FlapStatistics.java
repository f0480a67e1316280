package io.palisade.ops;

/**
 * {@code show high-availability flap-statistics}.
 *
 * @param preemptionFlaps flaps counted towards a preemption loop in the current window
 * @param nonFunctionalFlaps flaps counted towards a non-functional loop
 * @param flapMax flaps allowed before suspension (0: unlimited)
 * @param lastFlapEpochMs time of the last flap, 0 when none
 */
public record FlapStatistics(int preemptionFlaps, int nonFunctionalFlaps, int flapMax, long lastFlapEpochMs) {}

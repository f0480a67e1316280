package io.palisade.ha.election;

/**
 * Flap counters for {@code show high-availability flap-statistics}. A flap is counted when the node leaves an
 * active state within 15 minutes after it last left one; counters reset after 15 quiet minutes.
 *
 * @param preemptionFlaps flaps of a preemption loop (active periods won or lost by preemption)
 * @param nonFunctionalFlaps flaps of a non-functional loop (active/active: tentative loop)
 * @param lastFlapNs time of the last counted flap, or {@link HaStateMachine#NONE}
 * @param lastLeftActiveNs time the node last left an active state, or {@link HaStateMachine#NONE}
 * @param flapMax the configured limit (0 = never suspend)
 */
public record FlapStatistics(
        int preemptionFlaps, int nonFunctionalFlaps, long lastFlapNs, long lastLeftActiveNs, int flapMax) {}

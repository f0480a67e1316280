package io.palisade.ha.election;

/**
 * Counts flaps the PAN-OS way: a flap is leaving an active state within the window (15 minutes) after last
 * leaving one. A flap is a preemption flap when the node leaves for passive (it was preempted or lost a
 * split-brain resolution) or when its active period began with a preemption; otherwise (it failed to
 * non-functional or tentative) it is a non-functional flap. When either count reaches flap-max the node is
 * suspended with {@code Preemption loop detected}, {@code Non-functional loop detected} or, in active/active,
 * {@code Tentative loop}. Leaving active for suspended (user request) moves the window but is not a flap.
 */
final class FlapTracker {
    private final int flapMax;
    private final long windowNs;
    private int preemptionFlaps;
    private int nonFunctionalFlaps;
    private long lastFlapNs = HaStateMachine.NONE;
    private long lastLeftActiveNs = HaStateMachine.NONE;

    FlapTracker(int flapMax, long windowNs) {
        this.flapMax = flapMax;
        this.windowNs = windowNs;
    }

    /**
     * Accounts for a transition; returns the loop reason when it reaches flap-max, else null.
     *
     * @param activeByPreemption the active period being left began with a preemption
     */
    HaReason onTransition(HaState from, HaState to, boolean activeByPreemption, long nowNs) {
        if (!from.isActive() || to.isActive()) {
            return null;
        }
        boolean withinWindow = lastLeftActiveNs != HaStateMachine.NONE && nowNs - lastLeftActiveNs <= windowNs;
        lastLeftActiveNs = nowNs;
        if (!withinWindow) {
            preemptionFlaps = 0;
            nonFunctionalFlaps = 0;
            return null;
        }
        if (to == HaState.SUSPENDED) {
            return null;
        }
        lastFlapNs = nowNs;
        if (to == HaState.PASSIVE || activeByPreemption) {
            preemptionFlaps++;
            return flapMax > 0 && preemptionFlaps >= flapMax ? HaReason.PREEMPTION_LOOP : null;
        }
        nonFunctionalFlaps++;
        if (flapMax > 0 && nonFunctionalFlaps >= flapMax) {
            return to == HaState.TENTATIVE ? HaReason.TENTATIVE_LOOP : HaReason.NON_FUNCTIONAL_LOOP;
        }
        return null;
    }

    /** Resets the counters after a quiet window; returns true when it did. */
    boolean expire(long nowNs) {
        if ((preemptionFlaps | nonFunctionalFlaps) == 0 || nowNs - lastLeftActiveNs <= windowNs) {
            return false;
        }
        preemptionFlaps = 0;
        nonFunctionalFlaps = 0;
        return true;
    }

    /** When the counters would reset, or {@link HaStateMachine#NEVER}. */
    long nextExpiryNs() {
        return (preemptionFlaps | nonFunctionalFlaps) == 0 ? HaStateMachine.NEVER : lastLeftActiveNs + windowNs + 1;
    }

    /** Preemption plus non-functional flaps counted in the current window. */
    int total() {
        return preemptionFlaps + nonFunctionalFlaps;
    }

    /** Clears everything (the operator made the node functional again). */
    void reset() {
        preemptionFlaps = 0;
        nonFunctionalFlaps = 0;
        lastFlapNs = HaStateMachine.NONE;
        lastLeftActiveNs = HaStateMachine.NONE;
    }

    FlapStatistics statistics() {
        return new FlapStatistics(preemptionFlaps, nonFunctionalFlaps, lastFlapNs, lastLeftActiveNs, flapMax);
    }
}

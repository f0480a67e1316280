package io.palisade.config.model;

import io.palisade.config.bind.Default;

/**
 * HA timers as configured: a profile, and with {@code advanced} any individual value. Values left absent take
 * the recommended profile's value. Use {@link #resolve()} for the effective values.
 *
 * @param profile recommended, aggressive or advanced
 * @param promotionHoldTimeMs passive waits this long after declaring the peer failed
 * @param helloIntervalMs interval of hello messages
 * @param heartbeatIntervalMs interval of heartbeats
 * @param heartbeatMissThreshold heartbeats missed before the peer is declared failed (Palisade setting)
 * @param flapMax flaps within 15 minutes before suspension; 0 means never suspend
 * @param preemptionHoldTimeMin minutes the preferred node waits before preempting
 * @param preemptionHoldTimeMs Palisade extension: the preemption hold time in milliseconds
 * @param monitorFailHoldUpTimeMs wait after a monitor failure before acting
 * @param additionalMasterHoldUpTimeMs extra wait on the active node after a monitor failure
 */
public record HaTimers(
        @Default("recommended") TimerProfile profile,
        Integer promotionHoldTimeMs,
        Integer helloIntervalMs,
        Integer heartbeatIntervalMs,
        Integer heartbeatMissThreshold,
        Integer flapMax,
        Integer preemptionHoldTimeMin,
        Integer preemptionHoldTimeMs,
        Integer monitorFailHoldUpTimeMs,
        Integer additionalMasterHoldUpTimeMs) {

    /** Effective timer values in milliseconds (flap max as a count). */
    public record Resolved(
            int promotionHoldTimeMs,
            int helloIntervalMs,
            int heartbeatIntervalMs,
            int heartbeatMissThreshold,
            int flapMax,
            long preemptionHoldTimeMs,
            int monitorFailHoldUpTimeMs,
            int additionalMasterHoldUpTimeMs) {
        /** Time without heartbeats after which the peer is declared failed. */
        public long peerFailureTimeoutMs() {
            return (long) heartbeatIntervalMs * heartbeatMissThreshold;
        }
    }

    /** PAN-OS recommended profile (hardware and VM-Series column). */
    public static final Resolved RECOMMENDED = new Resolved(2000, 8000, 1000, 3, 3, 60_000, 0, 500);

    /** PAN-OS aggressive profile. */
    public static final Resolved AGGRESSIVE = new Resolved(500, 8000, 1000, 3, 3, 60_000, 0, 500);

    /** Whether any individual value is set (allowed only with the advanced profile). */
    public boolean hasIndividualValues() {
        return promotionHoldTimeMs != null
                || helloIntervalMs != null
                || heartbeatIntervalMs != null
                || heartbeatMissThreshold != null
                || flapMax != null
                || preemptionHoldTimeMin != null
                || preemptionHoldTimeMs != null
                || monitorFailHoldUpTimeMs != null
                || additionalMasterHoldUpTimeMs != null;
    }

    public Resolved resolve() {
        return switch (profile) {
            case RECOMMENDED -> RECOMMENDED;
            case AGGRESSIVE -> AGGRESSIVE;
            case ADVANCED ->
                new Resolved(
                        or(promotionHoldTimeMs, RECOMMENDED.promotionHoldTimeMs()),
                        or(helloIntervalMs, RECOMMENDED.helloIntervalMs()),
                        or(heartbeatIntervalMs, RECOMMENDED.heartbeatIntervalMs()),
                        or(heartbeatMissThreshold, RECOMMENDED.heartbeatMissThreshold()),
                        or(flapMax, RECOMMENDED.flapMax()),
                        preemptionHoldTimeMs != null
                                ? preemptionHoldTimeMs
                                : preemptionHoldTimeMin != null
                                        ? preemptionHoldTimeMin * 60_000L
                                        : RECOMMENDED.preemptionHoldTimeMs(),
                        or(monitorFailHoldUpTimeMs, RECOMMENDED.monitorFailHoldUpTimeMs()),
                        or(additionalMasterHoldUpTimeMs, RECOMMENDED.additionalMasterHoldUpTimeMs()));
        };
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}

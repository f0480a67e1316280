package io.palisade.ha.sync;

/**
 * HA2 keep-alive health of one link: up while keep-alives arrive, down once none came for the threshold. Pure
 * logic; time comes in as {@code nowNs}. A check that comes much later than the previous one means this process
 * was paused (GC, a stopped VM): the keep-alives may be waiting unread in the socket, so judgement is postponed by
 * a fresh threshold instead of declaring the peer silent (the Ratis lesson).
 */
final class KeepAliveMonitor {
    /** Health of the link. */
    enum Health {
        /** Nothing heard yet; becomes down after the threshold. */
        UNKNOWN,
        UP,
        DOWN
    }

    /** A change of health, with how long the link was silent or down. */
    record Change(Health to, long forNs) {}

    private final long thresholdNs;
    private Health health = Health.UNKNOWN;
    private long lastHeardNs;
    private long lastCheckNs;
    private long downSinceNs;
    private long stalls;

    KeepAliveMonitor(long thresholdNs, long nowNs) {
        this.thresholdNs = thresholdNs;
        this.lastHeardNs = nowNs;
        this.lastCheckNs = nowNs;
    }

    Health health() {
        return health;
    }

    /** Times a check was postponed because this process had been paused. */
    long stalls() {
        return stalls;
    }

    /** A keep-alive arrived; returns the change to up, or null. */
    Change onKeepAlive(long nowNs) {
        lastHeardNs = nowNs;
        if (health == Health.UP) {
            return null;
        }
        long downFor = health == Health.DOWN ? nowNs - downSinceNs : 0;
        health = Health.UP;
        return new Change(Health.UP, downFor);
    }

    /** Returns the change to down when the threshold passed in silence, or null. */
    Change check(long nowNs) {
        long sinceCheck = nowNs - lastCheckNs;
        lastCheckNs = nowNs;
        if (sinceCheck > thresholdNs / 2) {
            stalls++;
            lastHeardNs = Math.max(lastHeardNs, nowNs - thresholdNs / 2);
        }
        long silentNs = nowNs - lastHeardNs;
        if (health != Health.DOWN && silentNs >= thresholdNs) {
            health = Health.DOWN;
            downSinceNs = nowNs;
            return new Change(Health.DOWN, silentNs);
        }
        return null;
    }
}

package io.palisade.dataplane.engine;

import io.palisade.config.model.FloodAction;
import java.util.SplittableRandom;

/**
 * New-session rate of one (zone, flood class) on one worker, and the PAN-OS flood decision: above the alarm
 * rate raise an alarm; between the activate and maximum rates drop with a probability rising linearly from 0 to
 * 1 (random early drop); above the maximum drop everything. The rate is estimated over a sliding one-second
 * window from the current and previous second's counts.
 */
final class FloodMeter {
    static final int PASS = 0;
    static final int RED_DROP = 1;
    static final int MAX_DROP = 2;
    private static final long SECOND_NS = 1_000_000_000L;

    private long windowStartNs = Long.MIN_VALUE;
    private int current;
    private int previous;
    private boolean alarmed;

    /** Counts one new session and decides; {@code alarm[0]} is set when the alarm rate is first crossed. */
    int onNewSession(ZoneProtectionPlan.Flood plan, long nowNs, SplittableRandom random, boolean[] alarm) {
        roll(nowNs);
        current++;
        long rate = estimate(nowNs);
        if (rate > plan.alarmRate() && !alarmed) {
            alarmed = true;
            alarm[0] = true;
        }
        if (rate > plan.maximumRate()) {
            return MAX_DROP;
        }
        if (rate > plan.activateRate()) {
            // SYN cookies need a TCP proxy Palisade does not have; that action falls back to random early drop.
            assert plan.action() == FloodAction.RANDOM_EARLY_DROP || plan.action() == FloodAction.SYN_COOKIES;
            int span = Math.max(1, plan.maximumRate() - plan.activateRate());
            long over = rate - plan.activateRate();
            return random.nextInt(span) < over ? RED_DROP : PASS;
        }
        return PASS;
    }

    private void roll(long nowNs) {
        if (windowStartNs == Long.MIN_VALUE) {
            windowStartNs = nowNs;
            return;
        }
        long elapsed = nowNs - windowStartNs;
        if (elapsed >= 2 * SECOND_NS) {
            previous = 0;
            current = 0;
            windowStartNs = nowNs;
            alarmed = false;
        } else if (elapsed >= SECOND_NS) {
            previous = current;
            current = 0;
            windowStartNs += SECOND_NS;
            alarmed = previous > 0 && alarmed;
        }
    }

    /** Sessions in the last second: this second's count plus the unexpired share of the previous one. */
    long estimate(long nowNs) {
        double into = Math.min(1.0, (nowNs - windowStartNs) / (double) SECOND_NS);
        return current + Math.round(previous * (1.0 - into));
    }
}

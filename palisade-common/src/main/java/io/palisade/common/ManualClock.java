package io.palisade.common;

import java.util.concurrent.TimeUnit;

/** A clock that only moves when told to: state machines and timers are tested against it. */
public final class ManualClock implements NanoClock {
    private volatile long nowNs;

    public ManualClock(long startNs) {
        this.nowNs = startNs;
    }

    public ManualClock() {
        this(TimeUnit.SECONDS.toNanos(1_000));
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    /** Moves time forward and returns the new time. */
    public long advance(long amount, TimeUnit unit) {
        nowNs += unit.toNanos(amount);
        return nowNs;
    }

    public long advanceMs(long millis) {
        return advance(millis, TimeUnit.MILLISECONDS);
    }
}

package io.palisade.common;

import java.util.concurrent.locks.LockSupport;

/**
 * Backs off when an agent has nothing to do: spin briefly, then yield, then park with growing sleeps. On a
 * two-core machine shared with traffic generators, a busy-spinning worker would steal the CPU its traffic needs.
 */
public final class IdleStrategy {
    private static final int SPINS = 50;
    private static final int YIELDS = 20;

    /** How an idle agent waits once spinning and yielding did not find work. */
    @FunctionalInterface
    public interface Parker {
        /** Waits about {@code ns} nanoseconds, or less when work may have arrived. */
        void park(long ns);
    }

    private final long minParkNs;
    private final long maxParkNs;
    private final Parker parker;
    private int idleCount;
    private long parkNs;

    public IdleStrategy(long minParkNs, long maxParkNs) {
        this(minParkNs, maxParkNs, LockSupport::parkNanos);
    }

    /**
     * A back-off that parks through {@code parker}: a data-plane worker blocks in {@code poll(2)} on its receive
     * rings, so it sleeps while idle but wakes as soon as a frame arrives.
     */
    public IdleStrategy(long minParkNs, long maxParkNs, Parker parker) {
        this.parker = java.util.Objects.requireNonNull(parker);
        if (minParkNs <= 0 || maxParkNs < minParkNs) {
            throw new IllegalArgumentException("park range must be positive and ordered");
        }
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.parkNs = minParkNs;
    }

    /** Default back-off: park from 50 microseconds up to 1 millisecond. */
    public static IdleStrategy standard() {
        return new IdleStrategy(50_000, 1_000_000);
    }

    /** Called after each duty cycle with the work it did. */
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
            return;
        }
        idleCount++;
        if (idleCount <= SPINS) {
            Thread.onSpinWait();
        } else if (idleCount <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            parker.park(parkNs);
            parkNs = Math.min(parkNs << 1, maxParkNs);
        }
    }

    public void reset() {
        idleCount = 0;
        parkNs = minParkNs;
    }
}

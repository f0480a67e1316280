package io.palisade.ha.ha1;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bounded queue between HA1 reader threads and the HA agent. Readers only decode and offer; the agent
 * drains in its duty cycle, so no HA state is ever touched from an I/O thread. One inbox usually serves both
 * the primary and the backup link; each message says which link it came over.
 */
public final class Ha1Inbox {
    /** Default capacity: many seconds of hellos and heartbeats even from a cluster. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final ArrayBlockingQueue<Ha1Received> queue;

    public Ha1Inbox(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    public Ha1Inbox() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Called by reader threads; false when full (the caller counts the drop). Public so that agent tests and
     * in-process harnesses can feed an inbox without sockets.
     */
    public boolean offer(Ha1Received received) {
        return queue.offer(received);
    }

    /** The oldest message, or null when there is none. Never blocks. */
    public Ha1Received poll() {
        return queue.poll();
    }

    /**
     * Waits up to {@code timeout} for a message. For tests and tools; the HA agent uses {@link #poll()} or a
     * drain so that its duty cycle never blocks.
     */
    public Ha1Received poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Hands up to {@code max} messages to {@code handler} in arrival order; returns how many. */
    public int drain(Consumer<? super Ha1Received> handler, int max) {
        int drained = 0;
        Ha1Received next;
        while (drained < max && (next = queue.poll()) != null) {
            handler.accept(next);
            drained++;
        }
        return drained;
    }

    /** Moves up to {@code max} messages into {@code into}; returns how many. */
    public int drainTo(Collection<? super Ha1Received> into, int max) {
        return queue.drainTo(into, max);
    }

    public int size() {
        return queue.size();
    }
}

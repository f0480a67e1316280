package io.palisade.common;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Agent} on its own platform thread until closed: read the clock, do work, back off when idle.
 * An exception from the agent is reported to the error handler and stops the agent; health monitoring notices.
 */
public final class AgentRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

    private final Agent agent;
    private final NanoClock clock;
    private final IdleStrategy idleStrategy;
    private final Consumer<Throwable> errorHandler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long lastCycleNs;
    private Thread thread;

    public AgentRunner(Agent agent, NanoClock clock, IdleStrategy idleStrategy, Consumer<Throwable> errorHandler) {
        this.agent = Objects.requireNonNull(agent);
        this.clock = Objects.requireNonNull(clock);
        this.idleStrategy = Objects.requireNonNull(idleStrategy);
        this.errorHandler = Objects.requireNonNull(errorHandler);
    }

    /** Starts the agent on a new thread named after its role. */
    public AgentRunner start() {
        // Until its first duty cycle the agent counts as having cycled at its start: read as 0, a worker whose
        // thread had not run yet looked stalled since the clock's origin, and a node that had just started went
        // non-functional ("Dataplane down: worker 0 made no progress for 8379083 ms", HaPreemptionTest).
        lastCycleNs = clock.nanoTime();
        thread = Thread.ofPlatform().name(agent.roleName()).daemon(true).start(this::run);
        return this;
    }

    /** Time of the most recent duty cycle; device-health monitoring compares it with now. */
    public long lastCycleNs() {
        return lastCycleNs;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void run() {
        try {
            while (running) {
                long nowNs = clock.nanoTime();
                lastCycleNs = nowNs;
                idleStrategy.idle(agent.doWork(nowNs));
            }
        } catch (Throwable t) {
            LOG.error("agent {} stopped by an error", agent.roleName(), t);
            running = false;
            errorHandler.accept(t);
        } finally {
            try {
                agent.close();
            } finally {
                stopped.countDown();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                if (!stopped.await(5, TimeUnit.SECONDS)) {
                    LOG.warn("agent {} did not stop within 5 s", agent.roleName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

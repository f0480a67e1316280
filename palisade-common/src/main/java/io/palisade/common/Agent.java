package io.palisade.common;

/**
 * A role that runs on one thread and owns its state (the Aeron agent model). The runner reads the clock once
 * per duty cycle and passes it in; the agent returns how much work it did so the runner can back off when idle.
 */
public interface Agent extends AutoCloseable {
    /**
     * Performs one duty cycle.
     *
     * @param nowNs the time of this cycle, read once by the runner
     * @return units of work done; zero lets the runner back off
     */
    int doWork(long nowNs) throws Exception;

    /** A short name used for the thread and in logs. */
    String roleName();

    /** Releases what the agent holds; called once on its own thread after the last duty cycle. */
    @Override
    default void close() {}
}

package io.palisade.dataplane.engine;

/**
 * Work another thread hands to a worker, run on the worker's thread during its duty cycle: installing
 * sessions received from the HA peer, building a session snapshot for the CLI, flushing sessions. This is how
 * other components touch session state without sharing it.
 */
@FunctionalInterface
public interface WorkerTask {
    void run(WorkerContext context, long nowNs);
}

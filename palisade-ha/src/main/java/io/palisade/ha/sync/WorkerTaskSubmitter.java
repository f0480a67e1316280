package io.palisade.ha.sync;

import io.palisade.dataplane.engine.WorkerTask;
import java.util.function.BiConsumer;

/**
 * How HA2 hands work to a data-plane worker: the engine runs the task on that worker's thread during its duty cycle,
 * with its session tables ({@link io.palisade.dataplane.engine.WorkerContext}). HA2 uses it to install the peer's
 * sessions, to start bulk table walks and to answer resend requests, so it never touches a table from another
 * thread.
 */
@FunctionalInterface
public interface WorkerTaskSubmitter {
    /**
     * Queues {@code task} for worker {@code worker}; safe from any thread.
     *
     * @return false when the worker refused it (queue full, stopping); HA2 counts that and resynchronises
     */
    boolean submit(int worker, WorkerTask task);

    /** Adapts an engine entry point that takes (worker index, task) and throws when it cannot queue. */
    static WorkerTaskSubmitter of(BiConsumer<Integer, WorkerTask> engine) {
        return (worker, task) -> {
            try {
                engine.accept(worker, task);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }
}

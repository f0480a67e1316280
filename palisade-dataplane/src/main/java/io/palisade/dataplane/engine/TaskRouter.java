package io.palisade.dataplane.engine;

/** Delivers a {@link WorkerTask} to worker {@code workerIndex}'s queue (one worker asking another for work). */
@FunctionalInterface
public interface TaskRouter {
    boolean submit(int workerIndex, WorkerTask task);
}

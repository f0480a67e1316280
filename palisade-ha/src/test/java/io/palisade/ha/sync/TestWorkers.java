package io.palisade.ha.sync;

import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.engine.WorkerTask;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.SessionLayout;
import io.palisade.dataplane.session.SessionTable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Plays the engine's workers for HA2 tests: one thread per worker owning real session tables, running submitted
 * {@link WorkerTask}s and calling the sink's {@code poll} every cycle, as the engine's duty cycle does.
 */
final class TestWorkers implements AutoCloseable, WorkerTaskSubmitter {
    private final Worker[] workers;
    private volatile SessionEventSink sink = SessionEventSink.NONE;

    TestWorkers(int count, int capacity) {
        workers = new Worker[count];
        long base = System.nanoTime();
        for (int w = 0; w < count; w++) {
            workers[w] = new Worker(w, count, capacity, base);
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
    }

    /** The sink the workers report to and poll (the publisher of this node). */
    void sink(SessionEventSink value) {
        sink = value;
    }

    int count() {
        return workers.length;
    }

    SessionTable table(int worker, int ipVersion) {
        return workers[worker].table(ipVersion);
    }

    long sessionsFromPeer(int worker) {
        return workers[worker].fromPeer.get();
    }

    @Override
    public boolean submit(int worker, WorkerTask task) {
        return workers[worker].tasks.offer(task);
    }

    /** Runs {@code body} on a worker's thread and waits for its result. */
    <T> T call(int worker, Function<WorkerContext, T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(worker, (context, nowNs) -> {
            try {
                result.complete(body.apply(context));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Runs {@code body} on a worker's thread and waits. */
    void run(int worker, java.util.function.Consumer<WorkerContext> body) {
        call(worker, context -> {
            body.accept(context);
            return null;
        });
    }

    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.running = false;
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.v4.close();
            worker.v6.close();
        }
    }

    private final class Worker implements WorkerContext {
        final int index;
        final int count;
        final long timeBaseNs;
        final SessionTable v4;
        final SessionTable v6;
        final LinkedBlockingQueue<WorkerTask> tasks = new LinkedBlockingQueue<>();
        final AtomicLong fromPeer = new AtomicLong();
        final Thread thread;
        volatile boolean running = true;

        Worker(int index, int count, int capacity, long timeBaseNs) {
            this.index = index;
            this.count = count;
            this.timeBaseNs = timeBaseNs;
            this.v4 = new SessionTable(SessionLayout.IPV4, capacity);
            this.v6 = new SessionTable(SessionLayout.IPV6, Math.max(16, capacity / 16));
            this.thread =
                    Thread.ofPlatform().daemon().name("test-worker-" + index).unstarted(this::loop);
        }

        private void loop() {
            while (running) {
                try {
                    WorkerTask task = tasks.poll(1, TimeUnit.MILLISECONDS);
                    while (task != null) {
                        task.run(this, System.nanoTime());
                        task = tasks.poll();
                    }
                    sink.poll(index, System.nanoTime());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
        }

        @Override
        public int workerIndex() {
            return index;
        }

        @Override
        public int workerCount() {
            return count;
        }

        @Override
        public SessionTable table(int ipVersion) {
            return ipVersion == 6 ? v6 : v4;
        }

        @Override
        public long tableTimeBaseNs() {
            return timeBaseNs;
        }

        @Override
        public long tableTimeBaseEpochMs() {
            return 0;
        }

        @Override
        public long configEpoch() {
            return 1;
        }

        @Override
        public void closeSession(SessionTable table, int record, EndReason reason, long nowNs) {
            sink.onDelete(index, table, record, nowNs);
            table.setEndReason(record, reason);
            table.remove(record);
        }

        @Override
        public void countSessionFromPeer() {
            fromPeer.incrementAndGet();
        }
    }
}

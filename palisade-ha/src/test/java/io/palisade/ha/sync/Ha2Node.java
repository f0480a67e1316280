package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.fail;

import io.palisade.common.NanoClock;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.SessionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/** One HA2 node for in-process tests: real session tables on test workers, real links, a real {@link Ha2Sync}. */
final class Ha2Node implements AutoCloseable {
    static final InetAddress A = InetAddress.ofLiteral("127.0.0.1");
    static final InetAddress B = InetAddress.ofLiteral("127.0.0.2");
    static final InetAddress A_BACKUP = InetAddress.ofLiteral("127.0.0.3");
    static final InetAddress B_BACKUP = InetAddress.ofLiteral("127.0.0.4");
    /** Bound of every wait: far above what loopback needs, so only a real failure reaches it. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Short timers so that tests run quickly; nothing asserts on speed. */
    static final Ha2Options FAST = Ha2Options.DEFAULTS
            .withTimers(5, 20, 5, 3000, 12)
            .withKeepAlive(50, 400, true, io.palisade.config.model.Ha2KeepAliveAction.LOG_ONLY)
            // Off so that message counts are exact; the refresh walk has its own test.
            .withRefresh(0);

    final String name;
    final TestWorkers workers;
    final Ha2Sync sync;
    final ConcurrentLinkedQueue<Ha2Event> events;

    private Ha2Node(String name, TestWorkers workers, Ha2Sync sync, ConcurrentLinkedQueue<Ha2Event> events) {
        this.name = name;
        this.workers = workers;
        this.sync = sync;
        this.events = events;
    }

    static Ha2Node start(String name, Ha2Options options, Ha2Auth auth, List<Ha2Link> links, int workerCount) {
        TestWorkers workers = new TestWorkers(workerCount, 64 * 1024);
        ConcurrentLinkedQueue<Ha2Event> events = new ConcurrentLinkedQueue<>();
        Ha2Sync sync = Ha2Sync.start(options, auth, links, workerCount, workers, events::add, NanoClock.SYSTEM);
        workers.sink(sync.sink());
        sync.setLocalState(io.palisade.ha.ha1.HaWireState.ACTIVE);
        return new Ha2Node(name, workers, sync, events);
    }

    static UdpHa2Link udp(String name, InetSocketAddress local, InetSocketAddress peer) {
        try {
            return UdpHa2Link.open(name, local, peer, Ha2Options.DEFAULT_MTU);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int owner(int i) {
        return TestSessions.owner(i, workers.count());
    }

    void insert(int from, int to) {
        for (int i = from; i < to; i++) {
            int id = i;
            workers.submit(owner(id), (context, nowNs) -> TestSessions.insert(context, sync.sink(), id, nowNs));
        }
    }

    void delete(int i) {
        workers.run(owner(i), context -> {
            SessionTable table = context.table(4);
            int rec = TestSessions.find(table, i);
            if (rec >= 0) {
                context.closeSession(table, rec, EndReason.AGED_OUT, System.nanoTime());
            }
        });
    }

    /** Whether session {@code i} is in the table of the worker that owns it. */
    boolean has(int i) {
        return workers.call(owner(i), context -> TestSessions.find(context.table(4), i) >= 0);
    }

    long sessions() {
        long total = 0;
        for (int w = 0; w < workers.count(); w++) {
            int worker = w;
            total += workers.call(worker, context -> (long) context.table(4).size());
        }
        return total;
    }

    long counter(Ha2Counter kind) {
        return sync.counters().getOrDefault(kind.counterName(), 0L);
    }

    <E extends Ha2Event> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + PATIENCE + " waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    private boolean closed;

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sync.close();
        workers.close();
    }
}

package io.palisade.ha.sync;

import io.palisade.common.FreePorts;
import io.palisade.common.NanoClock;
import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.engine.WorkerTask;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.SessionLayout;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.TcpState;
import io.palisade.ha.ha1.HaWireState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./palisade bench sync}: replicates session updates from one publisher worker to one receiving worker over
 * loopback UDP in one process, through the whole HA2 path (encoding on the worker, HMAC, the link, the receiver's
 * checks and in-order delivery, the worker task that applies each update to a real session table), and reports
 * updates per second confirmed applied on the receiving side and HA2 bytes per session on the wire.
 *
 * <p>What is measured: {@code sessions} IPv4 TCP sessions (a third source-NATed) are created on the sender and bulk
 * synced first, then one untimed warm-up round updates each once. Then the sender's worker changes one session at a
 * time, round-robin, and reports each change ({@code onUpdate}); every change is to a different session than the
 * last {@code sessions - 1}, so nothing coalesces and every update is one message. The clock runs from the first
 * update until the receiver's worker has applied as many messages as updates were made (or, after a loss, until the
 * repair bulk sync completed and nothing moved for half a second; or 30 s passed). Replicated updates are the
 * messages applied less those a repair bulk sync resent; at the end every session's copy on the receiver is checked
 * against the sender's final state. No pacing and no tuning: if the receiver falls behind, the kernel drops
 * datagrams, and the gap requests, resends, losses and repairs show in the result.
 */
public final class SyncBenchmark {
    private static final InetAddress SENDER = InetAddress.getLoopbackAddress();
    private static final InetAddress RECEIVER = loopback2();
    private static final long GIVE_UP_NS = 30_000_000_000L;
    private static final int BATCH = 256;
    private static final long QUIET_NS = 500_000_000L;

    private SyncBenchmark() {}

    /**
     * The result, with what is needed to read it honestly.
     *
     * @param name {@code sync}
     * @param value session updates per second confirmed applied on the receiver
     * @param unit {@code updates/s}
     * @param updates updates made on the sender
     * @param applied updates confirmed applied by the receiving worker
     * @param sessions distinct sessions updated round-robin
     * @param durationMs first update to last confirmed apply
     * @param senderMs time the sending worker spent making and encoding the updates
     * @param frames HA2 frames sent while measuring
     * @param wireBytes HA2 frame bytes sent while measuring (headers and HMAC included, no IP/UDP)
     * @param bytesPerSession {@code wireBytes / updates}
     * @param bytesPerSessionWithIpUdp the same with the 28 bytes of IPv4 and UDP header per frame
     * @param gapRequests resend requests the receiver sent
     * @param retransmitted frames the sender sent again
     * @param framesLost frames given up for good
     * @param repairs session messages a bulk sync resent after a loss (not counted as replicated updates)
     * @param mismatched sessions whose receiver copy did not end in the sender's final state (0: converged)
     * @param threads threads doing the work (sender worker, two HA2 agent threads, receiving worker)
     * @param cores processors the JVM sees
     * @param authentication frame authentication in use
     */
    public record Result(
            String name,
            double value,
            String unit,
            long updates,
            long applied,
            int sessions,
            long durationMs,
            long senderMs,
            long frames,
            long wireBytes,
            double bytesPerSession,
            double bytesPerSessionWithIpUdp,
            long gapRequests,
            long retransmitted,
            long framesLost,
            long repairs,
            long mismatched,
            int threads,
            int cores,
            String authentication) {

        /** Human-readable lines. */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "sync: %,.0f session updates/s replicated (%,d of %,d updates confirmed applied in %,d ms;"
                            + " sender worker busy %,d ms)%n"
                            + "      %.1f HA2 bytes per session on the wire (%.1f with IPv4+UDP headers), %,d frames,"
                            + " %,d sessions round-robin%n"
                            + "      gap requests %,d, frames resent %,d, frames lost %,d, bulk repairs %,d,"
                            + " sessions not converged %,d; %d threads on %d cores; authentication %s",
                    value,
                    applied,
                    updates,
                    durationMs,
                    senderMs,
                    bytesPerSession,
                    bytesPerSessionWithIpUdp,
                    frames,
                    sessions,
                    gapRequests,
                    retransmitted,
                    framesLost,
                    repairs,
                    mismatched,
                    threads,
                    cores,
                    authentication);
        }
    }

    /** Runs with 1,000,000 updates over 100,000 sessions. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        System.out.println(run(updates, sessions).summary());
    }

    /**
     * Replicates {@code updates} session updates over {@code sessions} sessions.
     *
     * @throws IOException when the loopback sockets cannot be bound
     */
    public static Result run(int updates, int sessions) throws IOException, InterruptedException {
        if (sessions < 1 || sessions > 1 << 20 || updates < 1) {
            throw new IllegalArgumentException("1..1048576 sessions and at least one update");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // The refresh walk is off: it sends sessions again on its own schedule and would blur what is counted.
        Ha2Options options = Ha2Options.DEFAULTS
                .withKeepAlive(1000, 10_000, false, Ha2Options.DEFAULTS.keepAliveAction())
                .withRefresh(0);
        InetSocketAddress senderAddress = new InetSocketAddress(SENDER, FreePorts.udp(SENDER));
        InetSocketAddress receiverAddress = new InetSocketAddress(RECEIVER, FreePorts.udp(RECEIVER));
        Worker receiverWorker = new Worker(sessions);
        Worker senderWorker = new Worker(sessions);
        Ha2Sync receiver = Ha2Sync.start(
                options,
                Ha2Auth.sharedKey(key, 2, 1),
                List.of(UdpHa2Link.open(Ha2Link.PRIMARY, receiverAddress, senderAddress, Ha2Options.DEFAULT_MTU)),
                1,
                receiverWorker,
                Ha2EventListener.NONE,
                NanoClock.SYSTEM);
        Ha2Sync sender = Ha2Sync.start(
                options,
                Ha2Auth.sharedKey(key, 1, 2),
                List.of(UdpHa2Link.open(Ha2Link.PRIMARY, senderAddress, receiverAddress, Ha2Options.DEFAULT_MTU)),
                1,
                senderWorker,
                Ha2EventListener.NONE,
                NanoClock.SYSTEM);
        receiverWorker.sink = receiver.sink();
        senderWorker.sink = sender.sink();
        sender.setLocalState(HaWireState.ACTIVE);
        sender.setAuthoritative(true);
        Thread receiving = Thread.ofPlatform().name("bench-receiving-worker").start(receiverWorker::loop);
        try {
            senderWorker.runTasks();
            int[] records = createSessions(senderWorker, sessions);
            awaitBulk(sender, receiver, senderWorker);
            return measure(sender, receiver, senderWorker, receiverWorker, records, updates);
        } finally {
            receiverWorker.running = false;
            receiving.join();
            sender.close();
            receiver.close();
            senderWorker.close();
            receiverWorker.close();
        }
    }

    private static int[] createSessions(Worker worker, int sessions) {
        int[] records = new int[sessions];
        long nowNs = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            records[i] = BenchSessions.install(worker, i, nowNs);
            worker.sink.onInsert(0, worker.v4, records[i], nowNs);
        }
        return records;
    }

    /** The receiver asks for a bulk on first contact; the sender's worker walks its table while we poll it. */
    private static void awaitBulk(Ha2Sync sender, Ha2Sync receiver, Worker senderWorker) {
        long deadline = System.nanoTime() + GIVE_UP_NS;
        while (!receiver.bulkSyncComplete()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bulk sync before the measurement did not complete: "
                        + receiver.status().bulkSync());
            }
            senderWorker.runTasks();
            sender.sink().poll(0, System.nanoTime());
            LockSupport.parkNanos(20_000);
        }
    }

    private static Result measure(
            Ha2Sync sender, Ha2Sync receiver, Worker worker, Worker receiving, int[] records, int updates) {
        // Warm-up, not timed: one round over every session, so the JIT has compiled the path being measured.
        Counts warm = Counts.of(sender, receiver);
        updateRoundRobin(sender.sink(), worker, records, records.length, 1);
        drain(sender, receiver, worker, warm, records.length, System.nanoTime() + GIVE_UP_NS);

        Counts before = Counts.of(sender, receiver);
        long startNs = System.nanoTime();
        updateRoundRobin(sender.sink(), worker, records, updates, 0);
        long sentNs = System.nanoTime();
        drain(sender, receiver, worker, before, updates, sentNs + GIVE_UP_NS);
        long endNs = System.nanoTime();
        Counts after = Counts.of(sender, receiver);

        // Messages applied that a bulk sync (after a loss) resent are repairs, not replicated updates.
        long repairs = after.bulkSent - before.bulkSent;
        long replicated = Math.max(0, Math.min(updates, after.applied - before.applied - repairs));
        long frames = after.frames - before.frames;
        long bytes = after.bytes - before.bytes;
        long durationNs = Math.max(1, endNs - startNs);
        Ha2SyncStatus status = receiver.status();
        return new Result(
                "sync",
                replicated * 1e9 / durationNs,
                "updates/s",
                updates,
                replicated,
                records.length,
                durationNs / 1_000_000L,
                (sentNs - startNs) / 1_000_000L,
                frames,
                bytes,
                (double) bytes / updates,
                (double) (bytes + frames * UdpHa2Link.IPV4_OVERHEAD) / updates,
                status.retransmitRequests(),
                sender.status().retransmittedForPeer(),
                status.framesLost(),
                repairs,
                mismatched(receiving, worker, records),
                4,
                Runtime.getRuntime().availableProcessors(),
                status.authentication());
    }

    /** Changes {@code count} sessions round-robin, reporting each change; polls the sink as a duty cycle would. */
    private static void updateRoundRobin(SessionEventSink sink, Worker worker, int[] records, int count, int round0) {
        SessionTable table = worker.v4;
        long nowNs = System.nanoTime();
        for (int u = 0; u < count; u++) {
            int rec = records[u % records.length];
            int round = round0 + u / records.length;
            table.setLastSeenMs(rec, (int) ((nowNs - worker.timeBaseNs) / 1_000_000L));
            table.setTcpState(rec, (round & 1) == 0 ? TcpState.HALF_CLOSED : TcpState.ESTABLISHED);
            sink.onUpdate(0, table, rec, nowNs);
            if ((u & (BATCH - 1)) == BATCH - 1) {
                nowNs = System.nanoTime();
                sink.poll(0, nowNs);
                worker.runTasks();
            }
        }
    }

    /**
     * Keeps the sending worker's duty cycle going until the receiver applied {@code updates} messages more than in
     * {@code base} (plus whatever repair bulk syncs added meanwhile), or a loss was repaired by a
     * completed bulk sync and nothing moved for a while, or the deadline passed.
     */
    private static void drain(
            Ha2Sync sender, Ha2Sync receiver, Worker worker, Counts base, long updates, long deadlineNs) {
        SessionSyncPublisher publisher = sender.publisher();
        long lastApplied = -1;
        long quietSinceNs = System.nanoTime();
        while (true) {
            long extra = publisher.counter(Ha2Counter.BULK_SESSIONS_SENT) - base.bulkSent;
            long applied = receiver.receiver().applied();
            if (applied >= base.applied + updates + extra) {
                return;
            }
            long nowNs = System.nanoTime();
            if (nowNs > deadlineNs) {
                return;
            }
            sender.sink().poll(0, nowNs);
            worker.runTasks();
            if (applied != lastApplied) {
                lastApplied = applied;
                quietSinceNs = nowNs;
            } else if (receiver.status().framesLost() > 0
                    && receiver.bulkSyncComplete()
                    && nowNs - quietSinceNs > QUIET_NS) {
                return;
            }
            LockSupport.parkNanos(20_000);
        }
    }

    /** Sessions whose copy on the receiver does not have the sender's final TCP state (0 when all converged). */
    private static long mismatched(Worker receiving, Worker sender, int[] records) {
        TcpState[] expected = new TcpState[records.length];
        long[] keys = new long[records.length];
        for (int i = 0; i < records.length; i++) {
            expected[i] = sender.v4.tcpState(records[i]);
            keys[i] = sender.v4.addressLo(records[i], SessionTable.C2S, true);
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        receiving.submit(0, (context, nowNs) -> {
            SessionTable table = context.table(4);
            long bad = 0;
            for (int i = 0; i < records.length; i++) {
                int handle = table.lookup(0, keys[i], 0, BenchSessions.SERVER, 1024 + i % 60_000, 443, 6, 1);
                if (handle < 0 || table.tcpState(handle >>> 1) != expected[i]) {
                    bad++;
                }
            }
            result.complete(bad);
        });
        return result.join();
    }

    /** Sender-side and receiver-side figures at one moment. */
    private record Counts(long applied, long bulkSent, long frames, long bytes) {
        static Counts of(Ha2Sync sender, Ha2Sync receiver) {
            java.util.Map<String, Long> counters = sender.counters();
            return new Counts(
                    receiver.receiver().applied(),
                    counters.getOrDefault(Ha2Counter.BULK_SESSIONS_SENT.counterName(), 0L),
                    counters.getOrDefault(Ha2Counter.FRAME_SENT.counterName(), 0L),
                    counters.getOrDefault(Ha2Counter.FRAME_BYTES_SENT.counterName(), 0L));
        }
    }

    private static InetAddress loopback2() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A worker for the benchmark: its tables, its task queue, and (receiving side) a duty-cycle loop. */
    private static final class Worker implements WorkerContext, WorkerTaskSubmitter {
        final SessionTable v4;
        final SessionTable v6 = new SessionTable(SessionLayout.IPV6, 16);
        final long timeBaseNs = System.nanoTime();
        final ConcurrentLinkedQueue<WorkerTask> tasks = new ConcurrentLinkedQueue<>();
        volatile SessionEventSink sink = SessionEventSink.NONE;
        volatile boolean running = true;

        Worker(int sessions) {
            v4 = new SessionTable(SessionLayout.IPV4, sessions + 16);
        }

        @Override
        public boolean submit(int worker, WorkerTask task) {
            return tasks.add(task);
        }

        void runTasks() {
            WorkerTask task;
            while ((task = tasks.poll()) != null) {
                task.run(this, System.nanoTime());
            }
        }

        /** The receiving worker's duty cycle; idle, it parks briefly rather than spin (two cores are shared). */
        void loop() {
            while (running) {
                boolean idle = tasks.isEmpty();
                runTasks();
                sink.poll(0, System.nanoTime());
                if (idle) {
                    LockSupport.parkNanos(20_000);
                }
            }
        }

        @Override
        public int workerIndex() {
            return 0;
        }

        @Override
        public int workerCount() {
            return 1;
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
            sink.onDelete(0, table, record, nowNs);
            table.remove(record);
        }

        @Override
        public void countSessionFromPeer() {}

        void close() {
            v4.close();
            v6.close();
        }
    }

    /** Benchmark sessions: TCP from 10.x.y.z to one server, every third one source-NATed. */
    private static final class BenchSessions {
        static final long SERVER = 0xC613_0001L;

        static int install(Worker worker, int i, long nowNs) {
            SessionTable table = worker.v4;
            int rec = table.allocate();
            long client = 0x0A00_0000L | i;
            table.setKey(rec, SessionTable.C2S, 0, client, 0, SERVER, 1024 + i % 60_000, 443, 6, 1);
            if (i % 3 == 0) {
                long natAddress = 0xC614_0000L | (i / 60_000);
                table.setKey(rec, SessionTable.S2C, 0, SERVER, 0, natAddress, 443, 1024 + i % 60_000, 6, 2);
                table.setNatRule(rec, 1);
            } else {
                table.setKey(rec, SessionTable.S2C, 0, SERVER, 0, client, 443, 1024 + i % 60_000, 6, 2);
            }
            table.setTcpState(rec, TcpState.ESTABLISHED);
            table.setRule(rec, 3);
            table.setApp(rec, 109);
            table.setInterfaces(rec, 1, 2);
            table.setEpoch(rec, 1);
            long nowMs = (nowNs - worker.timeBaseNs) / 1_000_000L;
            table.setStartSeconds(rec, (int) (nowMs / 1000));
            table.setLastSeenMs(rec, (int) nowMs);
            table.setNextSeq(rec, SessionTable.C2S, 0x1000_0000 + i);
            table.setNextSeq(rec, SessionTable.S2C, 0x2000_0000 + i);
            if (!table.publish(rec, SessionState.ACTIVE)) {
                throw new IllegalStateException("benchmark session " + i + " collides");
            }
            return rec;
        }
    }
}

package io.palisade.dataplane.engine;

import io.palisade.common.ManualClock;
import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.policy.CompiledPolicy;
import io.palisade.dataplane.session.SessionTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives real session engines in memory: a configuration from YAML, one or more workers, frames in, verdicts
 * and frames out. Workers' handoffs are delivered synchronously to the owning engine, tasks run at once, and
 * generated frames are collected, so tests see exactly what the node would send.
 */
final class EngineHarness implements AutoCloseable {
    /** A frame that left an interface. */
    record Sent(String interfaceName, byte[] frame) {}

    /** What happened to one injected frame. */
    record Result(int verdict, String egress, byte[] frame, int worker) {
        boolean forwarded() {
            return verdict == SessionEngine.FORWARD;
        }
    }

    final ManualClock clock = new ManualClock();
    final List<Sent> emitted = new ArrayList<>();
    final List<TrafficLogRecord> logs = new ArrayList<>();
    final RecordingSink sink = new RecordingSink();
    final ForwardingSwitch forwardingSwitch = new ForwardingSwitch(ForwardingMode.FORWARD);
    final NeighborTable neighbors = new NeighborTable();
    final List<SessionEngine> engines = new ArrayList<>();
    final RuntimeConfig rc;
    private long epoch = 1;

    EngineHarness(String yaml, int workers) {
        PalisadeConfig config = ConfigLoader.parse(yaml, "harness").orThrow();
        rc = runtime(config, workers);
        FragmentTable fragments = new FragmentTable();
        for (int w = 0; w < workers; w++) {
            int index = w;
            SessionEngine.Wiring wiring = new SessionEngine.Wiring(
                    w,
                    workers,
                    4096,
                    forwardingSwitch,
                    neighbors,
                    sink,
                    logs::add,
                    (id, frame, len) -> emitted.add(
                            new Sent(rc.interfaceName(id), frame.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE))),
                    this::runTask,
                    clock.nanoTime(),
                    1_700_000_000_000L);
            engines.add(new SessionEngine(wiring, rc, fragments));
            engines.get(index).beginBatch(clock.nanoTime());
        }
    }

    private RuntimeConfig runtime(PalisadeConfig config, int workers) {
        CompiledPolicy policy = CompiledPolicy.compile(config);
        long[] macs = new long[policy.interfaces().interfaceCount()];
        for (int i = 0; i < macs.length; i++) {
            macs[i] = 0x0250_4c00_0000L | i;
        }
        return new RuntimeConfig(epoch, config, policy, macs, workers, false);
    }

    /** Commits a new configuration to every engine. */
    void commit(String yaml) {
        epoch++;
        RuntimeConfig next = runtime(ConfigLoader.parse(yaml, "harness").orThrow(), engines.size());
        for (SessionEngine e : engines) {
            e.publish(next);
            e.beginBatch(clock.nanoTime());
        }
    }

    private boolean runTask(int worker, WorkerTask task) {
        task.run(engines.get(worker), clock.nanoTime());
        return true;
    }

    /** Injects a frame on an interface at the worker the kernel would have picked (worker 0), following handoffs. */
    Result send(String interfaceName, byte[] frame) {
        return sendAt(0, interfaceName, frame);
    }

    Result sendAt(int worker, String interfaceName, byte[] frame) {
        int ingress = rc.policy().interfaceId(interfaceName);
        MemorySegment buf = MemorySegment.ofArray(frame.clone());
        SessionEngine e = engines.get(worker);
        e.beginBatch(clock.nanoTime());
        int verdict = e.process(buf, frame.length, 0, ingress, LinkType.ETHERNET, false, clock.nanoTime());
        int hops = 0;
        while (verdict == SessionEngine.HANDOFF && hops++ < 3) {
            worker = e.handoffWorker();
            e = engines.get(worker);
            e.beginBatch(clock.nanoTime());
            verdict = e.process(buf, frame.length, 0, ingress, LinkType.ETHERNET, true, clock.nanoTime());
        }
        String egress = verdict == SessionEngine.FORWARD ? rc.interfaceName(e.egressInterface()) : null;
        return new Result(verdict, egress, buf.toArray(ValueLayout.JAVA_BYTE), worker);
    }

    void advance(long amount, TimeUnit unit) {
        clock.advance(amount, unit);
    }

    /** Runs the ager until it has visited every record once. */
    void ageAll() {
        for (SessionEngine e : engines) {
            e.beginBatch(clock.nanoTime());
            for (int i = 0; i < 4096 / 64 + 2; i++) {
                e.age(clock.nanoTime());
            }
        }
    }

    long counter(FlowCounter c) {
        return engines.stream().mapToLong(e -> e.counters().get(c)).sum();
    }

    int sessions() {
        return engines.stream().mapToInt(e -> e.v4.size() + e.v6.size()).sum();
    }

    @Override
    public void close() {
        engines.forEach(SessionEngine::close);
    }

    /** Records session events the way HA sync would see them. */
    static final class RecordingSink implements SessionEventSink {
        int inserts;
        int updates;
        int deletes;

        @Override
        public void onInsert(int worker, SessionTable table, int record, long nowNs) {
            inserts++;
        }

        @Override
        public void onUpdate(int worker, SessionTable table, int record, long nowNs) {
            updates++;
        }

        @Override
        public void onDelete(int worker, SessionTable table, int record, long nowNs) {
            deletes++;
        }
    }
}

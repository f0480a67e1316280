package io.palisade.dataplane.engine;

import io.palisade.common.Agent;
import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.packet.PacketRewriter;
import io.palisade.dataplane.port.FrameBatch;
import io.palisade.dataplane.port.Port;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.PollSet;
import io.palisade.linux.sys.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One data-plane worker: the agent that owns a {@link SessionEngine}. Duty cycle: take the newest epoch and
 * forwarding mode, receive a batch from each port queue it owns, run the stages, transmit, drain packets other
 * workers handed over, run tasks other threads submitted, age a slice of sessions, let HA sync flush.
 */
public final class Worker implements Agent, Emitter {
    private static final int HANDOFF_BUDGET = 256;
    private static final int TASK_BUDGET = 64;

    /** ARP entries not refreshed for this long are forgotten (PAN-OS ARP cache timeout default: 1800 s). */
    static final long NEIGHBOR_TIMEOUT_NS = 1800L * 1_000_000_000L;

    private static final long NEIGHBOR_EXPIRY_INTERVAL_NS = 1_000_000_000L;

    private final int index;
    private long nextNeighborExpiryNs;
    private final SessionEngine engine;
    private final Port[] ports;
    private final FrameBatch batch;
    private final HandoffRing[] outbound;
    private final HandoffRing[] inbound;
    private final ConcurrentLinkedQueue<WorkerTask> tasks = new ConcurrentLinkedQueue<>();
    private final boolean[] touched;
    /** Keeps the prefetch loads from being optimised away. */
    private long prefetchSink;

    private PollSet pollSet;
    private Port[] pollPorts;

    /**
     * @param wiring the engine's wiring; this worker is its emitter
     * @param initial the configuration epoch to start with
     * @param fragments the node's shared fragment table
     * @param ports ports by interface id (null where an interface has none)
     * @param outbound ring to each worker (null for this one)
     * @param inbound ring from each worker (null for this one)
     */
    public Worker(
            SessionEngine.Wiring wiring,
            RuntimeConfig initial,
            FragmentTable fragments,
            Port[] ports,
            FrameBatch batch,
            HandoffRing[] outbound,
            HandoffRing[] inbound) {
        this.index = wiring.worker();
        this.engine = new SessionEngine(wiring.withEmitter(this), initial, fragments);
        this.ports = ports;
        this.batch = batch;
        this.outbound = outbound;
        this.inbound = inbound;
        this.touched = new boolean[ports.length];
    }

    public SessionEngine engine() {
        return engine;
    }

    /** Any thread: queues a task to run on this worker's thread. */
    public boolean submit(WorkerTask task) {
        return tasks.offer(task);
    }

    @Override
    public String roleName() {
        return "palisade-worker-" + index;
    }

    @Override
    public int doWork(long nowNs) {
        engine.beginBatch(nowNs);
        int work = 0;
        for (int id = 0; id < ports.length; id++) {
            Port p = ports[id];
            if (p != null && ownsQueue(p)) {
                work += receive(p, id, nowNs);
            }
        }
        work += drainHandoffs(nowNs);
        flushTouched();
        work += runTasks(nowNs);
        work += engine.age(nowNs);
        if (index == 0 && nowNs - nextNeighborExpiryNs >= 0) {
            nextNeighborExpiryNs = nowNs + NEIGHBOR_EXPIRY_INTERVAL_NS;
            work += engine.neighbors.expire(nowNs - NEIGHBOR_TIMEOUT_NS);
        }
        work += engine.sink.poll(index, nowNs);
        return work;
    }

    private boolean ownsQueue(Port p) {
        return index < p.queues();
    }

    private int receive(Port p, int ingress, long nowNs) {
        batch.clear();
        int n = p.receive(index, batch);
        // Warm every frame's session first so the cache misses of the batch overlap.
        prefetchSink = engine.prefetch(batch.slots(), batch.lengths(), 0, n, ingress);
        for (int i = 0; i < n; i++) {
            MemorySegment frame = batch.slot(i);
            int length = batch.length(i);
            int flags = batch.flags(i);
            int verdict = engine.process(frame, length, flags, ingress, LinkType.ETHERNET, false, nowNs);
            dispatch(verdict, frame, length, flags, ingress);
        }
        return n;
    }

    private int drainHandoffs(long nowNs) {
        int done = 0;
        for (HandoffRing ring : inbound) {
            if (ring == null) {
                continue;
            }
            for (int k = ring.peek(); k >= 0 && done < HANDOFF_BUDGET; k = ring.peek()) {
                MemorySegment frame = ring.slot(k);
                int verdict = engine.process(
                        frame, ring.length(k), ring.flags(k), ring.ingressInterface(k), LinkType.ETHERNET, true, nowNs);
                dispatch(verdict, frame, ring.length(k), ring.flags(k), ring.ingressInterface(k));
                ring.release();
                done++;
            }
        }
        return done;
    }

    private void dispatch(int verdict, MemorySegment frame, int length, int flags, int ingress) {
        if (verdict == SessionEngine.FORWARD) {
            if ((flags & FrameBatch.CHECKSUM_PARTIAL) != 0) {
                PacketRewriter.completeL4Checksum(frame, engine.meta());
            }
            transmit(engine.egressInterface(), frame, length);
        } else if (verdict == SessionEngine.HANDOFF) {
            HandoffRing ring = outbound[engine.handoffWorker()];
            if (ring == null || !ring.offer(frame, length, ingress, flags)) {
                engine.counters().increment(FlowCounter.FLOW_HANDOFF_FULL);
            }
        }
    }

    private void transmit(int egress, MemorySegment frame, int length) {
        Port out = egress >= 0 && egress < ports.length ? ports[egress] : null;
        if (out == null) {
            engine.counters().increment(FlowCounter.NO_EGRESS);
            return;
        }
        if (out.send(sendQueue(out), frame, length)) {
            engine.counters().increment(FlowCounter.PKT_SENT);
            touched[egress] = true;
        } else {
            engine.counters().increment(FlowCounter.PKT_TX_FAILED);
        }
    }

    private int sendQueue(Port p) {
        return Math.min(index, p.queues() - 1);
    }

    private void flushTouched() {
        for (int id = 0; id < touched.length; id++) {
            if (touched[id]) {
                touched[id] = false;
                ports[id].flush(sendQueue(ports[id]));
            }
        }
    }

    private int runTasks(long nowNs) {
        int done = 0;
        WorkerTask t;
        while (done < TASK_BUDGET && (t = tasks.poll()) != null) {
            t.run(engine, nowNs);
            done++;
        }
        return done;
    }

    /** Sends a frame the engine generated; flushed with this cycle's batch. */
    @Override
    public boolean emit(int interfaceId, MemorySegment frame, int length) {
        Port out = interfaceId >= 0 && interfaceId < ports.length ? ports[interfaceId] : null;
        if (out == null || !out.send(sendQueue(out), frame, length)) {
            return false;
        }
        touched[interfaceId] = true;
        return true;
    }

    /**
     * Idle wait (the runner's parker): short waits park; longer ones block in {@code poll(2)} on the receive queues
     * this worker owns, for at most a millisecond (handed-over packets and tasks are checked at least that often),
     * and return as soon as a frame arrives.
     */
    public void park(long ns) {
        if (ns < 1_000_000L || !pollable()) {
            LockSupport.parkNanos(ns);
            return;
        }
        try {
            if (pollSet.await(1) > 0) {
                for (int i = 0; i < pollPorts.length; i++) {
                    if ((pollSet.revents(i) & SocketConstants.POLLERR) != 0) {
                        pollPorts[i].clearReceiveError(index);
                    }
                }
            }
        } catch (LinuxIoException e) {
            LockSupport.parkNanos(ns);
        }
    }

    private boolean pollable() {
        if (pollSet == null) {
            List<Port> owned = new ArrayList<>();
            for (Port p : ports) {
                if (p != null && ownsQueue(p) && p.receiveDescriptor(index) >= 0) {
                    owned.add(p);
                }
            }
            pollPorts = owned.toArray(Port[]::new);
            int[] fds = new int[pollPorts.length];
            for (int i = 0; i < fds.length; i++) {
                fds[i] = pollPorts[i].receiveDescriptor(index);
            }
            pollSet = new PollSet(Arena.ofAuto(), fds, SocketConstants.POLLIN | SocketConstants.POLLERR);
        }
        return pollSet.size() > 0;
    }

    @Override
    public void close() {
        engine.close();
    }
}

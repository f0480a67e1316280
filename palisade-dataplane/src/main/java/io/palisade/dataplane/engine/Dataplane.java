package io.palisade.dataplane.engine;

import io.palisade.common.AgentRunner;
import io.palisade.common.IdleStrategy;
import io.palisade.common.NanoClock;
import io.palisade.config.ConfigException;
import io.palisade.config.model.InterfaceConfig;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.store.ConfigListener;
import io.palisade.config.store.RunningConfig;
import io.palisade.config.validate.Problem;
import io.palisade.dataplane.policy.CompiledPolicy;
import io.palisade.dataplane.port.FrameBatch;
import io.palisade.dataplane.port.Port;
import io.palisade.dataplane.port.PortFactory;
import io.palisade.dataplane.session.SessionTable;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane of a node: ports, workers and their engines. It is a {@link ConfigListener}: each commit is
 * compiled into a {@link RuntimeConfig} (policy, routes, NAT, zone protection) before the commit point and
 * published to the workers after it. Others reach session state only through {@link WorkerTask}s.
 */
public final class Dataplane implements ConfigListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dataplane.class);
    private static final int BATCH = 64;
    private static final int HANDOFF_SLOTS = 4096;

    /** Settings of a data plane. */
    public record Options(
            int workers,
            int sessionCapacity,
            int slotSize,
            NanoClock clock,
            LongSupplier epochMillis,
            SessionEventSink sink,
            TrafficLogSink trafficLog) {}

    private final Options options;
    private final PortFactory portFactory;
    private final ForwardingSwitch forwardingSwitch;
    private final NeighborTable neighbors = new NeighborTable();
    private final FragmentTable fragments = new FragmentTable();
    private final Arena arena = Arena.ofShared();
    private final List<Worker> workers = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private Port[] ports = new Port[0];
    private List<InterfaceConfig> portConfigs = List.of();
    private volatile RuntimeConfig current;

    public Dataplane(Options options, PortFactory portFactory, ForwardingMode initialMode) {
        this.options = options;
        this.portFactory = portFactory;
        this.forwardingSwitch = new ForwardingSwitch(initialMode);
    }

    public ForwardingSwitch forwardingSwitch() {
        return forwardingSwitch;
    }

    public NeighborTable neighbors() {
        return neighbors;
    }

    public RuntimeConfig current() {
        return current;
    }

    public int workerCount() {
        return options.workers();
    }

    /** Ports by interface id of the current configuration. */
    public Port[] ports() {
        return ports.clone();
    }

    // ------------------------------------------------------------------ configuration

    @Override
    public Prepared prepare(RunningConfig candidate) {
        PalisadeConfig config = candidate.config();
        CompiledPolicy policy;
        try {
            policy = CompiledPolicy.compile(config);
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "dataplane",
                    List.of(new Problem(
                            "", 0, 0, "the data plane cannot compile this configuration: " + e.getMessage())));
        }
        if (!portConfigs.isEmpty() && !sameBackings(portConfigs, config.interfaces())) {
            LOG.warn("interface backings changed; the new ports take effect after a restart of the node");
        }
        return running -> activate(running, policy);
    }

    private static boolean sameBackings(List<InterfaceConfig> a, List<InterfaceConfig> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name())
                    || !a.get(i).backing().equals(b.get(i).backing())) {
                return false;
            }
        }
        return true;
    }

    private synchronized void activate(RunningConfig running, CompiledPolicy policy) {
        if (workers.isEmpty()) {
            createPorts(running.config(), policy);
        }
        RuntimeConfig rc =
                new RuntimeConfig(running.epoch(), running.config(), policy, portMacs(), options.workers(), false);
        current = rc;
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] != null) {
                ports[i].acceptUnicast(rc.isLayer3(i) ? rc.interfaceMac(i) : 0);
            }
        }
        if (workers.isEmpty()) {
            createWorkers(rc);
        } else {
            workers.forEach(w -> w.engine().publish(rc));
        }
    }

    private void createPorts(PalisadeConfig config, CompiledPolicy policy) {
        int count = policy.interfaces().interfaceCount();
        Port[] created = new Port[count];
        for (InterfaceConfig ifc : config.interfaces()) {
            int id = policy.interfaceId(ifc.name());
            created[id] = portFactory.create(ifc, id, options.workers());
        }
        ports = created;
        portConfigs = config.interfaces();
    }

    private long[] portMacs() {
        long[] macs = new long[ports.length];
        for (int i = 0; i < ports.length; i++) {
            macs[i] = ports[i] == null ? 0 : ports[i].macAddress();
        }
        return macs;
    }

    private void createWorkers(RuntimeConfig rc) {
        int n = options.workers();
        HandoffRing[][] rings = new HandoffRing[n][n];
        for (int from = 0; from < n; from++) {
            for (int to = 0; to < n; to++) {
                if (from != to) {
                    rings[from][to] = new HandoffRing(arena, HANDOFF_SLOTS, options.slotSize());
                }
            }
        }
        long baseNs = options.clock().nanoTime();
        long baseEpochMs = options.epochMillis().getAsLong();
        int perWorker = Math.max(1024, options.sessionCapacity() / n);
        for (int w = 0; w < n; w++) {
            HandoffRing[] inbound = new HandoffRing[n];
            for (int from = 0; from < n; from++) {
                inbound[from] = rings[from][w];
            }
            SessionEngine.Wiring wiring = new SessionEngine.Wiring(
                    w,
                    n,
                    perWorker,
                    forwardingSwitch,
                    neighbors,
                    options.sink(),
                    options.trafficLog(),
                    null,
                    this::submit,
                    baseNs,
                    baseEpochMs);
            workers.add(new Worker(
                    wiring, rc, fragments, ports, new FrameBatch(arena, BATCH, options.slotSize()), rings[w], inbound));
        }
    }

    // ------------------------------------------------------------------ running

    /** Starts one thread per worker. Call after the first commit. */
    public synchronized void start() {
        if (workers.isEmpty()) {
            throw new IllegalStateException("no configuration committed yet");
        }
        for (Worker w : workers) {
            runners.add(new AgentRunner(
                            w,
                            options.clock(),
                            new IdleStrategy(50_000, 1_000_000, w::park),
                            t -> LOG.error("{} stopped: {}", w.roleName(), t.toString()))
                    .start());
        }
    }

    /** Time of each worker's latest duty cycle (device health compares it with now). */
    public long[] lastCycleNs() {
        long[] out = new long[runners.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = runners.get(i).isRunning() ? runners.get(i).lastCycleNs() : Long.MIN_VALUE;
        }
        return out;
    }

    /** Queues a task on worker {@code index}. */
    public boolean submit(int index, WorkerTask task) {
        return index >= 0 && index < workers.size() && workers.get(index).submit(task);
    }

    /** Runs {@code task} on every worker and completes when all have run it. */
    public CompletableFuture<Void> onEveryWorker(WorkerTask task) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Worker w : workers) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            all.add(f);
            boolean queued = w.submit((ctx, now) -> {
                try {
                    task.run(ctx, now);
                    f.complete(null);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            if (!queued) {
                f.completeExceptionally(new IllegalStateException("worker queue refused the task"));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Sends gratuitous ARP for every own address (HA takeover); runs on worker 0's thread. */
    public void announceAddresses() {
        submit(0, (ctx, now) -> ((SessionEngine) ctx).layer3.announce());
    }

    /**
     * Every counter summed over the workers, by name, with descriptions: flow counters, parse drops and NAT
     * outcomes. Reads are racy per counter but each value is whole.
     */
    public Map<String, Long> counterTotals() {
        Map<String, Long> totals = new TreeMap<>();
        for (Worker w : workers) {
            w.engine().counters().addTo(totals);
            w.engine().parseDrops().addTo(totals);
            w.engine().natCounters().addTo(totals);
        }
        long oversize = 0;
        long otherHost = 0;
        long ringDrops = 0;
        for (Port p : ports) {
            if (p instanceof io.palisade.dataplane.port.AfPacketPort a) {
                oversize += a.oversizeFrames();
                ringDrops += a.ringDrops();
            }
            otherHost += p == null ? 0 : p.otherHostFrames();
        }
        totals.merge(FlowCounter.PKT_RX_RING_DROP.counterName(), ringDrops, Long::sum);
        totals.merge(FlowCounter.PKT_TOO_BIG.counterName(), oversize, Long::sum);
        totals.merge(FlowCounter.L2_OTHER_HOST.counterName(), otherHost, Long::sum);
        return totals;
    }

    /** Sessions installed since start, over all workers. */
    public long sessionsInstalled() {
        long n = 0;
        for (Worker w : workers) {
            n += w.engine().counters().get(FlowCounter.SESSION_INSTALLED);
        }
        return n;
    }

    /**
     * Sessions matching {@code filter}, at most {@code limit}, copied on each worker's thread. Waits up to a second
     * for the workers.
     */
    public List<SessionSnapshot> sessions(java.util.function.Predicate<SessionSnapshot> filter, int limit) {
        java.util.concurrent.ConcurrentLinkedQueue<SessionSnapshot> out =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        await(onEveryWorker((ctx, now) -> {
            SessionEngine e = (SessionEngine) ctx;
            for (SessionTable t : new SessionTable[] {e.v4, e.v6}) {
                for (int rec = 0; rec < t.capacity() && count.get() < limit; rec++) {
                    if (t.isLive(rec) && t.state(rec) != io.palisade.dataplane.session.SessionState.REDIRECT) {
                        SessionSnapshot snap = SessionSnapshot.of(e, t, rec, now);
                        if (filter.test(snap) && count.incrementAndGet() <= limit) {
                            out.add(snap);
                        }
                    }
                }
            }
        }));
        List<SessionSnapshot> list = new ArrayList<>(out);
        list.sort(java.util.Comparator.comparingLong(SessionSnapshot::id));
        return list;
    }

    /** One session by id, or empty. */
    public java.util.Optional<SessionSnapshot> session(long id) {
        int worker = (int) (id >>> 40);
        boolean v6 = (id >>> 39 & 1) == 1;
        int rec = (int) (id & ((1L << 39) - 1));
        CompletableFuture<SessionSnapshot> f = new CompletableFuture<>();
        if (!submit(worker, (ctx, now) -> {
            SessionEngine e = (SessionEngine) ctx;
            SessionTable t = v6 ? e.v6 : e.v4;
            boolean live = rec < t.capacity()
                    && t.isLive(rec)
                    && t.state(rec) != io.palisade.dataplane.session.SessionState.REDIRECT;
            f.complete(live ? SessionSnapshot.of(e, t, rec, now) : null);
        })) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(f.get(1, java.util.concurrent.TimeUnit.SECONDS));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /** Live sessions by protocol class: tcp, udp, icmp, other (read from each worker's tables). */
    public Map<String, Long> sessionCounts() {
        java.util.concurrent.atomic.AtomicLongArray counts = new java.util.concurrent.atomic.AtomicLongArray(4);
        await(onEveryWorker((ctx, now) -> {
            SessionEngine e = (SessionEngine) ctx;
            for (SessionTable t : new SessionTable[] {e.v4, e.v6}) {
                for (int rec = 0; rec < t.capacity(); rec++) {
                    if (t.isLive(rec) && t.state(rec) != io.palisade.dataplane.session.SessionState.REDIRECT) {
                        int p = t.protocol(rec);
                        counts.incrementAndGet(p == 6 ? 0 : p == 17 ? 1 : p == 1 || p == 58 ? 2 : 3);
                    }
                }
            }
        }));
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("tcp", counts.get(0));
        m.put("udp", counts.get(1));
        m.put("icmp", counts.get(2));
        m.put("other", counts.get(3));
        return m;
    }

    private static void await(CompletableFuture<Void> f) {
        try {
            f.get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("workers did not answer a snapshot request in time: {}", e.toString());
        }
    }

    /** Session capacity over all workers (IPv4 tables). */
    public long sessionCapacity() {
        long n = 0;
        for (Worker w : workers) {
            n += w.engine().v4.capacity();
        }
        return n;
    }

    /** The worker engines (tests and snapshots; their state belongs to their threads). */
    public List<SessionEngine> engines() {
        return workers.stream().map(Worker::engine).toList();
    }

    @Override
    public synchronized void close() {
        if (runners.isEmpty()) {
            workers.forEach(Worker::close); // never started: release the tables here
        }
        runners.forEach(AgentRunner::close);
        runners.clear();
        for (Port p : ports) {
            if (p != null) {
                p.close();
            }
        }
    }
}

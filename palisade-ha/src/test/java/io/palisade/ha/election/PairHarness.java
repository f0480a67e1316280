package io.palisade.ha.election;

import io.palisade.common.ManualClock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Two state machines wired through a tiny in-test message shuttle standing for HA1 (primary and backup), the
 * heartbeat backup and HA2 bulk sync. Messages are delivered at once, in order; paths can be cut; a node can be
 * paused (its inbound messages queue up and it runs no timers) and resumed with {@code onLocalStall}; a node can
 * shut down with a goodbye. An invariant hook runs after every single delivery and every timer run.
 */
final class PairHarness {
    static final long A_NODE_ID = 0x00_1b_17_00_00_0aL;
    static final long B_NODE_ID = 0x00_1b_17_00_00_0bL;

    /** One node of the pair. */
    final class Node {
        final String serial;
        final HaMachineConfig config;
        HaStateMachine m;
        final List<Runnable> inbox = new ArrayList<>();
        final List<HaRequest> sent = new ArrayList<>();
        /** Every machine this node ran, one per boot. */
        final List<HaStateMachine> machines = new ArrayList<>();

        Node peer;
        boolean paused;
        boolean down;
        long pausedAtNs;
        long bulkSyncDueNs = HaStateMachine.NEVER;
        int takeOvers;
        int releases;

        Node(String serial, HaMachineConfig config) {
            this.serial = serial;
            this.config = config;
            this.down = true;
        }

        /** The current state, or null before the first boot. */
        HaState state() {
            return m == null ? null : m.state();
        }

        /** A counter summed over every boot of this node. */
        long total(HaCounter counter) {
            return machines.stream().mapToLong(x -> x.counters().get(counter)).sum();
        }

        @Override
        public String toString() {
            return serial + "(" + m.state().displayName() + ")";
        }
    }

    final ManualClock clock = new ManualClock();
    final Node a;
    final Node b;
    final Set<HaPath> pathsUp = EnumSet.allOf(HaPath.class);
    boolean ha2Up = true;
    long bulkSyncDelayMs = 200;
    Consumer<PairHarness> invariant = h -> {};
    private int deliveries;

    /** Both nodes booted at once. */
    PairHarness(UnaryOperator<HaMachineConfig.Builder> customizeA, UnaryOperator<HaMachineConfig.Builder> customizeB) {
        this(customizeA, customizeB, true);
    }

    /** Nodes booted at once, or left off until {@link #boot(Node)}. */
    PairHarness(
            UnaryOperator<HaMachineConfig.Builder> customizeA,
            UnaryOperator<HaMachineConfig.Builder> customizeB,
            boolean bootBoth) {
        a = new Node("FW-A", customizeA.apply(base("FW-A", A_NODE_ID)).build());
        b = new Node("FW-B", customizeB.apply(base("FW-B", B_NODE_ID)).build());
        a.peer = b;
        b.peer = a;
        if (bootBoth) {
            start(a);
            start(b);
            pump(); // both initial hellos cross: a simultaneous boot
        }
    }

    /** Two nodes with complete configurations (for example from the example files), booted at once. */
    PairHarness(HaMachineConfig configA, HaMachineConfig configB) {
        a = new Node(configA.serial(), configA);
        b = new Node(configB.serial(), configB);
        a.peer = b;
        b.peer = a;
        start(a);
        start(b);
        pump();
    }

    /** Starts (or restarts) a node: a new machine in INITIAL, as after a reboot. */
    void boot(Node n) {
        start(n);
        pump();
    }

    private void start(Node n) {
        n.m = new HaStateMachine(n.config, now());
        n.machines.add(n.m);
        n.down = false;
        n.paused = false;
        n.inbox.clear();
        n.bulkSyncDueNs = HaStateMachine.NEVER;
    }

    /** The node crashes: it goes silent and stops forwarding, without a goodbye. */
    void crash(Node n) {
        n.down = true;
    }

    static HaMachineConfig.Builder base(String serial, long nodeId) {
        return HaMachineConfig.builder(serial, nodeId)
                .version(Fixture.VERSION)
                .timers(Fixture.TIMERS)
                .peerNegotiationTimeoutMs(10_000)
                .monitorFailHoldDownMs(60_000)
                .tentativeHoldMs(60_000);
    }

    long now() {
        return clock.nanoTime();
    }

    /** Runs both nodes for {@code ms} in steps of {@code stepMs}. */
    PairHarness run(long ms, long stepMs) {
        for (long t = 0; t < ms; t += stepMs) {
            step(Math.min(stepMs, ms - t));
        }
        return this;
    }

    /** Runs for {@code ms} in 100 ms steps. */
    PairHarness run(long ms) {
        return run(ms, 100);
    }

    void step(long ms) {
        clock.advanceMs(ms);
        for (Node n : List.of(a, b)) {
            if (!n.paused && !n.down) {
                if (now() >= n.bulkSyncDueNs) {
                    n.bulkSyncDueNs = HaStateMachine.NEVER;
                    n.m.onBulkSyncComplete(now());
                }
                n.m.doWork(now());
                invariant.accept(this);
            }
        }
        pump();
    }

    /** Delivers everything both nodes asked to send, until nothing is left (bounded). */
    void pump() {
        for (int round = 0; round < 100; round++) {
            int moved = drainAndSend(a) + drainAndSend(b);
            if (moved == 0) {
                return;
            }
        }
        throw new AssertionError("message storm between the two nodes");
    }

    void cut(HaPath... paths) {
        for (HaPath p : paths) {
            pathsUp.remove(p);
        }
    }

    void cutAll() {
        pathsUp.clear();
    }

    void restore(HaPath... paths) {
        pathsUp.addAll(List.of(paths));
    }

    void restoreAll() {
        pathsUp.addAll(EnumSet.allOf(HaPath.class));
    }

    void pause(Node n) {
        n.paused = true;
        n.pausedAtNs = now();
    }

    /**
     * The paused node runs again: the agent reports the stall, then reads the backlog that queued up meanwhile
     * as one batch (the invariant runs after the batch, as the agent applies {@code forwarding()} once per duty
     * cycle).
     */
    void resume(Node n) {
        n.paused = false;
        n.m.onLocalStall(now() - n.pausedAtNs, now());
        List<Runnable> queued = List.copyOf(n.inbox);
        n.inbox.clear();
        queued.forEach(Runnable::run);
        invariant.accept(this);
        pump();
    }

    /** The node shuts down gracefully: a goodbye reaches the peer, then the node is silent. */
    void shutdown(Node n) {
        n.m.drainRequests(n.sent::add);
        n.down = true;
        if (anyHa1Up()) {
            deliver(n.peer, () -> n.peer.m.onGoodbye(n.serial, now()));
        }
        pump();
    }

    int deliveries() {
        return deliveries;
    }

    /** Both nodes running (or paused) and in an active state. A crashed node forwards nothing. */
    boolean bothActive() {
        return !a.down && !b.down && a.m.state().isActive() && b.m.state().isActive();
    }

    private int drainAndSend(Node from) {
        if (from.paused || from.down) {
            return 0;
        }
        List<HaRequest> out = from.m.drainRequests();
        from.sent.addAll(out);
        Node to = from.peer;
        for (HaRequest r : out) {
            switch (r) {
                case HaRequest.SendHello h -> {
                    HaHello hello = from.m.localHello();
                    HaPath path = ha1Path();
                    if (path != null) {
                        deliver(to, () -> to.m.onHello(hello, path, now()));
                    }
                }
                case HaRequest.SendHeartbeat h -> {
                    for (HaPath path : List.copyOf(pathsUp)) {
                        deliver(to, () -> to.m.onHeartbeat(from.serial, path, now()));
                    }
                }
                case HaRequest.SendPreemptRequest p -> {
                    if (ha1Path() != null) {
                        deliver(to, () -> to.m.onPreemptRequest(from.serial, now()));
                    }
                }
                case HaRequest.SendStepDownAck s -> {
                    if (ha1Path() != null) {
                        deliver(to, () -> to.m.onStepDownAck(from.serial, now()));
                    }
                }
                case HaRequest.RequestBulkSync s -> {
                    if (ha2Up) {
                        from.bulkSyncDueNs = now() + bulkSyncDelayMs * 1_000_000L;
                    }
                }
                case HaRequest.TakeOverTraffic t -> from.takeOvers++;
                case HaRequest.ReleaseTraffic t -> from.releases++;
            }
        }
        return out.size();
    }

    private void deliver(Node to, Runnable message) {
        if (to.down) {
            return;
        }
        if (to.paused) {
            to.inbox.add(message);
            return;
        }
        deliveries++;
        message.run();
        invariant.accept(this);
    }

    private HaPath ha1Path() {
        if (pathsUp.contains(HaPath.HA1)) {
            return HaPath.HA1;
        }
        return pathsUp.contains(HaPath.HA1_BACKUP) ? HaPath.HA1_BACKUP : null;
    }

    private boolean anyHa1Up() {
        return ha1Path() != null;
    }
}

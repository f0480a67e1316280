package io.palisade.ha.election;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers of this node, keyed by serial (a pair today, a cluster later), with their liveness. Any message on
 * any path (hello or heartbeat, HA1, HA1 backup or heartbeat backup) keeps a peer alive; it is declared failed
 * only when every path has been silent for the failure timeout.
 */
final class PeerTable {
    /** {@link #onHello}/{@link #onHeartbeat} result bit: the peer's view changed (tell it our state). */
    static final int CHANGED = 1;
    /** Result bit: the peer was failed, gone or unknown and is heard again. */
    static final int REVIVED = 2;

    private final Map<String, PeerView> peers = new LinkedHashMap<>();
    private final long failureTimeoutNs;

    PeerTable(long failureTimeoutNs) {
        this.failureTimeoutNs = failureTimeoutNs;
    }

    PeerView get(String serial) {
        return peers.get(serial);
    }

    Collection<PeerView> all() {
        return Collections.unmodifiableCollection(peers.values());
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    int onHello(HaHello hello, HaPath path, long nowNs) {
        PeerView p = peers.computeIfAbsent(hello.serial(), PeerView::new);
        int result = heard(p, path, nowNs);
        boolean wasFresh = p.fresh;
        HaHello previous = p.hello;
        p.hello = hello;
        p.fresh = true;
        if (!wasFresh || !hello.equals(previous)) {
            result |= CHANGED;
        }
        return result;
    }

    int onHeartbeat(String serial, HaPath path, long nowNs) {
        return heard(peers.computeIfAbsent(serial, PeerView::new), path, nowNs);
    }

    /** Marks the peer gone after its goodbye; returns it, or null when unknown. */
    PeerView onGoodbye(String serial, long nowNs) {
        PeerView p = peers.get(serial);
        if (p == null) {
            return null;
        }
        p.alive = false;
        p.fresh = false;
        p.failed = false;
        p.departed = true;
        p.departedAtNs = nowNs;
        return p;
    }

    /** Declares failed every alive peer silent on all paths for the timeout; returns those newly failed. */
    List<PeerView> expire(long nowNs) {
        List<PeerView> failed = List.of();
        for (PeerView p : peers.values()) {
            if (p.alive && nowNs >= p.failureDeadlineNs(failureTimeoutNs)) {
                p.alive = false;
                p.fresh = false;
                p.failed = true;
                p.failedAtNs = p.failureDeadlineNs(failureTimeoutNs); // the declaration is due then, even if run late
                if (failed.isEmpty()) {
                    failed = new ArrayList<>(1);
                }
                failed.add(p);
            }
        }
        return failed;
    }

    /**
     * After a pause of our own process: require fresh silence after {@code nowNs} before any peer is (again)
     * declared failed. A peer declared failed is back to "alive, state unknown". After a long pause the peers'
     * states are stale, so each needs a new hello before it counts.
     */
    void rearm(long nowNs, boolean forgetStates) {
        for (PeerView p : peers.values()) {
            if (p.departed || p.lastHeardNs == HaStateMachine.NONE) {
                continue;
            }
            p.livenessFloorNs = nowNs;
            if (p.failed) {
                p.failed = false;
                p.failedAtNs = HaStateMachine.NONE;
                p.alive = true;
                p.fresh = false;
            }
            if (forgetStates) {
                p.fresh = false;
            }
        }
    }

    /** The earliest time an alive peer would be declared failed, or {@link HaStateMachine#NEVER}. */
    long nextFailureDeadlineNs() {
        long next = HaStateMachine.NEVER;
        for (PeerView p : peers.values()) {
            if (p.alive) {
                next = Math.min(next, p.failureDeadlineNs(failureTimeoutNs));
            }
        }
        return next;
    }

    /** Whether any path of the peer was heard within the failure timeout. */
    boolean pathUp(PeerView p, HaPath path, long nowNs) {
        long heard = p.lastHeardByPathNs[path.ordinal()];
        return heard != HaStateMachine.NONE && nowNs - heard < failureTimeoutNs;
    }

    /** Peers that take part in decisions: alive, state known from a hello since, compatible. */
    List<PeerView> participants() {
        List<PeerView> out = new ArrayList<>(2);
        for (PeerView p : peers.values()) {
            if (p.participates()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether a peer is heard but its state is not known yet (no hello since it was heard again). */
    boolean anyAliveUnknown() {
        for (PeerView p : peers.values()) {
            if (p.alive && (!p.fresh || p.hello == null)) {
                return true;
            }
        }
        return false;
    }

    boolean anyDeparted() {
        for (PeerView p : peers.values()) {
            if (p.departed) {
                return true;
            }
        }
        return false;
    }

    /** The latest failure declaration among peers still failed, or {@link HaStateMachine#NONE}. */
    long lastFailureNs() {
        long last = HaStateMachine.NONE;
        for (PeerView p : peers.values()) {
            if (p.failed) {
                last = Math.max(last, p.failedAtNs);
            }
        }
        return last;
    }

    /** The compatibility failure of an alive peer, or null. */
    StateReason currentMismatch() {
        for (PeerView p : peers.values()) {
            if (p.alive && p.mismatch != null) {
                return p.mismatch;
            }
        }
        return null;
    }

    List<HaSnapshot.Peer> snapshots(long nowNs) {
        List<HaSnapshot.Peer> out = new ArrayList<>(peers.size());
        for (PeerView p : peers.values()) {
            List<HaSnapshot.PathStatus> paths = new ArrayList<>();
            for (HaPath path : HaPath.values()) {
                paths.add(new HaSnapshot.PathStatus(path, p.lastHeardByPathNs[path.ordinal()], pathUp(p, path, nowNs)));
            }
            HaHello h = p.hello;
            out.add(new HaSnapshot.Peer(
                    p.serial,
                    h == null ? 0 : h.nodeId(),
                    p.state(),
                    p.fresh && h != null,
                    h == null ? 0 : h.priority(),
                    h != null && h.preemptive(),
                    h == null ? 0 : h.deviceId(),
                    h == null ? null : h.version(),
                    h != null && h.bulkSyncComplete(),
                    p.lastHeardNs,
                    p.alive,
                    p.failed,
                    p.failedAtNs,
                    p.departed,
                    p.mismatch,
                    paths));
        }
        return out;
    }

    private static int heard(PeerView p, HaPath path, long nowNs) {
        boolean known = p.lastHeardNs != HaStateMachine.NONE;
        p.lastHeardNs = nowNs;
        p.lastHeardByPathNs[path.ordinal()] = nowNs;
        if (p.alive) {
            return 0;
        }
        p.alive = true;
        p.fresh = false;
        p.failed = false;
        p.departed = false;
        return known ? REVIVED | CHANGED : CHANGED;
    }
}

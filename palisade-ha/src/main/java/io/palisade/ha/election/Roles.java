package io.palisade.ha.election;

import io.palisade.config.model.HaMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles of a mode: active/passive runs its election between ACTIVE (top) and PASSIVE (standby) and fails to
 * NON_FUNCTIONAL; active/active between ACTIVE_PRIMARY and ACTIVE_SECONDARY, failing to TENTATIVE. The state
 * machine's logic is written once in terms of roles. Also list helpers over peers by role and rank.
 */
final class Roles {
    /** What a peer's announced state means for the election. */
    enum Role {
        TOP,
        STANDBY,
        INITIAL,
        UNHEALTHY
    }

    final HaMode mode;
    final HaState top;
    final HaState standby;
    final HaState monitorFail;
    final HaState recovered;

    Roles(HaMode mode) {
        this.mode = mode;
        boolean aa = mode == HaMode.ACTIVE_ACTIVE;
        this.top = aa ? HaState.ACTIVE_PRIMARY : HaState.ACTIVE;
        this.standby = aa ? HaState.ACTIVE_SECONDARY : HaState.PASSIVE;
        this.monitorFail = aa ? HaState.TENTATIVE : HaState.NON_FUNCTIONAL;
        this.recovered = aa ? HaState.TENTATIVE : HaState.PASSIVE;
    }

    Role of(HaState s) {
        if (s == top) {
            return Role.TOP;
        }
        if (s == standby) {
            return Role.STANDBY;
        }
        return s == HaState.INITIAL ? Role.INITIAL : Role.UNHEALTHY;
    }

    boolean any(List<PeerView> peers, Role role) {
        return first(peers, role) != null;
    }

    PeerView first(List<PeerView> peers, Role role) {
        for (PeerView p : peers) {
            if (of(p.state()) == role) {
                return p;
            }
        }
        return null;
    }

    List<PeerView> in(List<PeerView> peers, Role role) {
        List<PeerView> out = new ArrayList<>(peers.size());
        for (PeerView p : peers) {
            if (of(p.state()) == role) {
                out.add(p);
            }
        }
        return out;
    }

    /** The best-ranked peer of the list, or null when it is empty. */
    PeerView best(List<PeerView> peers) {
        PeerView best = null;
        for (PeerView p : peers) {
            if (best == null || rank(p).outranks(rank(best), mode)) {
                best = p;
            }
        }
        return best;
    }

    static ElectionRank rank(PeerView p) {
        return ElectionRank.of(p.hello);
    }

    /** The peers announcing a complete session state. */
    static List<PeerView> complete(List<PeerView> peers) {
        List<PeerView> out = new ArrayList<>(peers.size());
        for (PeerView p : peers) {
            if (p.hello.bulkSyncComplete()) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean containsSerial(List<PeerView> peers, String serial) {
        if (serial == null) {
            return false;
        }
        for (PeerView p : peers) {
            if (p.serial.equals(serial)) {
                return true;
            }
        }
        return false;
    }

    /** Why a standby or initial node takes over from peers that are all unhealthy or initial. */
    static StateReason unhealthyPeersReason(List<PeerView> peers) {
        for (PeerView p : peers) {
            if (p.state() == HaState.NON_FUNCTIONAL) {
                return StateReason.of(HaReason.PEER_NON_FUNCTIONAL);
            }
        }
        for (PeerView p : peers) {
            if (p.state() == HaState.SUSPENDED) {
                return StateReason.of(HaReason.PEER_SUSPENDED);
            }
        }
        return StateReason.of(
                HaReason.NO_ACTIVE_PEER, "peer is " + peers.getFirst().state().displayName());
    }
}

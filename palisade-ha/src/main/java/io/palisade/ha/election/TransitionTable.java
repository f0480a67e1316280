package io.palisade.ha.election;

import static io.palisade.ha.election.HaReason.*;
import static io.palisade.ha.election.HaState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every transition the state machine may make, with the reasons allowed for it (the table of
 * {@code docs/design/ha-state-machine.md}). {@link HaStateMachine} checks each transition against it; tests
 * assert that nothing outside it ever happens.
 */
public final class TransitionTable {
    private static final Set<HaReason> NF_MISMATCH =
            EnumSet.of(GROUP_ID_MISMATCH, MODE_MISMATCH, HA2_PORT_MISMATCH, DEVICE_ID_OVERLAP);
    private static final Set<HaReason> SUSPEND_CAUSES =
            EnumSet.of(USER_REQUESTED, SERIAL_MATCHES, PEER_VERSION_NOT_COMPATIBLE);
    private static final Set<HaReason> TAKE_OVER = EnumSet.of(
            PEER_FAILED_PROMOTED,
            PEER_NOT_FOUND,
            PEER_GOODBYE,
            PEER_NON_FUNCTIONAL,
            PEER_SUSPENDED,
            NO_ACTIVE_PEER,
            PREEMPTING);
    private static final Set<HaReason> INITIAL_TO_TOP = EnumSet.of(
            PEER_NOT_FOUND,
            PEER_HEARTBEAT_LOST,
            PEER_GOODBYE,
            ELECTION_WON,
            PEER_NON_FUNCTIONAL,
            PEER_SUSPENDED,
            NO_ACTIVE_PEER);
    private static final Set<HaReason> RECOVERED =
            EnumSet.of(MONITORS_RECOVERED, DATAPLANE_RECOVERED, COMPATIBILITY_RESTORED);

    private static final Map<HaState, Map<HaState, Set<HaReason>>> ALLOWED = build();

    private TransitionTable() {}

    /** Whether {@code from → to} for {@code reason} is a transition the design allows. */
    public static boolean allows(HaState from, HaState to, HaReason reason) {
        Set<HaReason> reasons = ALLOWED.get(from).get(to);
        return reasons != null && reasons.contains(reason);
    }

    /** The allowed reasons of {@code from → to}, empty when the transition is not allowed. */
    public static Set<HaReason> reasons(HaState from, HaState to) {
        Set<HaReason> reasons = ALLOWED.get(from).get(to);
        return reasons == null ? Set.of() : Set.copyOf(reasons);
    }

    private static Map<HaState, Map<HaState, Set<HaReason>>> build() {
        Map<HaState, Map<HaState, Set<HaReason>>> t = new EnumMap<>(HaState.class);
        for (HaState s : HaState.values()) {
            t.put(s, new EnumMap<>(HaState.class));
        }
        Set<HaReason> nfFromMonitor = union(NF_MISMATCH, EnumSet.of(LINK_DOWN, PATH_DOWN, DATAPLANE_DOWN));
        Set<HaReason> nfNoMonitor = union(NF_MISMATCH, EnumSet.of(DATAPLANE_DOWN));
        Set<HaReason> monitor = EnumSet.of(LINK_DOWN, PATH_DOWN);

        // Active/passive.
        add(t, INITIAL, ACTIVE, INITIAL_TO_TOP);
        add(t, INITIAL, PASSIVE, EnumSet.of(PEER_ACTIVE, ELECTION_LOST));
        add(t, INITIAL, NON_FUNCTIONAL, nfFromMonitor);
        add(t, INITIAL, SUSPENDED, SUSPEND_CAUSES);
        add(t, PASSIVE, ACTIVE, TAKE_OVER);
        add(t, PASSIVE, NON_FUNCTIONAL, nfFromMonitor);
        add(t, PASSIVE, SUSPENDED, union(SUSPEND_CAUSES, EnumSet.of(PREEMPTION_LOOP)));
        add(t, ACTIVE, PASSIVE, EnumSet.of(PREEMPTED, SPLIT_BRAIN_RESOLVED));
        add(t, ACTIVE, NON_FUNCTIONAL, nfFromMonitor);
        add(t, ACTIVE, SUSPENDED, SUSPEND_CAUSES);
        add(t, NON_FUNCTIONAL, PASSIVE, RECOVERED);
        add(t, NON_FUNCTIONAL, SUSPENDED, union(SUSPEND_CAUSES, EnumSet.of(PREEMPTION_LOOP, NON_FUNCTIONAL_LOOP)));
        add(t, SUSPENDED, INITIAL, EnumSet.of(USER_REQUESTED, COMPATIBILITY_RESTORED));

        // Active/active additions.
        add(t, INITIAL, ACTIVE_PRIMARY, INITIAL_TO_TOP);
        add(t, INITIAL, ACTIVE_SECONDARY, EnumSet.of(ELECTION_LOST));
        add(t, INITIAL, TENTATIVE, union(monitor, EnumSet.of(WAITING_FOR_STATE_SYNC)));
        add(t, ACTIVE_SECONDARY, ACTIVE_PRIMARY, TAKE_OVER);
        add(t, ACTIVE_SECONDARY, TENTATIVE, monitor);
        add(t, ACTIVE_SECONDARY, NON_FUNCTIONAL, nfNoMonitor);
        add(t, ACTIVE_SECONDARY, SUSPENDED, SUSPEND_CAUSES);
        add(t, ACTIVE_PRIMARY, ACTIVE_SECONDARY, EnumSet.of(PREEMPTED, SPLIT_BRAIN_RESOLVED));
        add(t, ACTIVE_PRIMARY, TENTATIVE, monitor);
        add(t, ACTIVE_PRIMARY, NON_FUNCTIONAL, nfNoMonitor);
        add(t, ACTIVE_PRIMARY, SUSPENDED, SUSPEND_CAUSES);
        add(t, TENTATIVE, ACTIVE_SECONDARY, EnumSet.of(TENTATIVE_HOLD_EXPIRED));
        add(t, TENTATIVE, NON_FUNCTIONAL, nfNoMonitor);
        add(t, TENTATIVE, SUSPENDED, union(SUSPEND_CAUSES, EnumSet.of(TENTATIVE_LOOP)));
        add(t, NON_FUNCTIONAL, TENTATIVE, EnumSet.of(DATAPLANE_RECOVERED, COMPATIBILITY_RESTORED));

        // The HA agent's own failure ends in non-functional from every other state, for good (nothing runs after).
        for (HaState from : HaState.values()) {
            if (from != NON_FUNCTIONAL) {
                add(t, from, NON_FUNCTIONAL, EnumSet.of(HA_AGENT_FAILED));
            }
        }
        return t;
    }

    private static void add(Map<HaState, Map<HaState, Set<HaReason>>> t, HaState from, HaState to, Set<HaReason> r) {
        t.get(from).computeIfAbsent(to, k -> EnumSet.noneOf(HaReason.class)).addAll(r);
    }

    private static Set<HaReason> union(Set<HaReason> a, Set<HaReason> b) {
        Set<HaReason> u = EnumSet.copyOf(a);
        u.addAll(b);
        return u;
    }
}

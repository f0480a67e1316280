package io.palisade.ha.election;

import static io.palisade.ha.election.HaState.*;

import io.palisade.common.Counters;
import io.palisade.config.model.HaMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HA state machine and election of one node (PAN-OS semantics). Pure: no sockets, threads, clock reads or
 * sleeping. Every input is a method call carrying {@code nowNs}; every timer is a deadline compared with it.
 * The HA agent owns the machine, calls it from its one thread, drains {@link #drainRequests requests} after each
 * call and sleeps until {@link #nextDeadlineNs}.
 *
 * <pre>
 *   INITIAL ── no peer / election won / peer unhealthy ──▶ ACTIVE ◀───┐ peer failed + promotion hold,
 *      │ peer active / election lost                        │         │ goodbye, peer non-functional,
 *      ▼                                                    │         │ preemption handover
 *   PASSIVE ◀──── preempted, split brain resolved ──────────┘         │
 *      │  └───────────────────────────────────────────────────────────┘
 *      ▼ monitor failure after hold-up, data plane down, mismatch (from any healthy state)
 *   NON-FUNCTIONAL ── monitors healthy + hold-down ──▶ PASSIVE
 *   any ── flap-max / user / serial or version mismatch ──▶ SUSPENDED ── functional() ──▶ INITIAL
 * </pre>
 *
 * Active/active uses the same logic with ACTIVE_PRIMARY as the top role, ACTIVE_SECONDARY as the standby role
 * and TENTATIVE instead of NON_FUNCTIONAL for monitor failures. Transitions are listed in {@link
 * TransitionTable}; the design note {@code docs/design/ha-state-machine.md} explains each rule.
 */
public final class HaStateMachine {
    /** "No time": an event that has not happened. */
    public static final long NONE = Long.MIN_VALUE;

    /** "No deadline". */
    public static final long NEVER = Long.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(HaStateMachine.class);
    private static final int MAX_TRANSITIONS_PER_CALL = 8;
    private static final String STATE_INCOMPLETE = "session state synchronization incomplete";

    private final HaMachineConfig config;
    private final ElectionRank localRank;
    private final Roles roles;
    private final Counters<HaCounter> counters = new Counters<>(HaCounter.class);
    private final PeerTable peers;
    private final LocalHealth health;
    private final FlapTracker flaps;
    private final ArrayDeque<HaTransition> history;
    private final RequestQueue requests;

    private final long peerFailureTimeoutNs;
    private final long promotionHoldNs;
    private final long preemptionHoldNs;
    private final long monitorFailHoldUpNs;
    private final long additionalMasterHoldUpNs;
    private final long negotiationTimeoutNs;
    private final long monitorFailHoldDownNs;
    private final long tentativeHoldNs;

    private HaState state = INITIAL;
    private StateReason reason = StateReason.of(HaReason.STARTED);
    private long stateSinceNs;
    private boolean bulkSyncComplete;
    private boolean stickySuspend;
    private HaReason pendingLoopSuspension;
    private boolean activeByPreemption;

    private long negotiationDeadlineNs;
    private long holdDownDeadlineNs = NONE;
    private String preemptTargetSerial;
    private long preemptRetryDeadlineNs = NEVER;
    private String yieldedToSerial;
    private long yieldDeadlineNs = NONE;
    private long stallVerifyDeadlineNs = NEVER;
    private String lostElectionTo;
    private StateReason lostElectionWhy;

    /** A machine in INITIAL from {@code nowNs}; it asks at once for a hello and a heartbeat. */
    public HaStateMachine(HaMachineConfig config, long nowNs) {
        this.config = config;
        this.localRank = ElectionRank.of(config);
        this.roles = new Roles(config.mode());
        var t = config.timers();
        this.requests = new RequestQueue(ms(t.helloIntervalMs()), ms(t.heartbeatIntervalMs()));
        this.peerFailureTimeoutNs = ms(t.peerFailureTimeoutMs());
        this.promotionHoldNs = ms(t.promotionHoldTimeMs());
        this.preemptionHoldNs = ms(t.preemptionHoldTimeMs());
        this.monitorFailHoldUpNs = ms(t.monitorFailHoldUpTimeMs());
        this.additionalMasterHoldUpNs = ms(t.additionalMasterHoldUpTimeMs());
        this.negotiationTimeoutNs = ms(config.peerNegotiationTimeoutMs());
        this.monitorFailHoldDownNs = ms(config.monitorFailHoldDownMs());
        this.tentativeHoldNs = ms(config.tentativeHoldMs());
        this.peers = new PeerTable(peerFailureTimeoutNs);
        this.health = new LocalHealth(nowNs);
        this.flaps = new FlapTracker(t.flapMax(), ms(HaMachineConfig.FLAP_WINDOW_MS));
        this.history = new ArrayDeque<>(config.historyCapacity());
        this.stateSinceNs = nowNs;
        this.negotiationDeadlineNs = nowNs + negotiationTimeoutNs;
        LOG.info("HA Group {}: starting in state {}", config.groupId(), state.logName());
        doWork(nowNs);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inputs from the HA agent.

    /** A hello (or state message) from a peer, received on {@code path}. */
    public void onHello(HaHello hello, HaPath path, long nowNs) {
        counters.increment(HaCounter.HELLO_RECEIVED);
        PeerView before = peers.get(hello.serial());
        boolean peerWasTop = before != null && before.participates() && roles.of(before.state()) == Roles.Role.TOP;
        int result = peers.onHello(hello, path, nowNs);
        PeerView p = peers.get(hello.serial());
        StateReason mismatch = Compatibility.check(config, hello);
        if (mismatch != null && !mismatch.equals(p.mismatch)) {
            counters.increment(HaCounter.PEER_MISMATCH);
            LOG.warn("HA Group {}: peer {} is not compatible: {}", config.groupId(), p.serial, mismatch.text());
        }
        p.mismatch = mismatch;
        noteRevival(p, result);
        if (state == roles.top && mismatch == null && roles.of(hello.state()) == Roles.Role.TOP && !peerWasTop) {
            counters.increment(HaCounter.SPLIT_BRAIN_DETECTED);
            LOG.warn(
                    "HA Group {}: peer {} is also {}; resolving by rank",
                    config.groupId(),
                    p.serial,
                    state.displayName());
        }
        if ((result & PeerTable.CHANGED) != 0) {
            requests.hello(nowNs);
        }
        doWork(nowNs);
    }

    /** A heartbeat from a peer on {@code path}; any path keeps the peer alive. */
    public void onHeartbeat(String peerSerial, HaPath path, long nowNs) {
        counters.increment(HaCounter.HEARTBEAT_RECEIVED);
        int result = peers.onHeartbeat(peerSerial, path, nowNs);
        noteRevival(peers.get(peerSerial), result);
        if ((result & PeerTable.CHANGED) != 0) {
            requests.hello(nowNs);
        }
        doWork(nowNs);
    }

    /** A graceful goodbye: the peer is shutting down; a passive node takes over at once. */
    public void onGoodbye(String peerSerial, long nowNs) {
        if (peers.onGoodbye(peerSerial, nowNs) != null) {
            counters.increment(HaCounter.PEER_GOODBYE);
            LOG.info("HA Group {}: peer {} said goodbye", config.groupId(), peerSerial);
        }
        doWork(nowNs);
    }

    /**
     * A preempting peer asks this active node to step down. Accepted only when both nodes are preemptive, the
     * requester is a healthy standby and outranks this node: then this node releases traffic, steps down and
     * acknowledges, so the requester goes active only after this node stopped (no dual-active moment).
     */
    public void onPreemptRequest(String peerSerial, long nowNs) {
        PeerView p = peers.get(peerSerial);
        boolean accepted = state == roles.top
                && p != null
                && p.participates()
                && roles.of(p.state()) == Roles.Role.STANDBY
                && config.preemptive()
                && p.hello.preemptive()
                && ElectionRank.of(p.hello).outranks(localRank, config.mode());
        if (!accepted) {
            counters.increment(HaCounter.PREEMPT_REQUEST_REJECTED);
            LOG.info(
                    "HA Group {}: ignored preempt request from {} in state {}",
                    config.groupId(),
                    peerSerial,
                    state.displayName());
            doWork(nowNs);
            return;
        }
        counters.increment(HaCounter.PREEMPT_REQUEST_ACCEPTED);
        String why = ElectionRank.of(p.hello).explainAgainst(localRank, config.mode());
        transitionTo(roles.standby, nowNs, StateReason.of(HaReason.PREEMPTED, why));
        yieldedToSerial = peerSerial;
        yieldDeadlineNs = nowNs + peerFailureTimeoutNs;
        requests.add(new HaRequest.SendStepDownAck(peerSerial));
        doWork(nowNs);
    }

    /** The active peer acknowledges our preempt request: it has stepped down and released traffic. */
    public void onStepDownAck(String peerSerial, long nowNs) {
        PeerView p = peers.get(peerSerial);
        if (p != null && p.participates() && peerSerial.equals(preemptTargetSerial)) {
            p.hello = p.hello.withState(roles.standby);
        }
        doWork(nowNs);
    }

    /** The combined link-monitoring verdict. */
    public void onLinkMonitoring(MonitorVerdict verdict, long nowNs) {
        onHealth(LocalHealth.Source.LINK, verdict, nowNs);
    }

    /** The combined path-monitoring verdict. */
    public void onPathMonitoring(MonitorVerdict verdict, long nowNs) {
        onHealth(LocalHealth.Source.PATH, verdict, nowNs);
    }

    /** Data-plane health (worker heartbeats, internal errors); a failure makes the node non-functional. */
    public void onDataplaneHealth(MonitorVerdict verdict, long nowNs) {
        onHealth(LocalHealth.Source.DATAPLANE, verdict, nowNs);
    }

    /** The bulk session synchronisation this node asked for has completed. */
    public void onBulkSyncComplete(long nowNs) {
        if (!bulkSyncComplete) {
            bulkSyncComplete = true;
            counters.increment(HaCounter.BULK_SYNC_COMPLETED);
            requests.hello(nowNs);
        }
        doWork(nowNs);
    }

    /**
     * The agent's own duty cycle was delayed by {@code gapNs} (GC, stop signal, VM not scheduled). The silence
     * of peers during our pause is not their death: liveness deadlines are re-armed from {@code nowNs}. An active
     * node paused for longer than the peer-failure timeout stops forwarding until a fresh peer hello shows
     * whether the peer took over (then rank decides) or until the peer-failure timeout passes again.
     */
    public void onLocalStall(long gapNs, long nowNs) {
        counters.increment(HaCounter.LOCAL_STALL);
        boolean longStall = gapNs >= peerFailureTimeoutNs;
        LOG.warn("HA Group {}: HA agent paused for {} ms", config.groupId(), TimeUnit.NANOSECONDS.toMillis(gapNs));
        peers.rearm(nowNs, longStall);
        if (state == INITIAL) {
            negotiationDeadlineNs = Math.max(negotiationDeadlineNs, nowNs + peerFailureTimeoutNs);
        }
        if (longStall && state == roles.top && !peers.isEmpty()) {
            stallVerifyDeadlineNs = nowNs + peerFailureTimeoutNs;
        }
        requests.hello(nowNs);
        requests.heartbeat(nowNs);
        doWork(nowNs);
    }

    /** {@code request high-availability state suspend}: suspended, {@code User requested}. */
    public void suspend(long nowNs) {
        stickySuspend = true;
        transitionTo(SUSPENDED, nowNs, StateReason.of(HaReason.USER_REQUESTED));
        doWork(nowNs);
    }

    /**
     * The agent that drives this machine stopped on an unexpected error: the last transition, to non-functional
     * with the error as detail, so that {@code show high-availability} says why the node no longer forwards. No
     * timer runs after it.
     */
    public void onAgentFailure(String detail, long nowNs) {
        transitionTo(NON_FUNCTIONAL, nowNs, StateReason.of(HaReason.HA_AGENT_FAILED, detail));
    }

    /**
     * {@code request high-availability state functional}: a suspended node goes to initial and negotiates again;
     * flap counters are cleared. Returns false (and does nothing) when the node is not suspended.
     */
    public boolean functional(long nowNs) {
        if (state != SUSPENDED) {
            return false;
        }
        stickySuspend = false;
        flaps.reset();
        transitionTo(INITIAL, nowNs, StateReason.of(HaReason.USER_REQUESTED));
        doWork(nowNs);
        return true;
    }

    /**
     * Runs timers and the state's logic; the agent calls it at {@link #nextDeadlineNs} (every input method calls
     * it too). Returns the amount of work done.
     */
    public int doWork(long nowNs) {
        int work = checkPeerLiveness(nowNs);
        if (flaps.expire(nowNs)) {
            work++;
        }
        for (int i = 0; i < MAX_TRANSITIONS_PER_CALL; i++) {
            HaState before = state;
            step(nowNs);
            if (state == before) {
                break;
            }
            work++;
        }
        return work + requests.schedule(nowNs);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Outputs.

    /** The current state. */
    public HaState state() {
        return state;
    }

    /** Why the node is in its state ({@code State Reason} of {@code show high-availability}). */
    public StateReason reason() {
        return reason;
    }

    /** When the current state was entered. */
    public long stateSinceNs() {
        return stateSinceNs;
    }

    /** Whether this node holds a complete session state (announced in its hello). */
    public boolean bulkSyncComplete() {
        return bulkSyncComplete;
    }

    /**
     * Whether an active node holds traffic after a long pause of its own: until its verification window ends,
     * it forwards only while the latest hellos show no other active peer. Holding again when a later hello shows
     * an active peer makes the outcome independent of how stale the backlog of hellos read after the pause is.
     */
    public boolean stallVerifying() {
        if (stallVerifyDeadlineNs == NEVER) {
            return false;
        }
        List<PeerView> parts = peers.participants();
        return parts.isEmpty() || roles.any(parts, Roles.Role.TOP);
    }

    /** What the data plane should do with traffic now. */
    public ForwardingMode forwarding() {
        if (state == TENTATIVE) {
            return ForwardingMode.SEND_TO_PEER;
        }
        if (!state.isActive()) {
            return ForwardingMode.DISCARD;
        }
        boolean verifying = stallVerifying() && config.mode() == HaMode.ACTIVE_PASSIVE;
        return verifying ? ForwardingMode.DISCARD : ForwardingMode.FORWARD;
    }

    /** The hello to send now. */
    public HaHello localHello() {
        return new HaHello(
                config.serial(),
                config.nodeId(),
                config.groupId(),
                config.mode(),
                state,
                config.devicePriority(),
                config.preemptive(),
                config.deviceId(),
                config.version(),
                config.ha2Transport(),
                bulkSyncComplete);
    }

    /** Hands every pending request to {@code sink} in order and clears them; returns how many. */
    public int drainRequests(Consumer<? super HaRequest> sink) {
        return requests.drain(sink);
    }

    /** Drains pending requests into a list. */
    public List<HaRequest> drainRequests() {
        List<HaRequest> out = new ArrayList<>(requests.size());
        drainRequests(out::add);
        return out;
    }

    /** The next time {@link #doWork} has something to do after {@code nowNs}. */
    public long nextDeadlineNs(long nowNs) {
        long[] candidates = {
            requests.nextSendNs(),
            peers.nextFailureDeadlineNs(),
            flaps.nextExpiryNs(),
            monitorFailDeadlineNs(),
            stallVerifyDeadlineNs,
            yieldDeadlineNs,
            preemptRetryDeadlineNs,
            state == INITIAL ? negotiationDeadlineNs : NEVER,
            state == NON_FUNCTIONAL ? holdDownDeadlineNs : NEVER,
            state == TENTATIVE ? Math.max(stateSinceNs, health.healthySinceNs()) + tentativeHoldNs : NEVER,
            state == roles.standby ? promotionDeadlineNs() : NEVER,
            state == roles.standby ? Math.max(stateSinceNs, health.healthySinceNs()) + preemptionHoldNs : NEVER
        };
        long next = NEVER;
        for (long d : candidates) {
            if (d > nowNs && d < next) {
                next = d;
            }
        }
        return next;
    }

    /** Flap counters for {@code show high-availability flap-statistics}. */
    public FlapStatistics flapStatistics() {
        return flaps.statistics();
    }

    /** Recent transitions, oldest first. */
    public List<HaTransition> history() {
        return List.copyOf(history);
    }

    /** The machine's counters; written only by the owner thread. */
    public Counters<HaCounter> counters() {
        return counters;
    }

    /** The configuration this machine runs with. */
    public HaMachineConfig config() {
        return config;
    }

    /** An immutable snapshot for the operational commands. */
    public HaSnapshot snapshot(long nowNs) {
        return Snapshots.of(this, peers, health, nowNs);
    }

    // ---------------------------------------------------------------------------------------------------------
    // One method per state.

    private void step(long nowNs) {
        if (pendingLoopSuspension != null) {
            HaReason loop = pendingLoopSuspension;
            pendingLoopSuspension = null;
            stickySuspend = true;
            transitionTo(
                    SUSPENDED,
                    nowNs,
                    StateReason.of(loop, "after " + config.timers().flapMax() + " flaps"));
            return;
        }
        switch (state) {
            case INITIAL -> initial(nowNs);
            case PASSIVE, ACTIVE_SECONDARY -> standby(nowNs);
            case ACTIVE, ACTIVE_PRIMARY -> top(nowNs);
            case TENTATIVE -> tentative(nowNs);
            case NON_FUNCTIONAL -> nonFunctional(nowNs);
            case SUSPENDED -> suspended(nowNs);
        }
    }

    private void initial(long nowNs) {
        if (localFault(nowNs)) {
            return;
        }
        List<PeerView> parts = peers.participants();
        PeerView top = roles.first(parts, Roles.Role.TOP);
        if (top != null) {
            if (top.serial.equals(lostElectionTo)) {
                transitionTo(roles.standby, nowNs, lostElectionWhy);
            } else if (config.mode() == HaMode.ACTIVE_ACTIVE) {
                transitionTo(TENTATIVE, nowNs, StateReason.of(HaReason.WAITING_FOR_STATE_SYNC));
            } else {
                transitionTo(PASSIVE, nowNs, StateReason.of(HaReason.PEER_ACTIVE));
            }
            return;
        }
        if (roles.any(parts, Roles.Role.STANDBY)) {
            return; // a standby peer takes the top role first
        }
        if (peers.anyAliveUnknown() && nowNs < negotiationDeadlineNs) {
            return; // heard but no hello yet; PAN-OS goes active if negotiation has not started by the timeout
        }
        List<PeerView> initials = roles.in(parts, Roles.Role.INITIAL);
        if (!initials.isEmpty()) {
            PeerView best = roles.best(initials);
            ElectionRank other = ElectionRank.of(best.hello);
            String why = localRank.explainAgainst(other, config.mode());
            if (localRank.outranks(other, config.mode())) {
                transitionTo(roles.top, nowNs, StateReason.of(HaReason.ELECTION_WON, why));
            } else {
                // The winner goes active first; this node follows when it sees that (never two actives).
                lostElectionTo = best.serial;
                lostElectionWhy = StateReason.of(HaReason.ELECTION_LOST, why);
            }
            return;
        }
        if (!parts.isEmpty()) {
            transitionTo(roles.top, nowNs, Roles.unhealthyPeersReason(parts));
        } else if (peers.anyDeparted()) {
            transitionTo(roles.top, nowNs, StateReason.of(HaReason.PEER_GOODBYE));
        } else if (nowNs >= negotiationDeadlineNs) {
            boolean heardBefore = peers.lastFailureNs() != NONE;
            transitionTo(
                    roles.top,
                    nowNs,
                    StateReason.of(heardBefore ? HaReason.PEER_HEARTBEAT_LOST : HaReason.PEER_NOT_FOUND));
        }
    }

    /** Passive (active/passive) or active-secondary (active/active). */
    private void standby(long nowNs) {
        if (localFault(nowNs)) {
            return;
        }
        List<PeerView> parts = peers.participants();
        PeerView top = roles.first(parts, Roles.Role.TOP);
        if (top != null) {
            considerPreemption(top, nowNs);
            return;
        }
        if (peers.anyAliveUnknown()) {
            return; // a peer is heard but its state is unknown: wait for its hello, never take over blind
        }
        if (parts.isEmpty()) {
            promoteWithoutPeer(nowNs);
            return;
        }
        List<PeerView> standbys = roles.in(parts, Roles.Role.STANDBY);
        if (standbys.isEmpty()) {
            transitionTo(roles.top, nowNs, withStateCompleteness(Roles.unhealthyPeersReason(parts)));
            return;
        }
        if (yieldedToSerial != null && nowNs < yieldDeadlineNs && Roles.containsSerial(standbys, yieldedToSerial)) {
            return; // we stepped down for this peer: let it take over
        }
        if (!bulkSyncComplete && !Roles.complete(standbys).isEmpty()) {
            return; // a peer with complete session state is eligible first
        }
        PeerView rival = roles.best(bulkSyncComplete ? Roles.complete(standbys) : standbys);
        if (rival != null && !localRank.outranks(ElectionRank.of(rival.hello), config.mode())) {
            return;
        }
        String why = rival != null
                ? localRank.explainAgainst(ElectionRank.of(rival.hello), config.mode())
                : "peer session state incomplete";
        boolean preempting = Roles.containsSerial(standbys, preemptTargetSerial);
        transitionTo(
                roles.top,
                nowNs,
                preempting
                        ? StateReason.of(HaReason.PREEMPTING, why)
                        : withStateCompleteness(StateReason.of(HaReason.NO_ACTIVE_PEER, "election won: " + why)));
    }

    /** Active (active/passive) or active-primary (active/active). */
    private void top(long nowNs) {
        if (localFault(nowNs)) {
            return;
        }
        List<PeerView> parts = peers.participants();
        for (PeerView p : parts) {
            ElectionRank other = ElectionRank.of(p.hello);
            if (roles.of(p.state()) == Roles.Role.TOP && other.outranks(localRank, config.mode())) {
                transitionTo(
                        roles.standby,
                        nowNs,
                        StateReason.of(
                                HaReason.SPLIT_BRAIN_RESOLVED,
                                "peer " + p.serial + " preferred: " + other.explainAgainst(localRank, config.mode())));
                return;
            }
        }
        if (stallVerifyDeadlineNs != NEVER && nowNs >= stallVerifyDeadlineNs) {
            if (stallVerifying()) {
                counters.increment(HaCounter.STALL_VERIFY_TIMEOUT);
                LOG.warn("HA Group {}: no peer hello after the pause; forwarding again", config.groupId());
            }
            stallVerifyDeadlineNs = NEVER;
        }
    }

    private void tentative(long nowNs) {
        if (localFault(nowNs) || health.monitorFailing()) {
            return;
        }
        if (nowNs < Math.max(stateSinceNs, health.healthySinceNs()) + tentativeHoldNs) {
            return;
        }
        List<PeerView> parts = peers.participants();
        boolean peerForwarding = roles.any(parts, Roles.Role.TOP) || roles.any(parts, Roles.Role.STANDBY);
        if (!bulkSyncComplete && peerForwarding) {
            return; // still waiting for state synchronization completion
        }
        transitionTo(ACTIVE_SECONDARY, nowNs, withStateCompleteness(StateReason.of(HaReason.TENTATIVE_HOLD_EXPIRED)));
    }

    private void nonFunctional(long nowNs) {
        StateReason mismatch = peers.currentMismatch();
        if (mismatch != null && Compatibility.suspends(mismatch.code())) {
            transitionTo(SUSPENDED, nowNs, mismatch);
            return;
        }
        boolean monitorsBlock = health.monitorFailing() && roles.monitorFail == NON_FUNCTIONAL;
        if (mismatch != null || health.dataplaneDown() || monitorsBlock || nowNs < holdDownDeadlineNs) {
            return;
        }
        HaReason recovered = switch (reason.code()) {
            case LINK_DOWN, PATH_DOWN -> HaReason.MONITORS_RECOVERED;
            case DATAPLANE_DOWN -> HaReason.DATAPLANE_RECOVERED;
            default -> HaReason.COMPATIBILITY_RESTORED;
        };
        transitionTo(roles.recovered, nowNs, StateReason.of(recovered));
    }

    private void suspended(long nowNs) {
        if (stickySuspend) {
            return;
        }
        StateReason mismatch = peers.currentMismatch();
        if (mismatch == null || !Compatibility.suspends(mismatch.code())) {
            transitionTo(INITIAL, nowNs, StateReason.of(HaReason.COMPATIBILITY_RESTORED));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rules shared by several states.

    /**
     * Mismatches, a data-plane failure and monitor failures after their hold-up. A top node with a monitor
     * failure waits the additional master hold-up too, and stays when no standby peer could take over (PAN-OS
     * "last device standing").
     */
    private boolean localFault(long nowNs) {
        StateReason mismatch = peers.currentMismatch();
        if (mismatch != null) {
            transitionTo(Compatibility.suspends(mismatch.code()) ? SUSPENDED : NON_FUNCTIONAL, nowNs, mismatch);
            return true;
        }
        if (health.dataplaneDown()) {
            transitionTo(NON_FUNCTIONAL, nowNs, health.dataplaneReason());
            return true;
        }
        if (state != roles.monitorFail && health.monitorFailing() && nowNs >= monitorFailDeadlineNs()) {
            if (state != roles.top || roles.any(peers.participants(), Roles.Role.STANDBY)) {
                transitionTo(roles.monitorFail, nowNs, health.monitorReason());
                return true;
            }
        }
        return false;
    }

    private long monitorFailDeadlineNs() {
        if (!health.monitorFailing() || state == roles.monitorFail || !state.isHealthy()) {
            return NEVER;
        }
        long extra = state == roles.top ? additionalMasterHoldUpNs : 0;
        return health.monitorFailedSinceNs() + monitorFailHoldUpNs + extra;
    }

    /** Preempt the top peer when both are preemptive, this node outranks it, is ready and has waited its hold. */
    private void considerPreemption(PeerView top, long nowNs) {
        if (!config.preemptive() || !top.hello.preemptive() || !bulkSyncComplete) {
            return;
        }
        if (!localRank.outranks(ElectionRank.of(top.hello), config.mode())) {
            return;
        }
        if (health.monitorFailing() || nowNs < Math.max(stateSinceNs, health.healthySinceNs()) + preemptionHoldNs) {
            return;
        }
        if (top.serial.equals(preemptTargetSerial) && nowNs < preemptRetryDeadlineNs) {
            return;
        }
        preemptTargetSerial = top.serial;
        preemptRetryDeadlineNs = nowNs + peerFailureTimeoutNs;
        counters.increment(HaCounter.PREEMPT_REQUEST_SENT);
        LOG.info("HA Group {}: asking peer {} to step down (preemption)", config.groupId(), top.serial);
        requests.add(new HaRequest.SendPreemptRequest(top.serial));
    }

    /** No peer is alive: take over at once after a goodbye, else after the promotion hold. */
    private void promoteWithoutPeer(long nowNs) {
        if (peers.anyDeparted()) {
            transitionTo(roles.top, nowNs, withStateCompleteness(StateReason.of(HaReason.PEER_GOODBYE)));
        } else if (nowNs >= promotionDeadlineNs()) {
            HaReason why = peers.lastFailureNs() != NONE ? HaReason.PEER_FAILED_PROMOTED : HaReason.PEER_NOT_FOUND;
            transitionTo(roles.top, nowNs, withStateCompleteness(StateReason.of(why)));
        }
    }

    /** The promotion hold starts at the peer-failure declaration (or when this node became standby). */
    private long promotionDeadlineNs() {
        if (!peers.participants().isEmpty() || peers.anyAliveUnknown()) {
            return NEVER;
        }
        return Math.max(stateSinceNs, peers.lastFailureNs()) + promotionHoldNs;
    }

    private StateReason withStateCompleteness(StateReason why) {
        return bulkSyncComplete ? why : why.withDetail(STATE_INCOMPLETE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The one transition method.

    /**
     * Moves to {@code next}: counts flaps, releases or takes over traffic, asks for a bulk sync where the
     * session state may be stale, resets the per-state timers, records, counts and logs the transition, and
     * asks for a hello so peers learn the new state at once.
     */
    private void transitionTo(HaState next, long nowNs, StateReason why) {
        HaState from = state;
        if (from == next) {
            return;
        }
        if (!TransitionTable.allows(from, next, why.code())) {
            LOG.error("HA Group {}: unexpected transition {} -> {} ({})", config.groupId(), from, next, why);
            assert false : "transition not in TransitionTable: " + from + " -> " + next + " " + why.code();
        }
        int flapsBefore = flaps.total();
        HaReason loop = flaps.onTransition(from, next, activeByPreemption, nowNs);
        if (flaps.total() > flapsBefore) {
            counters.increment(HaCounter.FLAP);
        }
        if (from.isActive() && !next.isActive()) {
            requests.add(new HaRequest.ReleaseTraffic(next));
        } else if (!from.isActive() && next.isActive()) {
            requests.add(new HaRequest.TakeOverTraffic(next));
        }
        boolean staleState = from == INITIAL
                || from == NON_FUNCTIONAL
                || from == SUSPENDED
                || why.code() == HaReason.SPLIT_BRAIN_RESOLVED;
        if ((next == roles.standby || next == TENTATIVE) && staleState) {
            bulkSyncComplete = false;
            counters.increment(HaCounter.BULK_SYNC_REQUESTED);
            PeerView top = roles.first(peers.participants(), Roles.Role.TOP);
            requests.add(new HaRequest.RequestBulkSync(top != null ? top.serial : null));
        }
        if (next == roles.top) {
            bulkSyncComplete = true; // the top node's sessions are the reference
        }
        if (next.isActive() && !from.isActive()) {
            activeByPreemption = config.mode() == HaMode.ACTIVE_PASSIVE && why.code() == HaReason.PREEMPTING;
        }
        state = next;
        reason = why;
        stateSinceNs = nowNs;
        resetStateTimers(next, nowNs, why);
        record(new HaTransition(from, next, why, nowNs));
        requests.hello(nowNs);
        if (loop != null && next != SUSPENDED) {
            pendingLoopSuspension = loop;
        }
    }

    private void resetStateTimers(HaState next, long nowNs, StateReason why) {
        preemptTargetSerial = null;
        preemptRetryDeadlineNs = NEVER;
        yieldedToSerial = null;
        yieldDeadlineNs = NONE;
        stallVerifyDeadlineNs = NEVER;
        lostElectionTo = null;
        negotiationDeadlineNs = next == INITIAL ? nowNs + negotiationTimeoutNs : NEVER;
        boolean holdDown = next == NON_FUNCTIONAL
                && (why.code() == HaReason.LINK_DOWN
                        || why.code() == HaReason.PATH_DOWN
                        || why.code() == HaReason.DATAPLANE_DOWN);
        holdDownDeadlineNs = holdDown ? nowNs + monitorFailHoldDownNs : NONE;
    }

    private void record(HaTransition t) {
        if (history.size() == config.historyCapacity()) {
            history.removeFirst();
        }
        history.addLast(t);
        counters.increment(HaCounter.STATE_TRANSITION);
        LOG.info(
                "HA Group {}: moved from state {} to state {} ({})",
                config.groupId(),
                t.from().logName(),
                t.to().logName(),
                t.reason().text());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plumbing.

    private void onHealth(LocalHealth.Source source, MonitorVerdict verdict, long nowNs) {
        if (health.update(source, verdict, nowNs)) {
            counters.increment(
                    source == LocalHealth.Source.DATAPLANE ? HaCounter.DATAPLANE_DOWN : HaCounter.MONITOR_FAILURE);
            LOG.warn(
                    "HA Group {}: {} failed: {}",
                    config.groupId(),
                    source.name().toLowerCase(Locale.ROOT),
                    verdict.detail());
        }
        doWork(nowNs);
    }

    private int checkPeerLiveness(long nowNs) {
        List<PeerView> failed = peers.expire(nowNs);
        for (PeerView p : failed) {
            counters.increment(HaCounter.PEER_DECLARED_FAILED);
            LOG.warn(
                    "HA Group {}: peer {} declared failed: nothing heard on any path for {} ms",
                    config.groupId(),
                    p.serial,
                    config.timers().peerFailureTimeoutMs());
        }
        return failed.size();
    }

    private void noteRevival(PeerView p, int result) {
        if ((result & PeerTable.REVIVED) != 0) {
            counters.increment(HaCounter.PEER_REVIVED);
            LOG.info("HA Group {}: peer {} heard again", config.groupId(), p.serial);
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}

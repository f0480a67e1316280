package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.ManualClock;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One state machine driven by hand: a manual clock, peer messages built with {@link TestHello}, and the
 * requests the machine made since the last {@link #drain()}.
 */
final class Fixture {
    static final String LOCAL = "LOCAL-0001";
    static final String PEER = "PEER-0002";
    static final long LOCAL_NODE_ID = 0x00_1b_17_00_00_01L;
    static final long PEER_NODE_ID = 0x00_1b_17_00_00_02L;
    static final SoftwareVersion VERSION = new SoftwareVersion(1, 4, 2);

    /** Recommended timers: promotion 2000, hello 8000, heartbeat 1000 × 3, flap max 3, preemption 60 s. */
    static final HaTimers.Resolved TIMERS = HaTimers.RECOMMENDED;

    final ManualClock clock = new ManualClock();
    final HaStateMachine m;
    final List<HaRequest> requests = new ArrayList<>();

    Fixture() {
        this(b -> b);
    }

    Fixture(UnaryOperator<HaMachineConfig.Builder> customize) {
        this(LOCAL_NODE_ID, customize);
    }

    Fixture(long nodeId, UnaryOperator<HaMachineConfig.Builder> customize) {
        m = new HaStateMachine(customize.apply(config(nodeId)).build(), now());
    }

    static HaMachineConfig.Builder config(long nodeId) {
        return HaMachineConfig.builder(LOCAL, nodeId)
                .version(VERSION)
                .timers(TIMERS)
                .peerNegotiationTimeoutMs(60_000)
                .monitorFailHoldDownMs(60_000)
                .tentativeHoldMs(60_000);
    }

    static HaMachineConfig.Builder activeActive(HaMachineConfig.Builder b) {
        return b.mode(HaMode.ACTIVE_ACTIVE).deviceId(0);
    }

    static HaTimers.Resolved timers(long preemptionHoldMs, int flapMax) {
        var t = TIMERS;
        return new HaTimers.Resolved(
                t.promotionHoldTimeMs(),
                t.helloIntervalMs(),
                t.heartbeatIntervalMs(),
                t.heartbeatMissThreshold(),
                flapMax,
                preemptionHoldMs,
                t.monitorFailHoldUpTimeMs(),
                t.additionalMasterHoldUpTimeMs());
    }

    long now() {
        return clock.nanoTime();
    }

    /** Advances the clock and runs the machine's timers. */
    Fixture advance(long ms) {
        clock.advanceMs(ms);
        m.doWork(now());
        return this;
    }

    /** Advances with a peer heartbeat every second so that the peer stays alive. */
    Fixture advanceWithHeartbeats(long ms) {
        long left = ms;
        while (left > 0) {
            long stepMs = Math.min(1000, left);
            clock.advanceMs(stepMs);
            left -= stepMs;
            m.onHeartbeat(PEER, HaPath.HA1, now());
        }
        return this;
    }

    Fixture hello(TestHello hello) {
        m.onHello(hello.build(), HaPath.HA1, now());
        return this;
    }

    Fixture hello(HaState peerState) {
        return hello(TestHello.peer(peerState));
    }

    /** Requests made since the last drain. */
    List<HaRequest> drain() {
        m.drainRequests(requests::add);
        List<HaRequest> out = List.copyOf(requests);
        requests.clear();
        return out;
    }

    <T extends HaRequest> List<T> drained(Class<T> type) {
        return drain().stream().filter(type::isInstance).map(type::cast).toList();
    }

    Fixture assertState(HaState state, HaReason reason) {
        assertThat(m.state()).as("state").isEqualTo(state);
        assertThat(m.reason().code()).as("reason of %s: %s", state, m.reason()).isEqualTo(reason);
        return this;
    }

    /** Local node active (it won the initial election) with a passive peer of priority 200. */
    static Fixture activeWithPassivePeer(UnaryOperator<HaMachineConfig.Builder> customize) {
        Fixture f = new Fixture(customize);
        f.hello(TestHello.peer(HaState.INITIAL).priority(200));
        f.assertState(HaState.ACTIVE, HaReason.ELECTION_WON);
        f.hello(TestHello.peer(HaState.PASSIVE).priority(200));
        f.drain();
        return f;
    }

    /** Local node passive with an active peer, bulk sync complete. */
    static Fixture passiveWithActivePeer(UnaryOperator<HaMachineConfig.Builder> customize, TestHello peer) {
        Fixture f = new Fixture(customize);
        f.hello(peer.state(HaState.ACTIVE));
        f.assertState(HaState.PASSIVE, HaReason.PEER_ACTIVE);
        f.m.onBulkSyncComplete(f.now());
        f.drain();
        return f;
    }
}

package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalStallTest {

    /** The agent's duty cycle was delayed: it reports the stall before running timers. */
    private static void stall(Fixture f, long ms) {
        f.clock.advanceMs(ms);
        f.m.onLocalStall(ms * 1_000_000L, f.now());
    }

    @Test
    void passiveStallIsNotThePeersDeath() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        stall(f, 10_000);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        assertThat(f.m.counters().get(HaCounter.PEER_DECLARED_FAILED)).isZero();
        // fresh silence after the stall is needed: 3000 ms, then the 2000 ms promotion hold
        f.advance(2_999);
        assertThat(f.m.counters().get(HaCounter.PEER_DECLARED_FAILED)).isZero();
        f.advance(1);
        assertThat(f.m.counters().get(HaCounter.PEER_DECLARED_FAILED)).isEqualTo(1);
        f.advance(2_000);
        f.assertState(HaState.ACTIVE, HaReason.PEER_FAILED_PROMOTED);
    }

    @Test
    void passiveStallFollowedByTheQueuedHeartbeatsKeepsThePair() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        stall(f, 10_000);
        f.m.onHeartbeat(Fixture.PEER, HaPath.HA1, f.now());
        f.advanceWithHeartbeats(30_000);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        assertThat(f.m.counters().get(HaCounter.LOCAL_STALL)).isEqualTo(1);
    }

    @Test
    void stallDuringThePromotionHoldRequiresFreshSilenceAgain() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        f.advance(3_000);
        f.advance(1_000); // 1 s into the promotion hold
        stall(f, 5_000);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        f.advance(3_000 + 1_999);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_FAILED_PROMOTED);
    }

    @Test
    void initialStallPostponesGoingActiveAlone() {
        Fixture f = new Fixture();
        stall(f, 61_000);
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        f.advance(2_999);
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_NOT_FOUND);
    }

    @Test
    void activeStalledLongerThanTheFailureTimeoutHoldsTrafficUntilItHearsThePeer() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        stall(f, 4_000);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        assertThat(f.m.stallVerifying()).isTrue();
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.DISCARD);
        assertThat(f.drain()).contains(new HaRequest.SendHello(), new HaRequest.SendHeartbeat());
        f.hello(TestHello.peer(HaState.PASSIVE).priority(200));
        assertThat(f.m.stallVerifying()).isFalse();
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
        assertThat(f.m.history()).hasSize(1);
    }

    @Test
    void activeVerificationEndsAfterABoundedTimeWithoutPeer() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        stall(f, 4_000);
        f.advance(2_999);
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.DISCARD);
        f.advance(1);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
        assertThat(f.m.counters().get(HaCounter.STALL_VERIFY_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void shortStallDoesNotHoldTraffic() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        stall(f, 2_999);
        assertThat(f.m.stallVerifying()).isFalse();
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
    }

    @Test
    void stalledActiveFindsThePeerTookOverAndRankDecides() {
        for (boolean stalledNodeOutranks : new boolean[] {true, false}) {
            // A is active (no preemption); B took over while A was paused
            PairHarness h =
                    new PairHarness(b -> b.priority(stalledNodeOutranks ? 50 : 100), b -> b.priority(75), false);
            h.boot(h.a);
            h.run(11_000);
            h.boot(h.b);
            assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
            assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
            h.pause(h.a);
            h.run(6_000);
            assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
            h.invariant = x -> assertThat(x.a.m.forwarding() == ForwardingMode.FORWARD
                            && x.b.m.forwarding() == ForwardingMode.FORWARD)
                    .as("the stalled node forwards only once the peer has stepped down")
                    .isFalse();
            h.resume(h.a);
            h.run(1_000);
            HaState expectedA = stalledNodeOutranks ? HaState.ACTIVE : HaState.PASSIVE;
            assertThat(h.a.state()).as("A outranks: %s", stalledNodeOutranks).isEqualTo(expectedA);
            assertThat(h.b.state()).isNotEqualTo(expectedA);
            HaStateMachine loser = stalledNodeOutranks ? h.b.m : h.a.m;
            assertThat(loser.reason().code()).isEqualTo(HaReason.SPLIT_BRAIN_RESOLVED);
            assertThat(h.a.m.stallVerifying()).isFalse();
        }
    }

    @Test
    void stalledActiveWhosePeerWasStillInPromotionHoldContinues() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(1_000);
        h.pause(h.a);
        h.run(4_000);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        h.resume(h.a);
        h.run(10_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.a.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
    }
}

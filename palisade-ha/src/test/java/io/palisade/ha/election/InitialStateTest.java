package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InitialStateTest {

    @Test
    void startsInitialAndAsksForHelloAndHeartbeat() {
        Fixture f = new Fixture();
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        assertThat(f.m.reason().code()).isEqualTo(HaReason.STARTED);
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.DISCARD);
        assertThat(f.drain()).containsExactly(new HaRequest.SendHello(), new HaRequest.SendHeartbeat());
    }

    @Test
    void goesActiveAloneExactlyAtTheNegotiationTimeout() {
        Fixture f = new Fixture();
        f.advance(59_999);
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_NOT_FOUND);
        assertThat(f.m.reason().text()).isEqualTo("Peer not found, going active alone");
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
        assertThat(f.drain()).contains(new HaRequest.TakeOverTraffic(HaState.ACTIVE), new HaRequest.SendHello());
        assertThat(f.m.history())
                .containsExactly(new HaTransition(
                        HaState.INITIAL, HaState.ACTIVE, StateReason.of(HaReason.PEER_NOT_FOUND), f.now()));
    }

    @Test
    void becomesPassiveWhenThePeerIsAlreadyActiveAndAsksForABulkSync() {
        Fixture f = new Fixture();
        f.drain();
        f.hello(HaState.ACTIVE);
        f.assertState(HaState.PASSIVE, HaReason.PEER_ACTIVE);
        assertThat(f.m.bulkSyncComplete()).isFalse();
        assertThat(f.drain()).contains(new HaRequest.RequestBulkSync(Fixture.PEER), new HaRequest.SendHello());
        assertThat(f.m.counters().get(HaCounter.BULK_SYNC_REQUESTED)).isEqualTo(1);
    }

    @Test
    void bothInitialLowerPriorityWins() {
        Fixture win = new Fixture(b -> b.priority(50));
        win.hello(TestHello.peer(HaState.INITIAL).priority(100));
        win.assertState(HaState.ACTIVE, HaReason.ELECTION_WON);
        assertThat(win.m.reason().detail()).isEqualTo("priority 50 < 100");

        Fixture lose = new Fixture(b -> b.priority(150));
        lose.hello(TestHello.peer(HaState.INITIAL).priority(100));
        assertThat(lose.m.state())
                .as("the loser waits for the winner to go active")
                .isEqualTo(HaState.INITIAL);
        lose.hello(TestHello.peer(HaState.ACTIVE).priority(100));
        lose.assertState(HaState.PASSIVE, HaReason.ELECTION_LOST);
        assertThat(lose.m.reason().detail()).isEqualTo("priority 150 > 100");
        assertThat(lose.drain()).contains(new HaRequest.RequestBulkSync(Fixture.PEER));
    }

    @Test
    void bothInitialWithEqualPriorityTheLowerNodeIdWinsEvenWithoutPreemption() {
        Fixture lowerMac = new Fixture();
        lowerMac.hello(TestHello.peer(HaState.INITIAL).nodeId(Fixture.LOCAL_NODE_ID + 1));
        lowerMac.assertState(HaState.ACTIVE, HaReason.ELECTION_WON);
        assertThat(lowerMac.m.reason().detail())
                .isEqualTo("priority 100 equal, HA1 MAC 00:1b:17:00:00:01 < 00:1b:17:00:00:02");

        Fixture higherMac = new Fixture();
        higherMac.hello(TestHello.peer(HaState.INITIAL).nodeId(Fixture.LOCAL_NODE_ID - 1));
        higherMac.hello(TestHello.peer(HaState.ACTIVE).nodeId(Fixture.LOCAL_NODE_ID - 1));
        higherMac.assertState(HaState.PASSIVE, HaReason.ELECTION_LOST);
    }

    @Test
    void nodeIdsCompareUnsigned() {
        Fixture f = new Fixture(0x7fff_ffff_ffff_ffffL, b -> b);
        f.hello(TestHello.peer(HaState.INITIAL).nodeId(0x8000_0000_0000_0000L));
        f.assertState(HaState.ACTIVE, HaReason.ELECTION_WON);
    }

    @Test
    void waitsWhileThePeerIsPassiveBecauseThePassivePeerTakesOverFirst() {
        Fixture f = new Fixture();
        f.hello(HaState.PASSIVE);
        f.advanceWithHeartbeats(120_000);
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        f.hello(HaState.ACTIVE);
        f.assertState(HaState.PASSIVE, HaReason.PEER_ACTIVE);
    }

    @Test
    void goesActiveAtOnceWhenThePeerIsNonFunctionalOrSuspended() {
        Fixture nf = new Fixture();
        nf.hello(HaState.NON_FUNCTIONAL);
        nf.assertState(HaState.ACTIVE, HaReason.PEER_NON_FUNCTIONAL);

        Fixture susp = new Fixture();
        susp.hello(HaState.SUSPENDED);
        susp.assertState(HaState.ACTIVE, HaReason.PEER_SUSPENDED);
    }

    @Test
    void aPeerHeardOnlyByHeartbeatIsNotNegotiatedWithSoTheTimeoutStillApplies() {
        // PAN-OS: "After a timeout, the firewall becomes active if HA negotiation has not started."
        Fixture f = new Fixture();
        f.advanceWithHeartbeats(59_000);
        f.clock.advanceMs(999);
        f.m.doWork(f.now());
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_NOT_FOUND);
    }

    @Test
    void aPeerThatWentSilentDuringNegotiationLeadsToActiveAtTheDeadline() {
        Fixture f = new Fixture();
        f.hello(HaState.PASSIVE);
        f.advance(3_000);
        assertThat(f.m.snapshot(f.now()).peers().getFirst().failed()).isTrue();
        f.advance(56_999);
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_HEARTBEAT_LOST);
    }

    @Test
    void goesActiveAtOnceAfterTheOnlyPeerSaidGoodbye() {
        Fixture f = new Fixture();
        f.hello(HaState.PASSIVE);
        f.m.onGoodbye(Fixture.PEER, f.now());
        f.assertState(HaState.ACTIVE, HaReason.PEER_GOODBYE);
    }

    @Test
    void sendsAHelloEveryHelloIntervalAndAHeartbeatEveryHeartbeatInterval() {
        Fixture f = new Fixture();
        f.drain();
        f.advance(999);
        assertThat(f.drain()).isEmpty();
        f.advance(1);
        assertThat(f.drain()).containsExactly(new HaRequest.SendHeartbeat());
        f.advance(6_999);
        assertThat(f.drained(HaRequest.SendHello.class)).isEmpty();
        f.advance(1);
        assertThat(f.drained(HaRequest.SendHello.class)).hasSize(1);
    }

    @Test
    void helloRequestsCoalesceUntilDrained() {
        Fixture f = new Fixture();
        f.hello(TestHello.peer(HaState.INITIAL).priority(200));
        List<HaRequest> out = f.drain();
        assertThat(out.stream().filter(r -> r instanceof HaRequest.SendHello)).hasSize(1);
    }

    @Test
    void nextDeadlineIsTheEarliestTimerAndMovesOn() {
        Fixture f = new Fixture();
        assertThat(f.m.nextDeadlineNs(f.now())).isEqualTo(f.now() + 1_000_000_000L); // heartbeat
        f.hello(HaState.PASSIVE);
        f.advance(1_000);
        assertThat(f.m.nextDeadlineNs(f.now())).isGreaterThan(f.now());
    }

    @Test
    void historyIsBoundedAndOldestFirst() {
        Fixture f = new Fixture(b -> b.historyCapacity(2));
        f.hello(HaState.ACTIVE); // initial -> passive
        f.m.suspend(f.now()); // passive -> suspended
        f.m.functional(f.now()); // suspended -> initial -> passive (the peer is still active)
        assertThat(f.m.history()).extracting(HaTransition::to).containsExactly(HaState.INITIAL, HaState.PASSIVE);
        assertThat(f.m.counters().get(HaCounter.STATE_TRANSITION)).isEqualTo(4);
    }
}

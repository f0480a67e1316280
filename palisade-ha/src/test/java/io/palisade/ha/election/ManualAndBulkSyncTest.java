package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManualAndBulkSyncTest {

    @Test
    void suspendingTheActiveHandsOverAtOnce() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(1_000);
        h.a.m.suspend(h.now());
        h.pump();
        assertThat(h.a.state()).isEqualTo(HaState.SUSPENDED);
        assertThat(h.a.m.reason().text()).isEqualTo("User requested");
        assertThat(h.a.sent).contains(new HaRequest.ReleaseTraffic(HaState.SUSPENDED));
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.PEER_SUSPENDED);
    }

    @Test
    void functionalGoesBackToInitialAndNegotiates() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.run(1_000);
        h.a.m.suspend(h.now());
        h.run(60_000);
        assertThat(h.a.state()).as("suspended ignores everything").isEqualTo(HaState.SUSPENDED);
        assertThat(h.a.m.functional(h.now())).isTrue();
        assertThat(h.a.m.history())
                .contains(new HaTransition(
                        HaState.SUSPENDED, HaState.INITIAL, StateReason.of(HaReason.USER_REQUESTED), h.now()));
        h.pump();
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.PEER_ACTIVE);
    }

    @Test
    void functionalOnANodeThatIsNotSuspendedDoesNothing() {
        Fixture f = new Fixture();
        assertThat(f.m.functional(f.now())).isFalse();
        assertThat(f.m.state()).isEqualTo(HaState.INITIAL);
    }

    @Test
    void suspendedNodeIgnoresMonitorsAndPeers() {
        Fixture f = new Fixture();
        f.m.suspend(f.now());
        f.m.onDataplaneHealth(MonitorVerdict.failed("x"), f.now());
        f.hello(HaState.NON_FUNCTIONAL);
        f.advance(120_000);
        f.assertState(HaState.SUSPENDED, HaReason.USER_REQUESTED);
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.DISCARD);
    }

    @Test
    void passiveWithIncompleteSyncDoesNotTakeOverFromAHealthyPassivePeerWithCompleteState() {
        // both passive (the active stepped down), this node has the better rank but no complete state
        Fixture f = new Fixture(b -> b.priority(10));
        f.hello(TestHello.peer(HaState.ACTIVE).priority(100));
        assertThat(f.m.bulkSyncComplete()).isFalse();
        f.hello(TestHello.peer(HaState.PASSIVE).priority(100).bulkSyncComplete(true));
        assertThat(f.m.state()).as("the peer with complete state goes first").isEqualTo(HaState.PASSIVE);
        f.m.onBulkSyncComplete(f.now());
        f.assertState(HaState.ACTIVE, HaReason.NO_ACTIVE_PEER);
        assertThat(f.m.reason().detail()).isEqualTo("election won: priority 10 < 100");
    }

    @Test
    void passiveWithCompleteStateWinsOverABetterRankedPeerWithout() {
        Fixture f = new Fixture(b -> b.priority(200));
        f.hello(TestHello.peer(HaState.ACTIVE).priority(100));
        f.m.onBulkSyncComplete(f.now());
        f.hello(TestHello.peer(HaState.PASSIVE).priority(100).bulkSyncComplete(false));
        f.assertState(HaState.ACTIVE, HaReason.NO_ACTIVE_PEER);
        assertThat(f.m.reason().detail()).isEqualTo("election won: peer session state incomplete");
    }

    @Test
    void incompleteNodeStillTakesOverWhenThePeerIsGoneAndSaysSo() {
        Fixture f = new Fixture();
        f.hello(HaState.ACTIVE);
        f.advance(3_000);
        f.advance(2_000);
        f.assertState(HaState.ACTIVE, HaReason.PEER_FAILED_PROMOTED);
        assertThat(f.m.reason().text())
                .isEqualTo("Peer declared failed after promotion hold: session state synchronization incomplete");
        assertThat(f.m.bulkSyncComplete())
                .as("the active node's state is the reference")
                .isTrue();
    }

    @Test
    void bulkSyncCompletionIsAnnouncedInTheHello() {
        Fixture f = new Fixture();
        f.hello(HaState.ACTIVE);
        assertThat(f.m.localHello().bulkSyncComplete()).isFalse();
        f.drain();
        f.m.onBulkSyncComplete(f.now());
        assertThat(f.m.localHello().bulkSyncComplete()).isTrue();
        assertThat(f.drain()).contains(new HaRequest.SendHello());
        assertThat(f.m.counters().get(HaCounter.BULK_SYNC_COMPLETED)).isEqualTo(1);
    }
}

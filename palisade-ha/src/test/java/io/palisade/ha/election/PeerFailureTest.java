package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerFailureTest {

    private static Fixture passive() {
        return Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
    }

    @Test
    void peerIsDeclaredFailedAfterHeartbeatIntervalTimesMissThresholdThenPromotionHold() {
        Fixture f = passive();
        f.advance(2_999);
        assertThat(f.m.counters().get(HaCounter.PEER_DECLARED_FAILED)).isZero();
        f.advance(1);
        assertThat(f.m.counters().get(HaCounter.PEER_DECLARED_FAILED)).isEqualTo(1);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        f.advance(1_999);
        assertThat(f.m.state()).as("promotion hold not over").isEqualTo(HaState.PASSIVE);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_FAILED_PROMOTED);
        assertThat(f.m.reason().text()).isEqualTo("Peer declared failed after promotion hold");
        assertThat(f.drain()).contains(new HaRequest.TakeOverTraffic(HaState.ACTIVE));
    }

    @Test
    void heartbeatsKeepThePeerAliveOnAnyPath() {
        Fixture f = passive();
        for (int i = 0; i < 30; i++) {
            f.clock.advanceMs(1_000);
            f.m.onHeartbeat(Fixture.PEER, HaPath.HEARTBEAT_BACKUP, f.now());
        }
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        var peer = f.m.snapshot(f.now()).peers().getFirst();
        assertThat(peer.connectionUp()).isTrue();
        assertThat(peer.paths())
                .filteredOn(p -> p.up())
                .extracting(HaSnapshot.PathStatus::path)
                .containsExactly(HaPath.HEARTBEAT_BACKUP);
    }

    @Test
    void peerHeardAgainDuringThePromotionHoldCancelsTheTakeover() {
        Fixture f = passive();
        f.advance(3_000 + 1_500);
        f.m.onHeartbeat(Fixture.PEER, HaPath.HA1, f.now());
        f.advance(1_000);
        assertThat(f.m.state()).as("state unknown: wait for the hello").isEqualTo(HaState.PASSIVE);
        f.hello(HaState.ACTIVE);
        f.advanceWithHeartbeats(10_000);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        assertThat(f.m.counters().get(HaCounter.PEER_REVIVED)).isEqualTo(1);
    }

    @Test
    void gracefulGoodbyeTakesOverAtOnceWithoutTimeoutOrPromotionHold() {
        Fixture f = passive();
        f.m.onGoodbye(Fixture.PEER, f.now());
        f.assertState(HaState.ACTIVE, HaReason.PEER_GOODBYE);
        assertThat(f.m.reason().text()).isEqualTo("Peer shut down gracefully");
    }

    @Test
    void peerReportingNonFunctionalOrSuspendedIsReplacedAtOnce() {
        Fixture nf = passive();
        nf.hello(HaState.NON_FUNCTIONAL);
        nf.assertState(HaState.ACTIVE, HaReason.PEER_NON_FUNCTIONAL);

        Fixture susp = passive();
        susp.hello(HaState.SUSPENDED);
        susp.assertState(HaState.ACTIVE, HaReason.PEER_SUSPENDED);
    }

    @Test
    void activeKeepsForwardingWhenThePassivePeerFails() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.advance(10_000);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        assertThat(f.m.snapshot(f.now()).peers().getFirst().failed()).isTrue();
    }

    @Test
    void primaryHa1LossWithBackupAliveIsNeitherFailoverNorSplitBrain() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        h.cut(HaPath.HA1);
        h.run(60_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.b.m.counters().get(HaCounter.PEER_DECLARED_FAILED)).isZero();
    }

    @Test
    void heartbeatBackupAloneKeepsThePairTogether() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(1_000);
        h.cut(HaPath.HA1, HaPath.HA1_BACKUP);
        h.run(60_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
    }

    @Test
    void activeFailureInThePairPromotesThePassive() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.run(1_000);
        h.crash(h.a);
        long crashNs = h.now();
        h.run(4_900, 100);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        h.run(200, 100);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.PEER_FAILED_PROMOTED);
        // detection = last heartbeat + 3000 ms, takeover = + 2000 ms promotion hold
        assertThat(h.b.m.stateSinceNs() - crashNs).isBetween(4_000_000_000L, 5_100_000_000L);
    }

    @Test
    void gracefulShutdownInThePairIsTakenOverImmediately() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.run(1_000);
        h.shutdown(h.a);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.PEER_GOODBYE);
    }
}

package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.HaTimers;
import org.junit.jupiter.api.Test;

class MonitorTest {
    private static final MonitorVerdict LINK_FAIL = MonitorVerdict.failed("group wire-links: ethernet1/1 down");

    private static HaTimers.Resolved holdUp(int holdUpMs, int additionalMs) {
        var t = Fixture.TIMERS;
        return new HaTimers.Resolved(
                t.promotionHoldTimeMs(),
                t.helloIntervalMs(),
                t.heartbeatIntervalMs(),
                t.heartbeatMissThreshold(),
                t.flapMax(),
                t.preemptionHoldTimeMs(),
                holdUpMs,
                additionalMs);
    }

    @Test
    void passiveGoesNonFunctionalAtOnceWithZeroHoldUp() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.LINK_DOWN);
        assertThat(f.m.reason().text()).isEqualTo("Link down: group wire-links: ethernet1/1 down");
    }

    @Test
    void passiveWaitsTheMonitorFailHoldUp() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b.timers(holdUp(2_000, 500)), TestHello.peer(HaState.ACTIVE));
        f.m.onPathMonitoring(MonitorVerdict.failed("vr default: 198.18.0.1 unreachable"), f.now());
        f.advanceWithHeartbeats(1_999);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        f.clock.advanceMs(1);
        f.m.doWork(f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.PATH_DOWN);
    }

    @Test
    void activeWaitsHoldUpPlusAdditionalMasterHoldUp() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b.timers(holdUp(1_000, 500)));
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advanceWithHeartbeats(1_499);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        f.clock.advanceMs(1);
        f.m.doWork(f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.LINK_DOWN);
        assertThat(f.drain()).contains(new HaRequest.ReleaseTraffic(HaState.NON_FUNCTIONAL));
    }

    @Test
    void monitorRecoveringWithinTheHoldUpCausesNoTransition() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advanceWithHeartbeats(400);
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.advanceWithHeartbeats(5_000);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        assertThat(f.m.history()).hasSize(1);
    }

    @Test
    void whenBothSeeTheSameFailureThePassiveGoesFirstAndTheActiveStays() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b);
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(1_000);
        h.a.m.onLinkMonitoring(LINK_FAIL, h.now());
        h.b.m.onLinkMonitoring(LINK_FAIL, h.now());
        h.pump();
        h.run(10_000);
        assertThat(h.b.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        assertThat(h.a.state()).as("last device standing").isEqualTo(HaState.ACTIVE);
    }

    @Test
    void activeWithoutAStandbyPeerKeepsForwarding() {
        Fixture f = new Fixture();
        f.advance(60_000);
        f.assertState(HaState.ACTIVE, HaReason.PEER_NOT_FOUND);
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advance(10_000);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        // a passive peer appears: now the failed active hands over
        f.hello(HaState.PASSIVE);
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.LINK_DOWN);
    }

    @Test
    void nonFunctionalReturnsToPassiveOnlyAfterTheHoldDownAndWhenHealthy() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advanceWithHeartbeats(5_000);
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.advanceWithHeartbeats(54_999);
        assertThat(f.m.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        f.clock.advanceMs(1);
        f.m.doWork(f.now());
        f.assertState(HaState.PASSIVE, HaReason.MONITORS_RECOVERED);
        assertThat(f.drain()).contains(new HaRequest.RequestBulkSync(Fixture.PEER));
    }

    @Test
    void nonFunctionalStaysWhileTheMonitorStillFailsAfterTheHoldDown() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advanceWithHeartbeats(120_000);
        assertThat(f.m.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.assertState(HaState.PASSIVE, HaReason.MONITORS_RECOVERED);
    }

    @Test
    void dataplaneFailureIsNonFunctionalAtOnceWithItsReason() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.m.onDataplaneHealth(MonitorVerdict.failed("worker 1 stalled"), f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.DATAPLANE_DOWN);
        assertThat(f.m.reason().text()).isEqualTo("Dataplane down: worker 1 stalled");
        f.m.onDataplaneHealth(MonitorVerdict.healthy(), f.now());
        f.advanceWithHeartbeats(59_000);
        assertThat(f.m.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        f.advanceWithHeartbeats(1_000);
        f.assertState(HaState.PASSIVE, HaReason.DATAPLANE_RECOVERED);
    }

    @Test
    void dataplaneFailureWithoutAPeerStillStopsTheNode() {
        Fixture f = new Fixture();
        f.advance(60_000);
        f.m.onDataplaneHealth(MonitorVerdict.failed(""), f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.DATAPLANE_DOWN);
        assertThat(f.m.reason().text()).isEqualTo("Dataplane down: dataplane failure");
    }

    @Test
    void recoveredNodeWithoutPeerGoesActiveAfterThePromotionHold() {
        Fixture f = new Fixture();
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.LINK_DOWN);
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.advance(60_000);
        f.assertState(HaState.PASSIVE, HaReason.MONITORS_RECOVERED);
        f.advance(1_999);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
        f.advance(1);
        f.assertState(HaState.ACTIVE, HaReason.PEER_NOT_FOUND);
    }

    @Test
    void linkAndPathFailuresReportTheFirstOne() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b.timers(holdUp(1_000, 500)), TestHello.peer(HaState.ACTIVE));
        f.m.onPathMonitoring(MonitorVerdict.failed("path"), f.now());
        f.advanceWithHeartbeats(500);
        f.m.onLinkMonitoring(MonitorVerdict.failed("link"), f.now());
        f.advanceWithHeartbeats(500);
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.PATH_DOWN);
        assertThat(f.m.counters().get(HaCounter.MONITOR_FAILURE)).isEqualTo(2);
    }

    @Test
    void anAgentFailureMakesTheActiveNonFunctionalForGoodAndTellsThePeer() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.drain();
        f.m.onAgentFailure("java.lang.IllegalStateException: boom", f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.HA_AGENT_FAILED);
        assertThat(f.m.reason().text())
                .isEqualTo("HA agent stopped by an internal error: java.lang.IllegalStateException: boom");
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.DISCARD);
        assertThat(f.drain())
                .contains(new HaRequest.ReleaseTraffic(HaState.NON_FUNCTIONAL))
                .anyMatch(r -> r instanceof HaRequest.SendHello);
    }

    @Test
    void everyStateButNonFunctionalMayEndInAnAgentFailure() {
        for (HaState from : HaState.values()) {
            assertThat(TransitionTable.allows(from, HaState.NON_FUNCTIONAL, HaReason.HA_AGENT_FAILED))
                    .as(from.name())
                    .isEqualTo(from != HaState.NON_FUNCTIONAL);
        }
    }
}

package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.HaMode;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ActiveActiveTest {
    private static final MonitorVerdict LINK_FAIL = MonitorVerdict.failed("ethernet1/3 down");

    private static UnaryOperator<HaMachineConfig.Builder> aa(int deviceId, int priority) {
        return b -> b.mode(HaMode.ACTIVE_ACTIVE).deviceId(deviceId).priority(priority);
    }

    private static PairHarness pair(int priorityA, int priorityB) {
        PairHarness h = new PairHarness(aa(0, priorityA), aa(1, priorityB));
        h.invariant = x -> assertThat(twoPrimaries(x)).as("two primaries").isFalse();
        h.run(1_000);
        return h;
    }

    private static boolean twoPrimaries(PairHarness x) {
        boolean healthyLinks = !x.a.down && !x.b.down && !x.a.paused && !x.b.paused && x.pathsUp.size() == 3;
        return healthyLinks && x.a.state() == HaState.ACTIVE_PRIMARY && x.b.state() == HaState.ACTIVE_PRIMARY;
    }

    @Test
    void bothInitialBecomePrimaryAndSecondaryAndBothForward() {
        PairHarness h = pair(100, 100);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(h.a.m.reason().detail()).isEqualTo("priority 100 equal, device-id 0 < 1");
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.ELECTION_LOST);
        assertThat(h.a.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
        assertThat(h.b.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
    }

    @Test
    void deviceIdZeroIsPreferredOnATieEvenWithAHigherNodeId() {
        PairHarness h = new PairHarness(aa(1, 100), aa(0, 100)); // A has the lower node id
        h.run(1_000);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        // B decided first and its first hello already said active-primary: A joins through tentative
        assertThat(h.a.state()).isIn(HaState.ACTIVE_SECONDARY, HaState.TENTATIVE);
        h.run(60_000, 500);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
    }

    @Test
    void priorityComesBeforeDeviceId() {
        PairHarness h = new PairHarness(aa(1, 50), aa(0, 100));
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
    }

    @Test
    void nodeJoiningAnActivePrimaryWaitsInTentativeForSyncAndTheHoldTime() {
        PairHarness h = new PairHarness(aa(0, 100), aa(1, 100), false);
        h.boot(h.b);
        h.run(11_000);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        h.ha2Up = false;
        h.boot(h.a);
        assertThat(h.a.state()).isEqualTo(HaState.TENTATIVE);
        assertThat(h.a.m.reason().text()).isEqualTo("Waiting for state synchronization completion");
        assertThat(h.a.m.forwarding()).isEqualTo(ForwardingMode.SEND_TO_PEER);
        assertThat(h.a.sent).contains(new HaRequest.RequestBulkSync("FW-B"));
        long enteredNs = h.a.m.stateSinceNs();
        h.run(120_000, 500);
        assertThat(h.a.state()).as("no sync, no secondary").isEqualTo(HaState.TENTATIVE);
        h.a.m.onBulkSyncComplete(h.now());
        h.pump();
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.TENTATIVE_HOLD_EXPIRED);
        assertThat(h.a.m.stateSinceNs() - enteredNs).isGreaterThanOrEqualTo(60_000_000_000L);
        assertThat(h.b.state())
                .as("B keeps the primary role without preemption")
                .isEqualTo(HaState.ACTIVE_PRIMARY);
    }

    @Test
    void tentativeHoldBoundary() {
        Fixture f = new Fixture(b -> Fixture.activeActive(b).deviceId(1));
        f.hello(TestHello.peer(HaState.ACTIVE_PRIMARY)
                .mode(HaMode.ACTIVE_ACTIVE)
                .deviceId(0));
        f.assertState(HaState.TENTATIVE, HaReason.WAITING_FOR_STATE_SYNC);
        f.m.onBulkSyncComplete(f.now());
        f.advanceWithHeartbeats(59_999);
        assertThat(f.m.state()).isEqualTo(HaState.TENTATIVE);
        f.clock.advanceMs(1);
        f.m.doWork(f.now());
        f.assertState(HaState.ACTIVE_SECONDARY, HaReason.TENTATIVE_HOLD_EXPIRED);
        assertThat(f.drain()).contains(new HaRequest.TakeOverTraffic(HaState.ACTIVE_SECONDARY));
    }

    @Test
    void secondaryMonitorFailureGoesTentativeAndBackAfterTheHoldTime() {
        PairHarness h = pair(100, 100);
        h.b.m.onLinkMonitoring(LINK_FAIL, h.now());
        h.pump();
        assertThat(h.b.state()).isEqualTo(HaState.TENTATIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.LINK_DOWN);
        assertThat(h.b.m.forwarding()).isEqualTo(ForwardingMode.SEND_TO_PEER);
        assertThat(h.b.sent).contains(new HaRequest.ReleaseTraffic(HaState.TENTATIVE));
        h.run(30_000);
        h.b.m.onLinkMonitoring(MonitorVerdict.healthy(), h.now());
        h.run(59_900);
        assertThat(h.b.state()).isEqualTo(HaState.TENTATIVE);
        h.run(200);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
    }

    @Test
    void primaryMonitorFailureHandsThePrimaryRoleToTheSecondary() {
        PairHarness h = pair(100, 100);
        h.a.m.onLinkMonitoring(LINK_FAIL, h.now());
        h.run(400);
        assertThat(h.a.state()).as("additional master hold-up").isEqualTo(HaState.ACTIVE_PRIMARY);
        h.run(200);
        assertThat(h.a.state()).isEqualTo(HaState.TENTATIVE);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(h.b.m.reason().text()).isEqualTo("No active peer: peer is tentative");
    }

    @Test
    void primaryFailureIsTakenOverAfterThePromotionHold() {
        PairHarness h = pair(100, 100);
        h.crash(h.a);
        h.run(4_900);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        h.run(300);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.PEER_FAILED_PROMOTED);
    }

    @Test
    void dataplaneFailureIsNonFunctionalAndRecoversThroughTentative() {
        PairHarness h = pair(100, 100);
        h.b.m.onDataplaneHealth(MonitorVerdict.failed("worker 0 stalled"), h.now());
        h.pump();
        assertThat(h.b.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        h.b.m.onDataplaneHealth(MonitorVerdict.healthy(), h.now());
        h.run(60_100);
        assertThat(h.b.state()).isEqualTo(HaState.TENTATIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.DATAPLANE_RECOVERED);
        h.run(60_500);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
    }

    @Test
    void tentativeLoopSuspends() {
        PairHarness h = pair(100, 100);
        for (int i = 0; i < 4 && h.b.state() != HaState.SUSPENDED; i++) {
            h.b.m.onLinkMonitoring(LINK_FAIL, h.now());
            h.pump();
            h.b.m.onLinkMonitoring(MonitorVerdict.healthy(), h.now());
            h.run(61_000, 500);
        }
        assertThat(h.b.state()).isEqualTo(HaState.SUSPENDED);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.TENTATIVE_LOOP);
        assertThat(h.b.m.history().get(h.b.m.history().size() - 2).to()).isEqualTo(HaState.TENTATIVE);
    }

    @Test
    void secondaryWithBetterRankPreemptsThePrimaryRole() {
        PairHarness h = new PairHarness(
                b -> aa(0, 50).apply(b).preemptive(true),
                b -> aa(1, 100).apply(b).preemptive(true),
                false);
        h.invariant = x -> assertThat(twoPrimaries(x)).isFalse();
        h.boot(h.b);
        h.run(11_000);
        h.boot(h.a);
        h.run(61_000, 500); // tentative hold
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        h.run(60_000, 500); // preemption hold
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.PREEMPTING);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.PREEMPTED);
        assertThat(h.b.releases).as("both keep forwarding their own sessions").isZero();
    }

    @Test
    void splitBrainBetweenTwoPrimariesResolvesByRank() {
        PairHarness h = pair(100, 100);
        h.cutAll();
        h.run(6_000);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        h.restoreAll();
        h.invariant = x -> {};
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.SPLIT_BRAIN_RESOLVED);
    }

    @Test
    void stalledPrimaryKeepsForwardingItsOwnSessions() {
        PairHarness h = pair(100, 100);
        h.invariant = x -> {}; // B takes the primary role while A is paused; rank resolves it after the pause
        h.pause(h.a);
        h.run(6_000);
        h.resume(h.a);
        assertThat(h.a.m.forwarding()).isEqualTo(ForwardingMode.FORWARD);
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE_SECONDARY);
    }
}

package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreemptionTest {
    private static final long HOLD_MS = 60_000;

    /** B is active alone; A (better rank) joins later and becomes passive. */
    private static PairHarness joinLater(int priorityA, boolean preemptA, int priorityB, boolean preemptB) {
        PairHarness h = new PairHarness(
                b -> b.priority(priorityA).preemptive(preemptA),
                b -> b.priority(priorityB).preemptive(preemptB));
        h.invariant = x -> assertThat(x.bothActive()).as("two actives").isFalse();
        h.a.down = true;
        h.run(11_000);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        return h;
    }

    private static void bootA(PairHarness h) {
        h.boot(h.a);
    }

    @Test
    void preferredNodePreemptsAfterTheHoldTimeThroughAnOrderedHandover() {
        PairHarness h = joinLater(50, true, 100, true);
        bootA(h);
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        long passiveAt = h.a.m.stateSinceNs();
        h.run(HOLD_MS - 1_000, 100);
        assertThat(h.a.m.counters().get(HaCounter.PREEMPT_REQUEST_SENT)).isZero();
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        h.run(1_000, 100);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.PREEMPTING);
        assertThat(h.a.m.stateSinceNs() - passiveAt).isEqualTo(HOLD_MS * 1_000_000L);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.b.m.reason().text()).startsWith("Preempted by higher priority peer");
        // B released before acknowledging, so A took over only after B stopped
        List<HaRequest> bSent = h.b.sent;
        int release = bSent.lastIndexOf(new HaRequest.ReleaseTraffic(HaState.PASSIVE));
        int ack = bSent.lastIndexOf(new HaRequest.SendStepDownAck("FW-A"));
        assertThat(release).isNotNegative().isLessThan(ack);
    }

    @Test
    void noPreemptionWhenOnlyOneSideEnablesIt() {
        for (boolean[] flags : new boolean[][] {{true, false}, {false, true}, {false, false}}) {
            PairHarness h = joinLater(50, flags[0], 100, flags[1]);
            bootA(h);
            h.run(5 * HOLD_MS, 500);
            assertThat(h.a.state()).as("A with flags %s %s", flags[0], flags[1]).isEqualTo(HaState.PASSIVE);
            assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
            assertThat(h.a.m.counters().get(HaCounter.PREEMPT_REQUEST_SENT)).isZero();
        }
    }

    @Test
    void equalPriorityTieIsBrokenByTheLowerNodeId() {
        PairHarness h = joinLater(100, true, 100, true); // A's node id 0a < B's 0b
        bootA(h);
        h.run(HOLD_MS + 1_000, 500);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.a.m.reason().detail()).contains("HA1 MAC 00:1b:17:00:00:0a < 00:1b:17:00:00:0b");
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
    }

    @Test
    void lowerRankedNodeNeverPreempts() {
        PairHarness h = joinLater(200, true, 100, true);
        bootA(h);
        h.run(3 * HOLD_MS, 500);
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
    }

    @Test
    void preemptionWaitsForBulkSyncCompletion() {
        PairHarness h = joinLater(50, true, 100, true);
        h.ha2Up = false;
        bootA(h);
        h.run(2 * HOLD_MS, 500);
        assertThat(h.a.m.bulkSyncComplete()).isFalse();
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        h.a.m.onBulkSyncComplete(h.now());
        h.pump();
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
    }

    @Test
    void preemptionHoldRestartsWhenAMonitorFailureClears() {
        Fixture f = Fixture.passiveWithActivePeer(
                b -> b.priority(50).preemptive(true),
                TestHello.peer(HaState.ACTIVE).preemptive(true));
        f.advanceWithHeartbeats(30_000);
        f.m.onLinkMonitoring(MonitorVerdict.failed("ethernet1/1 down"), f.now());
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.LINK_DOWN);
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.advanceWithHeartbeats(60_000); // hold-down
        f.assertState(HaState.PASSIVE, HaReason.MONITORS_RECOVERED);
        f.m.onBulkSyncComplete(f.now());
        long passiveAt = f.m.stateSinceNs();
        f.drain();
        f.advanceWithHeartbeats(HOLD_MS - 1_000);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class)).isEmpty();
        f.advanceWithHeartbeats(1_000);
        assertThat(f.now() - passiveAt).isEqualTo(HOLD_MS * 1_000_000L);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class))
                .containsExactly(new HaRequest.SendPreemptRequest(Fixture.PEER));
    }

    @Test
    void preemptRequestIsRetriedWhenNotAcknowledged() {
        Fixture f = Fixture.passiveWithActivePeer(
                b -> b.priority(50).preemptive(true),
                TestHello.peer(HaState.ACTIVE).preemptive(true));
        f.advanceWithHeartbeats(HOLD_MS);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class)).hasSize(1);
        f.advanceWithHeartbeats(2_000);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class)).isEmpty();
        f.advanceWithHeartbeats(1_000);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class)).hasSize(1);
        f.m.onStepDownAck(Fixture.PEER, f.now());
        f.assertState(HaState.ACTIVE, HaReason.PREEMPTING);
    }

    @Test
    void activeIgnoresPreemptRequestsItShouldNotHonour() {
        // the requester does not outrank this node
        Fixture f = Fixture.activeWithPassivePeer(b -> b.priority(50).preemptive(true));
        f.hello(TestHello.peer(HaState.PASSIVE).priority(200).preemptive(true));
        f.m.onPreemptRequest(Fixture.PEER, f.now());
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        // this node is not preemptive
        Fixture g = Fixture.activeWithPassivePeer(b -> b.priority(150));
        g.hello(TestHello.peer(HaState.PASSIVE).priority(10).preemptive(true));
        g.m.onPreemptRequest(Fixture.PEER, g.now());
        assertThat(g.m.state()).isEqualTo(HaState.ACTIVE);
        assertThat(f.m.counters().get(HaCounter.PREEMPT_REQUEST_REJECTED)
                        + g.m.counters().get(HaCounter.PREEMPT_REQUEST_REJECTED))
                .isEqualTo(2);
    }

    @Test
    void activeStepsDownReleasesThenAcknowledges() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b.priority(150).preemptive(true));
        f.hello(TestHello.peer(HaState.PASSIVE).priority(10).preemptive(true));
        f.drain();
        f.m.onPreemptRequest(Fixture.PEER, f.now());
        f.assertState(HaState.PASSIVE, HaReason.PREEMPTED);
        List<HaRequest> out = f.drain();
        assertThat(out)
                .containsSubsequence(
                        new HaRequest.ReleaseTraffic(HaState.PASSIVE), new HaRequest.SendStepDownAck(Fixture.PEER));
        assertThat(out).noneMatch(r -> r instanceof HaRequest.RequestBulkSync);
        assertThat(f.m.bulkSyncComplete())
                .as("the old active holds every session")
                .isTrue();
        // it does not take the role back while the preferred peer is still passive
        f.advanceWithHeartbeats(2_000);
        assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
    }

    @Test
    void preemptionHoldBoundaryToTheMillisecond() {
        Fixture f = Fixture.passiveWithActivePeer(
                b -> b.priority(50).preemptive(true),
                TestHello.peer(HaState.ACTIVE).preemptive(true));
        long passiveAt = f.m.stateSinceNs();
        f.advanceWithHeartbeats(HOLD_MS - 1);
        assertThat(f.now() - passiveAt).isEqualTo((HOLD_MS - 1) * 1_000_000L);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class)).isEmpty();
        f.advance(1);
        assertThat(f.drained(HaRequest.SendPreemptRequest.class))
                .containsExactly(new HaRequest.SendPreemptRequest(Fixture.PEER));
        assertThat(f.m.state()).as("no takeover before the step-down").isEqualTo(HaState.PASSIVE);
    }
}

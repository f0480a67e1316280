package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlapTest {
    private static final MonitorVerdict LINK_FAIL = MonitorVerdict.failed("ethernet1/1 down");

    /**
     * Active → non-functional (link, after the 500 ms additional master hold-up) → passive (hold-down) → active
     * (the peer went non-functional in turn): one loop.
     */
    private static void nonFunctionalLoop(Fixture f) {
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advanceWithHeartbeats(500);
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.advanceWithHeartbeats(60_000);
        if (f.m.state() == HaState.PASSIVE) {
            f.hello(TestHello.peer(HaState.NON_FUNCTIONAL).priority(200));
            f.hello(TestHello.peer(HaState.PASSIVE).priority(200));
        }
    }

    @Test
    void nonFunctionalLoopSuspendsAfterFlapMax() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        nonFunctionalLoop(f); // first leave: not a flap
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isZero();
        nonFunctionalLoop(f);
        nonFunctionalLoop(f);
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isEqualTo(2);
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        f.m.onLinkMonitoring(LINK_FAIL, f.now());
        f.advanceWithHeartbeats(500);
        f.assertState(HaState.SUSPENDED, HaReason.NON_FUNCTIONAL_LOOP);
        assertThat(f.m.reason().text()).isEqualTo("Non-functional loop detected: after 3 flaps");
        var last = f.m.history().get(f.m.history().size() - 2);
        assertThat(last.to()).isEqualTo(HaState.NON_FUNCTIONAL);
        FlapStatistics s = f.m.flapStatistics();
        assertThat(s.nonFunctionalFlaps()).isEqualTo(3);
        assertThat(s.preemptionFlaps()).isZero();
        assertThat(s.lastFlapNs()).isEqualTo(f.now());
        assertThat(f.m.counters().get(HaCounter.FLAP)).isEqualTo(3);
        // suspended stays suspended
        f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
        f.advanceWithHeartbeats(300_000);
        assertThat(f.m.state()).isEqualTo(HaState.SUSPENDED);
    }

    @Test
    void preemptionLoopSuspendsAfterFlapMax() {
        Fixture f = Fixture.passiveWithActivePeer(
                b -> b.priority(50)
                        .preemptive(true)
                        .timers(Fixture.timers(1_000, 3))
                        .monitorFailHoldDownMs(1_000),
                TestHello.peer(HaState.ACTIVE).preemptive(true));
        for (int loop = 0; loop < 4; loop++) {
            f.advanceWithHeartbeats(1_000); // preemption hold
            assertThat(f.drained(HaRequest.SendPreemptRequest.class))
                    .as("loop %d", loop)
                    .hasSize(1);
            f.m.onStepDownAck(Fixture.PEER, f.now());
            f.assertState(HaState.ACTIVE, HaReason.PREEMPTING);
            f.m.onLinkMonitoring(LINK_FAIL, f.now());
            f.advanceWithHeartbeats(500);
            if (f.m.state() == HaState.SUSPENDED) {
                break;
            }
            f.assertState(HaState.NON_FUNCTIONAL, HaReason.LINK_DOWN);
            f.hello(TestHello.peer(HaState.ACTIVE).preemptive(true));
            f.m.onLinkMonitoring(MonitorVerdict.healthy(), f.now());
            f.advanceWithHeartbeats(1_000); // hold-down
            f.assertState(HaState.PASSIVE, HaReason.MONITORS_RECOVERED);
            f.m.onBulkSyncComplete(f.now());
            f.drain();
        }
        f.assertState(HaState.SUSPENDED, HaReason.PREEMPTION_LOOP);
        assertThat(f.m.flapStatistics().preemptionFlaps()).isEqualTo(3);
    }

    @Test
    void preemptedNodeCountsPreemptionFlaps() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b.priority(150).preemptive(true));
        TestHello better = TestHello.peer(HaState.PASSIVE).priority(10).preemptive(true);
        for (int i = 0; i < 3; i++) {
            f.hello(better.state(HaState.PASSIVE));
            f.m.onPreemptRequest(Fixture.PEER, f.now());
            assertThat(f.m.state()).isEqualTo(HaState.PASSIVE);
            f.hello(better.state(HaState.NON_FUNCTIONAL));
            f.assertState(HaState.ACTIVE, HaReason.PEER_NON_FUNCTIONAL);
            f.advanceWithHeartbeats(60_000);
        }
        assertThat(f.m.flapStatistics().preemptionFlaps()).isEqualTo(2);
    }

    /** Waits so that the next loop leaves active {@code windowMs + extraMs} after the last leave. */
    private static void waitForNextLeaveAt(Fixture f, long extraMs) {
        long leaveAtNs = f.m.flapStatistics().lastLeftActiveNs() + 15 * 60_000_000_000L + extraMs * 1_000_000L;
        f.advanceWithHeartbeats((leaveAtNs - f.now()) / 1_000_000 - 500);
    }

    @Test
    void leavesMoreThanFifteenMinutesApartAreNotFlaps() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        for (int i = 0; i < 6; i++) {
            nonFunctionalLoop(f);
            waitForNextLeaveAt(f, 1);
        }
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isZero();
    }

    @Test
    void leaveExactlyFifteenMinutesLaterIsAFlap() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        nonFunctionalLoop(f);
        long firstLeave = f.m.flapStatistics().lastLeftActiveNs();
        waitForNextLeaveAt(f, 0);
        nonFunctionalLoop(f);
        assertThat(f.m.flapStatistics().lastLeftActiveNs() - firstLeave).isEqualTo(15 * 60_000_000_000L);
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isEqualTo(1);
    }

    @Test
    void countersResetAfterFifteenQuietMinutes() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        nonFunctionalLoop(f);
        nonFunctionalLoop(f);
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isEqualTo(1);
        long lastLeft = f.m.flapStatistics().lastLeftActiveNs();
        long untilResetMs = (lastLeft + 15 * 60_000_000_000L - f.now()) / 1_000_000;
        f.advanceWithHeartbeats(untilResetMs);
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isEqualTo(1);
        f.clock.advance(1, java.util.concurrent.TimeUnit.NANOSECONDS);
        f.m.doWork(f.now());
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isZero();
    }

    @Test
    void flapMaxZeroNeverSuspends() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b.timers(Fixture.timers(60_000, 0)));
        for (int i = 0; i < 10; i++) {
            nonFunctionalLoop(f);
        }
        assertThat(f.m.state()).isNotEqualTo(HaState.SUSPENDED);
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isEqualTo(9);
    }

    @Test
    void functionalClearsTheFlapCounters() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        for (int i = 0; i < 4; i++) {
            nonFunctionalLoop(f);
        }
        assertThat(f.m.state()).isEqualTo(HaState.SUSPENDED);
        assertThat(f.m.functional(f.now())).isTrue();
        assertThat(f.m.flapStatistics().nonFunctionalFlaps()).isZero();
        assertThat(f.m.flapStatistics().lastLeftActiveNs()).isEqualTo(HaStateMachine.NONE);
    }
}

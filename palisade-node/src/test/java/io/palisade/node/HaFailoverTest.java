package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover of a real pair: the active node crashes (no goodbye) or shuts down gracefully (goodbye). */
class HaFailoverTest {
    @TempDir
    Path dir;

    private HaPairHarness pair;

    @BeforeEach
    void setUp() {
        pair = new HaPairHarness(dir);
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void activeThatDiesWithoutGoodbyeIsDeclaredFailedAndThePassiveTakesOver() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        assertThat(a.forwarding()).isTrue();
        assertThat(b.forwarding()).isFalse();

        a.crash();

        Poll.until("B active after A crashed", () -> b.is(HaState.ACTIVE), pair.context(b));
        assertThat(b.reason()).startsWith("Peer declared failed after promotion hold");
        assertThat(b.forwarding()).isTrue();
        assertThat(b.peer().failed()).isTrue();
        assertThat(pair.log.contains("HA peer fw-a is shutting down gracefully"))
                .isFalse();
        assertThat(pair.log.contains("peer fw-a declared failed: nothing heard on any path"))
                .isTrue();
    }

    @Test
    void gracefulCloseSendsGoodbyeAndThePassiveTakesOverAtOnceWithoutADualActiveMoment() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];

        try (var watch = new HaPairHarness.DualActiveWatch(a, b)) {
            a.close();
            Poll.until("B active after A's goodbye", () -> b.is(HaState.ACTIVE), pair.context(b));
            // Let any late message from A arrive: it must not undo the takeover.
            Poll.sleep(1500);
            assertThat(watch.bothForwarding()).as(watch.evidence().toString()).isZero();
        }
        assertThat(b.is(HaState.ACTIVE)).as(b.describe()).isTrue();
        assertThat(b.history().stream().filter(t -> t.to() == HaState.ACTIVE))
                .as(b.describe())
                .singleElement()
                .satisfies(t -> assertThat(t.reason().toString()).isEqualTo("Peer shut down gracefully"));
        assertThat(pair.log.contains("HA peer fw-a is shutting down gracefully"))
                .isTrue();
    }

    @Test
    void lateJoiningNodeHearsTheActiveBeforeItsNegotiationTimeoutAndNeverGoesActive() {
        HaTestNode a = pair.start(pair.a());
        Poll.until("A active alone", () -> a.is(HaState.ACTIVE), pair.context(a));
        Poll.sleep(2500); // A's dialer is now deep in its reconnect backoff

        HaTestNode b = pair.start(pair.b());
        try (var watch = new HaPairHarness.DualActiveWatch(a, b)) {
            Poll.until("B passive", () -> b.is(HaState.PASSIVE), pair.context(a, b));
            Poll.sleep(1500); // past B's negotiation timeout
            assertThat(watch.bothForwarding()).as(watch.evidence().toString()).isZero();
            assertThat(watch.bothActive()).as(watch.evidence().toString()).isZero();
        }
        assertThat(b.history()).as(b.describe()).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(HaState.PASSIVE);
            assertThat(t.reason().toString()).isEqualTo("Peer is active");
        });
    }

    @Test
    void withPassiveLinkStateShutdownThePassiveStaysHealthyAndTakesOver() {
        // The passive holds its data links down; its link monitoring must not take that for a failure.
        HaTestNode[] nodes = pair.startPair(
                pair.a().withPassiveLinkState("shutdown"), pair.b().withPassiveLinkState("shutdown"));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        assertThat(b.port(HaPairHarness.TRUST).adminUp()).isFalse();
        Poll.holds(
                "B passive (not non-functional) with its links held down",
                java.time.Duration.ofMillis(1500),
                () -> b.is(HaState.PASSIVE),
                pair.context(a, b));

        a.crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));
        assertThat(b.port(HaPairHarness.TRUST).adminUp()).isTrue();
        assertThat(b.port(HaPairHarness.UNTRUST).adminUp()).isTrue();
        assertThat(b.forwarding()).isTrue();

        // A returns passive with its links down and preempts; B, preempted, takes its links down.
        HaTestNode back = pair.start(a.settings);
        Poll.until("A active again", () -> back.is(HaState.ACTIVE), pair.context(back, b));
        Poll.until("B passive", () -> b.is(HaState.PASSIVE), pair.context(back, b));
        assertThat(back.port(HaPairHarness.TRUST).adminUp()).isTrue();
        assertThat(b.port(HaPairHarness.TRUST).adminUp()).isFalse();
        assertThat(b.port(HaPairHarness.UNTRUST).adminUp()).isFalse();
    }
}

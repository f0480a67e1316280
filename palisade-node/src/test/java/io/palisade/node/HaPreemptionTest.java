package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import io.palisade.ha.election.HaTransition;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preferred node returns after a failure: preemption through the ordered handover, or none without it. */
class HaPreemptionTest {
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
    void preferredNodeComesBackPassiveWaitsTheHoldTimeAndTakesOverWithoutTwoActives() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode b = nodes[1];
        nodes[0].crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));

        HaTestNode a = pair.start(pair.a()); // the same configuration and state directory: a restart
        try (var watch = new HaPairHarness.DualActiveWatch(a, b)) {
            Poll.until("A passive, then active again by preemption", () -> a.is(HaState.ACTIVE), pair.context(a, b));
            Poll.until("B passive", () -> b.is(HaState.PASSIVE), pair.context(a, b));
            Poll.sleep(500);
            assertThat(watch.samples()).isGreaterThan(100);
            assertThat(watch.bothForwarding()).as(watch.evidence().toString()).isZero();
            assertThat(watch.bothActive()).as(watch.evidence().toString()).isZero();
        }

        HaTransition passive = a.history().stream()
                .filter(t -> t.to() == HaState.PASSIVE)
                .findFirst()
                .orElseThrow();
        HaTransition active = a.history().getLast();
        assertThat(passive.reason().toString()).isEqualTo("Peer is active");
        assertThat(active.to()).isEqualTo(HaState.ACTIVE);
        assertThat(active.reason().toString()).startsWith("Preempting lower priority peer");
        // The hold runs from becoming passive (and healthy); the bulk sync only ever delays it further.
        assertThat(Duration.ofNanos(active.atNs() - passive.atNs()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(a.settings.preemptionHoldMs()));
        assertThat(b.history().getLast().reason().toString()).startsWith("Preempted by higher priority peer");
        assertThat(pair.log.contains("asking peer fw-b to step down (preemption)"))
                .isTrue();
        assertThat(b.forwarding()).isFalse();
        assertThat(a.forwarding()).isTrue();
    }

    @Test
    void withEqualPrioritiesTheLowerNodeIdWinsAndPreemptsBackAfterARestart() {
        HaTestNode[] nodes = {
            pair.start(pair.a().withPriority(100)), pair.start(pair.b().withPriority(100))
        };
        Poll.until(
                "one node active, the other passive",
                () -> (nodes[0].is(HaState.ACTIVE) && nodes[1].is(HaState.PASSIVE) && nodes[1].bulkSyncComplete())
                        || (nodes[1].is(HaState.ACTIVE) && nodes[0].is(HaState.PASSIVE) && nodes[0].bulkSyncComplete()),
                pair.context(nodes));
        // Whoever won, both agree, and the winner has the lower node id (the HA1 MAC stand-in).
        HaTestNode winner = nodes[0].is(HaState.ACTIVE) ? nodes[0] : nodes[1];
        HaTestNode loser = winner == nodes[0] ? nodes[1] : nodes[0];
        long winnerId =
                Node.nodeId(winner.node.configService().running().config().highAvailability());
        long loserId = Node.nodeId(loser.node.configService().running().config().highAvailability());
        assertThat(Long.compareUnsigned(winnerId, loserId)).isNegative();
        assertThat(loser.is(HaState.PASSIVE)).isTrue();

        winner.crash();
        Poll.until("the other node active", () -> loser.is(HaState.ACTIVE), pair.context(loser));
        HaTestNode back = pair.start(winner.settings);
        Poll.until("the lower node id preempts back", () -> back.is(HaState.ACTIVE), pair.context(back, loser));
        assertThat(back.reason()).startsWith("Preempting lower priority peer");
        assertThat(loser.is(HaState.PASSIVE)).isTrue();
    }

    @Test
    void withoutPreemptionTheReturningPreferredNodeStaysPassive() {
        HaTestNode[] nodes =
                pair.startPair(pair.a().withPreemptive(false), pair.b().withPreemptive(false));
        HaTestNode b = nodes[1];
        nodes[0].crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));

        HaTestNode a = pair.start(pair.a().withPreemptive(false));
        Poll.until("A passive", () -> a.is(HaState.PASSIVE) && a.bulkSyncComplete(), pair.context(a, b));
        Poll.holds(
                "B stays active, A passive, for twice the preemption hold time",
                Duration.ofMillis(2L * a.settings.preemptionHoldMs()),
                () -> b.is(HaState.ACTIVE) && a.is(HaState.PASSIVE),
                pair.context(a, b));
    }
}

package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import io.palisade.ops.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flap detection with flap-max 2: link monitoring fails over and over (carrier toggled on a memory port), and the
 * node that keeps leaving the active state ends up suspended.
 */
class HaFlapTest {
    private static final int MAX_ROUNDS = 4;

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
    void preferredNodeWhoseLinkKeepsFailingIsSuspendedForAPreemptionLoop() {
        HaTestNode[] nodes = pair.startPair(
                pair.a().withFlapMax(2).withPreemptionHoldMs(500),
                pair.b().withFlapMax(2).withPreemptionHoldMs(500));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];

        for (int round = 1; round <= MAX_ROUNDS && !a.is(HaState.SUSPENDED); round++) {
            a.port(HaPairHarness.TRUST).setLinkUp(false);
            Poll.until(
                    "A non-functional or suspended, B active (round " + round + ")",
                    () -> (a.is(HaState.NON_FUNCTIONAL) || a.is(HaState.SUSPENDED)) && b.is(HaState.ACTIVE),
                    pair.context(a, b));
            a.port(HaPairHarness.TRUST).setLinkUp(true);
            if (a.is(HaState.SUSPENDED)) {
                break;
            }
            Poll.until(
                    "A active again by preemption (round " + round + ")",
                    () -> a.is(HaState.ACTIVE),
                    pair.context(a, b));
        }

        Poll.until("A suspended", () -> a.is(HaState.SUSPENDED), pair.context(a, b));
        assertThat(a.reason()).isEqualTo("Preemption loop detected: after 2 flaps");
        assertThat(a.hasTransition(HaState.NON_FUNCTIONAL, "Link down")).isTrue();
        assertThat(a.ops().haFlapStatistics().preemptionFlaps()).isEqualTo(2);
        assertThat(b.is(HaState.ACTIVE)).isTrue();

        // The operator clears it: the node negotiates again and the counters start from zero.
        CommandResult functional = a.ops().haFunctional();
        assertThat(functional.ok()).as(functional.message()).isTrue();
        Poll.until("A back in the pair", () -> a.is(HaState.PASSIVE) || a.is(HaState.ACTIVE), pair.context(a, b));
        assertThat(a.ops().haFlapStatistics().preemptionFlaps()).isZero();
    }

    @Test
    void nodeThatKeepsFailingToNonFunctionalIsSuspendedForANonFunctionalLoop() {
        HaTestNode[] nodes = pair.startPair(
                pair.a().withFlapMax(2).withPreemptive(false),
                pair.b().withFlapMax(2).withPreemptive(false));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];

        for (int round = 1; round <= MAX_ROUNDS && !a.is(HaState.SUSPENDED); round++) {
            // A fails: B takes over.
            a.port(HaPairHarness.TRUST).setLinkUp(false);
            Poll.until(
                    "A non-functional or suspended (round " + round + ")",
                    () -> (a.is(HaState.NON_FUNCTIONAL) || a.is(HaState.SUSPENDED)) && b.is(HaState.ACTIVE),
                    pair.context(a, b));
            a.port(HaPairHarness.TRUST).setLinkUp(true);
            if (a.is(HaState.SUSPENDED)) {
                break;
            }
            Poll.until("A passive (round " + round + ")", () -> a.is(HaState.PASSIVE), pair.context(a, b));
            // B fails: A takes over again.
            b.port(HaPairHarness.TRUST).setLinkUp(false);
            Poll.until(
                    "A active, B non-functional (round " + round + ")",
                    () -> a.is(HaState.ACTIVE) && b.is(HaState.NON_FUNCTIONAL),
                    pair.context(a, b));
            b.port(HaPairHarness.TRUST).setLinkUp(true);
            Poll.until("B passive (round " + round + ")", () -> b.is(HaState.PASSIVE), pair.context(a, b));
        }

        Poll.until("A suspended", () -> a.is(HaState.SUSPENDED), pair.context(a, b));
        assertThat(a.reason()).isEqualTo("Non-functional loop detected: after 2 flaps");
        assertThat(a.ops().haFlapStatistics().nonFunctionalFlaps()).isEqualTo(2);
        assertThat(b.is(HaState.ACTIVE)).as(b.describe()).isTrue();
    }
}

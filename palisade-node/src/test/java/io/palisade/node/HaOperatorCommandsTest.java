package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import io.palisade.mgmt.shell.render.HaRenderer;
import io.palisade.ops.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code request high-availability state suspend / functional} through {@link NodeOps}. */
class HaOperatorCommandsTest {
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
    void suspendingTheActiveFailsOverAndFunctionalBringsItBackAsPassive() {
        HaTestNode[] nodes =
                pair.startPair(pair.a().withPreemptive(false), pair.b().withPreemptive(false));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];

        CommandResult suspended = a.ops().haSuspend();
        assertThat(suspended.ok()).as(suspended.message()).isTrue();
        assertThat(suspended.message()).isEqualTo("HA state is now suspended");
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(a, b));
        assertThat(a.state()).isEqualTo(HaState.SUSPENDED);
        assertThat(a.reason()).isEqualTo("User requested");
        assertThat(a.forwarding()).isFalse();
        assertThat(b.reason()).isEqualTo("Peer is suspended");
        var status = a.ops().haStatus();
        assertThat(status.local().state()).isEqualTo("suspended");
        assertThat(status.local().stateReason()).isEqualTo("User requested");
        assertThat(HaRenderer.all(status, System.currentTimeMillis())).contains("State Reason: User requested");
        Poll.holds(
                "a suspended node stays out of the election",
                Duration.ofSeconds(1),
                () -> a.is(HaState.SUSPENDED) && b.is(HaState.ACTIVE),
                pair.context(a, b));

        CommandResult notSuspended = b.ops().haFunctional();
        assertThat(notSuspended.ok()).isFalse();
        assertThat(notSuspended.message()).startsWith("not suspended");

        CommandResult functional = a.ops().haFunctional();
        assertThat(functional.ok()).as(functional.message()).isTrue();
        Poll.until("A passive again", () -> a.is(HaState.PASSIVE), pair.context(a, b));
        assertThat(a.hasTransition(HaState.INITIAL, "User requested")).isTrue();
        assertThat(a.reason()).isEqualTo("Peer is active");
        assertThat(b.is(HaState.ACTIVE)).isTrue();
    }

    @Test
    void suspendingThePassiveLeavesTheActiveAloneAndTheTransitionsShowIt() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];

        assertThat(b.ops().haSuspend().ok()).isTrue();
        Poll.until(
                "A sees B suspended",
                () -> a.peer() != null && a.peer().state() == HaState.SUSPENDED,
                pair.context(a, b));
        Poll.holds(
                "A stays active while B is suspended",
                Duration.ofMillis(1000),
                () -> a.is(HaState.ACTIVE) && b.is(HaState.SUSPENDED),
                pair.context(a, b));
        assertThat(a.ops().haStatus().peers()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("suspended");
            assertThat(p.stateReason()).isEqualTo("User requested");
        });

        assertThat(b.ops().haFunctional().ok()).isTrue();
        Poll.until("B passive again", () -> b.is(HaState.PASSIVE), pair.context(a, b));
        assertThat(b.ops().haTransitions())
                .extracting(t -> t.to() + " (" + t.reason() + ")")
                .containsSubsequence(
                        "suspended (User requested)", "initial (User requested)", "passive (Peer is active)");
        assertThat(a.is(HaState.ACTIVE)).isTrue();
    }
}

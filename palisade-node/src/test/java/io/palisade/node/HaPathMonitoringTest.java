package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path monitoring (through the scripted probe {@code Node.Options.withPathProbes} installs) drives failover. */
class HaPathMonitoringTest {
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
    void lostPathMakesTheActiveNonFunctionalAndItsReturnBringsThePreferredNodeBack() throws Exception {
        HaTestNode[] nodes = pair.startPair(
                pair.a().withPathMonitoring(true).withPreemptionHoldMs(500),
                pair.b().withPathMonitoring(true).withPreemptionHoldMs(500));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        InetAddress destination = InetAddress.getByName(HaPairHarness.PATH_DESTINATION);

        a.pathProbe.setReachable(destination, false);
        Poll.until(
                "A non-functional for the path, B active",
                () -> a.is(HaState.NON_FUNCTIONAL) && b.is(HaState.ACTIVE),
                pair.context(a, b));
        assertThat(a.reason()).startsWith("Path down");
        assertThat(b.reason()).isEqualTo("Peer is non-functional");
        var paths = a.ops().haStatus().pathMonitoring();
        assertThat(paths.failed()).isTrue();
        assertThat(paths.groups())
                .singleElement()
                .satisfies(g -> assertThat(g.failed()).isTrue());

        a.pathProbe.setReachable(destination, true);
        Poll.until("A active again by preemption", () -> a.is(HaState.ACTIVE), pair.context(a, b));
        assertThat(a.hasTransition(HaState.PASSIVE, "Link and path monitors recovered"))
                .isTrue();
        assertThat(a.reason()).startsWith("Preempting lower priority peer");
        assertThat(b.is(HaState.PASSIVE)).isTrue();
    }

    @Test
    void activeWithAFailedLinkStaysActiveWhenThePeerCannotTakeOver() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        assertThat(b.ops().haSuspend().ok()).isTrue();
        Poll.until("A sees B suspended", () -> a.peer().state() == HaState.SUSPENDED, pair.context(a, b));

        a.port(HaPairHarness.TRUST).setLinkUp(false);
        Poll.until(
                "A's link monitoring failed",
                () -> a.view().snapshot().local().linkMonitoring().failed(),
                pair.context(a, b));
        // PAN-OS "last device standing": with nobody to take over, leaving active would only stop all traffic.
        Poll.holds(
                "A stays active",
                java.time.Duration.ofMillis(1500),
                () -> a.is(HaState.ACTIVE) && a.forwarding(),
                pair.context(a, b));

        // Once the peer can take over, the failure counts.
        assertThat(b.ops().haFunctional().ok()).isTrue();
        Poll.until(
                "A non-functional, B active",
                () -> a.is(HaState.NON_FUNCTIONAL) && b.is(HaState.ACTIVE),
                pair.context(a, b));
        assertThat(a.reason()).startsWith("Link down");
    }
}

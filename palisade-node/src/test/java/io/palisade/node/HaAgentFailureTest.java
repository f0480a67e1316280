package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unexpected error kills a node's HA agent thread: the node fails closed (stops forwarding, says it is
 * non-functional and why) and its peer takes over at once, so there are never two forwarding nodes and never a
 * node that forwards with nobody watching its peer.
 */
class HaAgentFailureTest {
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
    void anActiveWhoseHaAgentDiesStopsForwardingAndThePeerTakesOverAtOnce() {
        // Path monitoring on, so that the agent polls the probe in which the test plants its bug.
        HaTestNode[] nodes =
                pair.startPair(pair.a().withPathMonitoring(true), pair.b().withPathMonitoring(true));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];

        a.breakableProbe.plantBug();

        Poll.until(
                "A not forwarding, B active and forwarding",
                () -> !a.forwarding() && b.is(HaState.ACTIVE) && b.forwarding(),
                pair.context(a, b));
        assertThat(a.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        assertThat(a.reason())
                .isEqualTo("HA agent stopped by an internal error: java.lang.IllegalStateException: bug planted in"
                        + " the path probe by the test");
        // Told by A's last hello, not left to find out by missing heartbeats.
        assertThat(b.reason()).isEqualTo("Peer is non-functional");
        assertThat(pair.log.contains("HA agent stopped: java.lang.IllegalStateException"))
                .isTrue();

        Poll.holds(
                "A stays non-functional and discarding, B active",
                Duration.ofMillis(1500),
                () -> !a.forwarding() && a.is(HaState.NON_FUNCTIONAL) && b.is(HaState.ACTIVE) && b.forwarding(),
                pair.context(a, b));
    }
}

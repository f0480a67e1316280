package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device health: a data-plane worker that stops making progress makes its node non-functional. */
class HaDataplaneHealthTest {
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
    void stuckWorkerMakesTheActiveNonFunctionalAndThePeerTakesOver() throws InterruptedException {
        HaTestNode[] nodes =
                pair.startPair(pair.a().withPreemptive(false), pair.b().withPreemptive(false));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        // A task that blocks the worker's thread: its duty cycle stops, as with a hung worker.
        assertThat(a.node.dataplane().submit(0, (ctx, now) -> {
                    stuck.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .isTrue();
        try {
            assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
            Poll.until(
                    "A non-functional, B active",
                    () -> a.is(HaState.NON_FUNCTIONAL) && b.is(HaState.ACTIVE),
                    pair.context(a, b));
            assertThat(a.reason()).startsWith("Dataplane down: worker 0 made no progress for");
            assertThat(b.reason()).isEqualTo("Peer is non-functional");
            assertThat(a.forwarding()).isFalse();
        } finally {
            release.countDown();
        }
        Poll.until("A passive after the hold-down", () -> a.is(HaState.PASSIVE), pair.context(a, b));
        assertThat(a.reason()).isEqualTo("Dataplane recovered");
    }
}

package io.palisade.ha.ha1;

import static io.palisade.ha.ha1.Ha1Fixture.FAST;
import static io.palisade.ha.ha1.Ha1Fixture.await;
import static io.palisade.ha.ha1.Ha1Fixture.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.ha.ha1.Ha1Fixture.NodeKeys;
import io.palisade.ha.ha1.Ha1Fixture.Pair;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.ha1.Ha1Message.Heartbeat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fault switch does what it says on the real TLS transport, and switching it off heals the link. */
class Ha1TransportFaultsTest {
    @TempDir
    static Path keys;

    static NodeKeys keysA;
    static NodeKeys keysB;

    @BeforeAll
    static void generateKeys() {
        keysA = NodeKeys.generate(keys, "a");
        keysB = NodeKeys.generate(keys, "b");
    }

    private static Pair pair(Ha1Options options) {
        return new Pair(keysA.pinning(keysB), keysB.pinning(keysA), options).awaitUp();
    }

    @Test
    void allFaultsAreOffByDefault() {
        try (Pair pair = pair(FAST)) {
            LinkFaults faults = pair.a.faults();
            assertThat(faults.dropOutbound()).isFalse();
            assertThat(faults.dropInbound()).isFalse();
            assertThat(faults.blocked()).isFalse();
            assertThat(faults.outboundDelayMs()).isZero();
        }
    }

    @Test
    void dropOutboundDiscardsWhatThisNodeSendsAndKeepsTheConnection() {
        try (Pair pair = pair(FAST)) {
            pair.a.faults().setDropOutbound(true);
            assertThat(pair.a.send(new Goodbye("lost"))).isEqualTo(SendResult.QUEUED);
            await("the writer drops it", () -> pair.a.counters().get(Ha1Counter.FAULT_DROP_OUT) == 1);
            assertThat(pair.a.isUp()).isTrue();

            pair.a.faults().setDropOutbound(false);
            pair.a.send(new Goodbye("delivered"));

            assertThat(receive(pair.inboxB).message()).isEqualTo(new Goodbye("delivered"));
            assertThat(pair.inboxB.poll()).isNull();
            await("A counts one sent", () -> pair.a.counters().get(Ha1Counter.MSG_SENT) == 1);
        }
    }

    @Test
    void dropInboundDiscardsWhatThisNodeReceives() {
        try (Pair pair = pair(FAST)) {
            pair.b.faults().setDropInbound(true);
            pair.a.send(new Goodbye("lost"));
            await("B drops it", () -> pair.b.counters().get(Ha1Counter.FAULT_DROP_IN) == 1);
            await("A counts one sent", () -> pair.a.counters().get(Ha1Counter.MSG_SENT) == 1);
            assertThat(pair.inboxB.poll()).isNull();

            // Only inbound is cut: B still reaches A.
            pair.b.send(new Goodbye("from b"));
            assertThat(receive(pair.inboxA).message()).isEqualTo(new Goodbye("from b"));

            pair.b.faults().setDropInbound(false);
            pair.a.send(new Goodbye("delivered"));
            assertThat(receive(pair.inboxB).message()).isEqualTo(new Goodbye("delivered"));
        }
    }

    @Test
    void blockClosesBothDirectionsAndRefusesConnectionsUntilUnblocked() {
        try (Pair pair = pair(FAST)) {
            pair.a.faults().setBlocked(true);

            await(
                    "A is down both ways",
                    () -> !pair.a.status().getFirst().sending()
                            && !pair.a.status().getFirst().receiving());
            await(
                    "B is down both ways",
                    () -> !pair.b.status().getFirst().sending()
                            && !pair.b.status().getFirst().receiving());
            assertThat(pair.a.send(new Goodbye("blocked"))).isEqualTo(SendResult.NOT_CONNECTED);
            await("B's reconnects are refused", () -> pair.a.counters().get(Ha1Counter.FAULT_BLOCKED) >= 2);
            assertThat(pair.a.status().getFirst().receiving()).isFalse();
            assertThat(pair.b.send(new Goodbye("anyone?"))).isEqualTo(SendResult.NOT_CONNECTED);

            pair.a.faults().setBlocked(false);
            pair.awaitUp();
            pair.a.send(new Goodbye("back"));
            assertThat(receive(pair.inboxB).message()).isEqualTo(new Goodbye("back"));
            pair.b.send(new Goodbye("hello again"));
            assertThat(receive(pair.inboxA).message()).isEqualTo(new Goodbye("hello again"));
        }
    }

    @Test
    void delayHoldsEachMessageAtLeastThatLongAndKeepsOrder() {
        try (Pair pair = pair(FAST)) {
            pair.a.faults().setOutboundDelayMs(300);
            long sentNs = System.nanoTime();
            pair.a.send(new Heartbeat(1, sentNs, 0, 0, 0));
            pair.a.send(new Heartbeat(2, sentNs, 0, 0, 0));

            Ha1Received first = receive(pair.inboxB);
            Ha1Received second = receive(pair.inboxB);

            assertThat(first.receivedNs() - sentNs).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(((Heartbeat) first.message()).sequence()).isEqualTo(1);
            assertThat(((Heartbeat) second.message()).sequence()).isEqualTo(2);
            assertThatThrownBy(() -> pair.a.faults().setOutboundDelayMs(-1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFullOutboundQueueDropsAndCountsInsteadOfBlocking() {
        try (Pair pair = pair(FAST.withOutboundQueueCapacity(1))) {
            // The writer holds one message in the delay and the queue holds one more: the rest cannot wait.
            pair.a.faults().setOutboundDelayMs(1000);
            List<SendResult> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(pair.a.send(new Heartbeat(i + 1, 0, 0, 0, 0)));
            }

            assertThat(results).contains(SendResult.QUEUED, SendResult.QUEUE_FULL);
            long full = results.stream().filter(r -> r == SendResult.QUEUE_FULL).count();
            assertThat(pair.a.counters().get(Ha1Counter.SEND_QUEUE_FULL)).isEqualTo(full);
            assertThat(full).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void clearSwitchesEverythingOff() {
        try (Pair pair = pair(FAST)) {
            LinkFaults faults = pair.a.faults();
            faults.setDropInbound(true);
            faults.setDropOutbound(true);
            faults.setOutboundDelayMs(50);
            faults.setBlocked(true);

            faults.clear();

            assertThat(faults.dropInbound() || faults.dropOutbound() || faults.blocked())
                    .isFalse();
            assertThat(faults.outboundDelayMs()).isZero();
            pair.awaitUp();
        }
    }
}

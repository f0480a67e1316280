package io.palisade.ha.sync;

import static io.palisade.ha.sync.Ha2Node.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.Ha2KeepAliveAction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Loss, link failure and backup links, through the links' real fault switches. */
class Ha2SyncFaultTest {

    private static long lastSequence(Ha2Node node, int stream) {
        return node.sync.publisher().streamMarks().get(stream).lastSequence();
    }

    private static void awaitSynced(Ha2Node a, Ha2Node b) {
        await(
                "both nodes hear each other",
                () -> a.sync.receiver().contacted() && b.sync.receiver().contacted());
        await("B's bulk sync completes", b.sync::bulkSyncComplete);
        await("A's bulk sync completes", a.sync::bulkSyncComplete);
    }

    @Test
    void droppedFramesAreAskedForAndResent() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(2);
            Ha2Node b = pair.startB(2);
            awaitSynced(a, b);
            long s = lastSequence(a, 0);
            a.sync.link(Ha2Link.PRIMARY).faults().setOutboundFilter(FrameFilter.once(0, s + 2, s + 3, s + 7));

            a.insert(0, 3000);
            await("B holds all 3000 sessions", () -> b.sessions() == 3000);

            assertThat(IntStream.range(0, 3000).allMatch(b::has)).isTrue();
            assertThat(a.counter(Ha2Counter.FAULT_FILTERED)).isEqualTo(3);
            assertThat(b.counter(Ha2Counter.GAP_DETECTED)).isPositive();
            assertThat(b.counter(Ha2Counter.GAP_REQUEST_SENT)).isPositive();
            assertThat(b.counter(Ha2Counter.GAP_HEALED)).isPositive();
            assertThat(a.counter(Ha2Counter.RETRANSMITTED)).isGreaterThanOrEqualTo(3);
            assertThat(b.counter(Ha2Counter.FRAMES_LOST)).isZero();
            assertThat(b.sync.bulkSyncComplete()).isTrue();
        }
    }

    @Test
    void aGapThatCannotBeHealedIsCountedAndRepairedByABulkSync() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(2);
            Ha2Node b = pair.startB(2);
            awaitSynced(a, b);
            long requestsBefore = b.counter(Ha2Counter.BULK_REQUEST_SENT);
            long s = lastSequence(a, 1);
            a.sync.link(Ha2Link.PRIMARY).faults().setOutboundFilter(FrameFilter.always(1, s + 2));

            a.insert(0, 3000);
            await("B counts the frame lost", () -> b.counter(Ha2Counter.FRAMES_LOST) == 1);
            await("B asks for a bulk sync", () -> b.counter(Ha2Counter.BULK_REQUEST_SENT) > requestsBefore);
            await("the repair bulk sync completes", () -> b.sync.bulkSyncComplete() && b.sessions() == 3000);

            assertThat(IntStream.range(0, 3000).allMatch(b::has)).isTrue();
            assertThat(b.sync.status().framesLost()).isEqualTo(1);
            // Every request was answered, and every answer was lost again on the way.
            int requests = 1 + Ha2Node.FAST.gapMaxRetries();
            assertThat(b.counter(Ha2Counter.GAP_REQUEST_SENT)).isEqualTo(requests);
            assertThat(a.counter(Ha2Counter.RETRANSMITTED)).isEqualTo(requests);
            assertThat(a.counter(Ha2Counter.FAULT_FILTERED)).isEqualTo(1 + requests);
        }
    }

    @Test
    void keepAliveLossIsReportedWithTheActionAndRecoveryToo() {
        Ha2Options options = Ha2Node.FAST.withKeepAlive(50, 400, true, Ha2KeepAliveAction.SPLIT_DATAPATH);
        try (Ha2Pair pair = new Ha2Pair(options, false);
                LogCapture log = LogCapture.attach()) {
            Ha2Node a = pair.startA(1);
            Ha2Node b = pair.startB(1);
            awaitSynced(a, b);
            b.events.clear();

            a.sync.link(Ha2Link.PRIMARY).faults().setDropOutbound(true);
            await(
                    "B reports the HA2 link down",
                    () -> !b.events(Ha2Event.LinkDown.class).isEmpty());
            Ha2Event.LinkDown down = b.events(Ha2Event.LinkDown.class).getFirst();
            assertThat(down.link()).isEqualTo(Ha2Link.PRIMARY);
            assertThat(down.action()).isEqualTo(Ha2KeepAliveAction.SPLIT_DATAPATH);
            assertThat(down.silentMs()).isGreaterThanOrEqualTo(400);
            assertThat(down.anyLinkUp()).isFalse();
            assertThat(b.sync.status().linkStatus()).isEqualTo("down");
            assertThat(log.has("ERROR", "critical", "HA2 link ha2 down", "action split-datapath"))
                    .isTrue();

            a.sync.link(Ha2Link.PRIMARY).faults().clear();
            await(
                    "B reports the link up again",
                    () -> !b.events(Ha2Event.LinkUp.class).isEmpty());
            assertThat(b.events(Ha2Event.LinkUp.class).getFirst().downMs()).isPositive();
            assertThat(b.sync.status().linkStatus()).isEqualTo("up");
            assertThat(log.has("HA2 link ha2 up", "resumed")).isTrue();
            assertThat(b.events(Ha2Event.PeerKeepAlive.class)).isNotEmpty();
        }
    }

    @Test
    void whenThePrimaryFailsDataMovesToTheBackupLink() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, true)) {
            Ha2Node a = pair.startA(2);
            Ha2Node b = pair.startB(2);
            awaitSynced(a, b);
            a.insert(0, 200);
            await("B holds the first sessions", () -> b.sessions() == 200);

            a.sync.link(Ha2Link.PRIMARY).faults().setBlocked(true);
            b.sync.link(Ha2Link.PRIMARY).faults().setBlocked(true);
            await(
                    "A sends data over the backup",
                    () -> a.events(Ha2Event.DataLinkChanged.class).stream()
                            .anyMatch(e -> e.link().equals(Ha2Link.BACKUP)));
            await(
                    "B sends requests over the backup",
                    () -> b.events(Ha2Event.DataLinkChanged.class).stream()
                            .anyMatch(e -> e.link().equals(Ha2Link.BACKUP)));
            long backupFramesBefore = a.sync.link(Ha2Link.BACKUP).counters().get(Ha2Counter.LINK_FRAME_SENT);

            a.insert(200, 1200);
            await("B holds every session", () -> b.sessions() == 1200);
            assertThat(a.sync.link(Ha2Link.BACKUP).counters().get(Ha2Counter.LINK_FRAME_SENT))
                    .isGreaterThan(backupFramesBefore + 10);
            assertThat(a.sync.status().dataLink()).isEqualTo(Ha2Link.BACKUP);
            assertThat(a.sync.status().links()).containsEntry("ha2", "down").containsEntry("ha2-backup", "up");
            assertThat(a.sync.status().linkStatus()).isEqualTo("up");
        }
    }

    @Test
    void delayedFramesArriveLateButInOrder() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(2);
            Ha2Node b = pair.startB(2);
            awaitSynced(a, b);
            a.sync.link(Ha2Link.PRIMARY).faults().setOutboundDelayMs(150);

            a.insert(0, 500);
            for (int i = 0; i < 100; i++) {
                a.delete(i);
            }
            await("B ends with the 400 sessions left", () -> b.sessions() == 400);
            assertThat(a.counter(Ha2Counter.FAULT_DELAYED)).isPositive();
            assertThat(b.counter(Ha2Counter.FRAMES_LOST)).isZero();
            assertThat(b.has(50)).isFalse();
            assertThat(b.has(450)).isTrue();
        }
    }
}

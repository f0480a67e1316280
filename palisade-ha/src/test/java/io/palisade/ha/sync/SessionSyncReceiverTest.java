package io.palisade.ha.sync;

import static io.palisade.ha.sync.TestFrames.EPOCH;
import static io.palisade.ha.sync.TestFrames.OWN_ID;
import static io.palisade.ha.sync.TestFrames.PEER_ID;
import static io.palisade.ha.sync.TestFrames.frame;
import static io.palisade.ha.sync.TestFrames.messages;
import static io.palisade.ha.sync.TestFrames.session;
import static io.palisade.ha.sync.TestFrames.upserts;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;
import io.palisade.ha.ha1.HaWireState;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import io.palisade.ha.sync.Ha2Message.GapRequest;
import io.palisade.ha.sync.Ha2Message.KeepAlive;
import io.palisade.ha.sync.Ha2Message.StreamMark;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver with explicit times, one worker whose tasks run at once on the test thread. */
class SessionSyncReceiverTest {
    static final long MS = 1_000_000L;

    private final RecordingEvents events = new RecordingEvents();
    private final DirectContext worker = new DirectContext(0, 1024);
    private final FakeLink link = new FakeLink("ha2");
    private final Ha2Options options = Ha2Options.DEFAULTS.withTimers(10, 20, 3, 1000, 2);
    private final SessionSyncReceiver receiver = new SessionSyncReceiver(
            options,
            Ha2Auth.sharedKey(TestFrames.KEY, OWN_ID, PEER_ID),
            1,
            1472,
            (w, task) -> {
                task.run(worker, 10_000 * MS);
                return true;
            },
            events);

    @AfterEach
    void close() {
        worker.close();
    }

    private void offer(byte[] frame, long nowNs) {
        receiver.onFrame(0, link, Arrays.copyOf(frame, Ha2Codec.MAX_FRAME_BYTES), frame.length, nowNs);
        receiver.flushBatches();
    }

    private static byte[] sessions(long sequence, int... ids) {
        SessionImage[] images = Arrays.stream(ids).mapToObj(TestFrames::session).toArray(SessionImage[]::new);
        return frame(PEER_ID, 0, EPOCH, sequence, upserts(images), true);
    }

    private boolean installed(int id) {
        SessionImage s = session(id);
        return worker.v4.lookup(0, s.c2sSrcLo, 0, s.c2sDstLo, s.c2sSrcPort, s.c2sDstPort, 6, s.zoneC2s) >= 0;
    }

    @Test
    void installedSessionsAreFromThePeerAndMidstream() {
        offer(sessions(1, 1, 2), 0);
        assertThat(installed(1)).isTrue();
        assertThat(installed(2)).isTrue();
        SessionImage s = session(1);
        int rec = worker.v4.lookup(0, s.c2sSrcLo, 0, s.c2sDstLo, s.c2sSrcPort, s.c2sDstPort, 6, 1) >>> 1;
        assertThat(worker.v4.syncState(rec)).isEqualTo(SyncState.FROM_PEER);
        assertThat(worker.v4.flags(rec) & SessionFlags.MIDSTREAM).isNotZero();
        assertThat(worker.v4.nextSeq(rec, SessionTable.C2S)).isEqualTo(s.seqC2s);
        assertThat(worker.v4.rule(rec)).isEqualTo(s.rule);
        assertThat(worker.v4.lastSeenMs(rec)).isEqualTo(10_000 - (int) s.idleMs);
        assertThat(worker.fromPeer).isEqualTo(2);
        assertThat(receiver.applied()).isEqualTo(2);
    }

    @Test
    void anEarlyFrameWaitsForTheMissingOneWhichIsAskedForAndRetried() {
        offer(sessions(1, 1), 0);
        offer(sessions(3, 3), MS);
        assertThat(installed(3)).isFalse();
        assertThat(events.gapRequestsSent).containsExactly(new GapRequest(0, 2, 2));

        receiver.poll(10 * MS);
        assertThat(events.gapRequestsSent).hasSize(1);
        receiver.poll(21 * MS);
        assertThat(events.gapRequestsSent).hasSize(2);

        offer(sessions(2, 2), 22 * MS);
        assertThat(installed(2)).isTrue();
        assertThat(installed(3)).isTrue();
        assertThat(receiver.counters().get(Ha2Counter.GAP_HEALED)).isEqualTo(1);
        assertThat(receiver.counters().get(Ha2Counter.FRAMES_LOST)).isZero();
        receiver.poll(100 * MS);
        assertThat(events.gapRequestsSent).hasSize(2);
    }

    @Test
    void deliveryIsInOrderSoALateInsertCannotUndoADelete() {
        offer(sessions(1, 1), 0);
        byte[] delete = frame(
                PEER_ID,
                0,
                EPOCH,
                3,
                (buf, pos, count) -> {
                    count[0] = 1;
                    return Ha2Codec.writeDelete(buf, pos, session(2));
                },
                true);
        offer(delete, MS);
        offer(sessions(2, 2), 2 * MS);
        assertThat(installed(2)).isFalse();
        assertThat(receiver.installerCounter(Ha2Counter.SESSION_REMOVED)).isEqualTo(1);
    }

    @Test
    void aGapThatCannotBeHealedIsCountedLostAndABulkSyncIsRequested() {
        offer(sessions(1, 1), 0);
        offer(sessions(3, 3), MS);
        long now = MS;
        for (int i = 0; i < 10; i++) {
            now += 25 * MS;
            receiver.poll(now);
        }
        assertThat(events.gapRequestsSent).hasSize(1 + options.gapMaxRetries());
        assertThat(receiver.counters().get(Ha2Counter.FRAMES_LOST)).isEqualTo(1);
        assertThat(installed(3)).isTrue();
        assertThat(events.bulkRequestsSent).hasSize(1);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.REQUESTED);
    }

    @Test
    void aKeepAliveRevealsFramesLostAtTheTail() {
        offer(sessions(1, 1), 0);
        KeepAlive keepAlive = new KeepAlive(
                HaWireState.ACTIVE, false, false, 1, 0, 1000, List.of(new StreamMark(0, 3), new StreamMark(5, 9)));
        offer(frame(PEER_ID, Ha2Codec.STREAM_CONTROL, EPOCH, 1, messages(keepAlive), true), MS);
        assertThat(events.keepAlives).hasSize(1);
        assertThat(events.gapRequestsSent).isEmpty();
        receiver.poll(30 * MS);
        assertThat(events.gapRequestsSent).containsExactly(new GapRequest(0, 2, 3));
    }

    @Test
    void framesBeyondTheReorderWindowGiveUpTheGapAtOnce() {
        offer(sessions(1, 1), 0);
        offer(sessions(2 + options.reorderFrames(), 7), MS);
        assertThat(installed(7)).isTrue();
        assertThat(receiver.counters().get(Ha2Counter.FRAMES_LOST)).isEqualTo(options.reorderFrames());
        assertThat(events.bulkRequestsSent).hasSize(1);
    }

    @Test
    void aBulkIsCompleteOnlyWhenEveryStreamEndedWithItsCount() {
        offer(frame(PEER_ID, 0, EPOCH, 1, messages(new BulkStart(1, 0, 1)), true), 0);
        offer(frame(PEER_ID, Ha2Codec.STREAM_RECORDS, EPOCH, 1, messages(new BulkStart(1, 254, 1)), true), 0);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.IN_PROGRESS);
        offer(sessions(2, 1, 2, 3), MS);
        offer(frame(PEER_ID, 0, EPOCH, 3, messages(new BulkEnd(1, 0, 3)), true), 2 * MS);
        receiver.poll(3 * MS);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.IN_PROGRESS);
        offer(frame(PEER_ID, Ha2Codec.STREAM_RECORDS, EPOCH, 2, messages(new BulkEnd(1, 254, 0)), true), 4 * MS);
        receiver.poll(5 * MS);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.COMPLETE);
        assertThat(receiver.bulkSessions()).isEqualTo(3);
        assertThat(receiver.bulkCompletions()).isEqualTo(1);

        // Asked again and answered at once: the state reads COMPLETE as before, the count shows the new one.
        receiver.requestBulkSync(6 * MS, "requested by the HA agent");
        offer(frame(PEER_ID, 0, EPOCH, 4, messages(new BulkStart(2, 0, 1), new BulkEnd(2, 0, 0)), true), 7 * MS);
        offer(
                frame(
                        PEER_ID,
                        Ha2Codec.STREAM_RECORDS,
                        EPOCH,
                        3,
                        messages(new BulkStart(2, 254, 1), new BulkEnd(2, 254, 0)),
                        true),
                7 * MS);
        receiver.poll(8 * MS);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.COMPLETE);
        assertThat(receiver.bulkCompletions()).isEqualTo(2);
    }

    @Test
    void aShortBulkIsRequestedAgainAndFailsAfterTheTries() {
        offer(frame(PEER_ID, 0, EPOCH, 1, messages(new BulkStart(1, 0, 1)), true), 0);
        offer(frame(PEER_ID, Ha2Codec.STREAM_RECORDS, EPOCH, 1, messages(new BulkStart(1, 254, 1)), true), 0);
        offer(sessions(2, 1), MS);
        offer(frame(PEER_ID, 0, EPOCH, 3, messages(new BulkEnd(1, 0, 2)), true), MS);
        offer(frame(PEER_ID, Ha2Codec.STREAM_RECORDS, EPOCH, 2, messages(new BulkEnd(1, 254, 0)), true), MS);
        receiver.poll(2 * MS);
        assertThat(receiver.counters().get(Ha2Counter.BULK_COUNT_MISMATCH)).isEqualTo(1);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.REQUESTED);
        assertThat(events.bulkRequestsSent).hasSize(1);

        receiver.poll(2 * MS + 1000 * MS);
        assertThat(events.bulkRequestsSent).hasSize(2);
        receiver.poll(2 * MS + 2000 * MS);
        assertThat(receiver.bulkSyncState()).isEqualTo(BulkSyncState.FAILED);
        assertThat(receiver.counters().get(Ha2Counter.BULK_FAILED)).isEqualTo(1);
    }
}

package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;
import io.palisade.dataplane.session.TcpState;
import io.palisade.ha.sync.CapturedFrames.Message;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher on one worker, driven by the test thread with explicit times. */
class SessionSyncPublisherTest {
    static final long MS = 1_000_000L;
    static final long T0 = 5_000 * MS;

    private final CapturedFrames sent = new CapturedFrames();
    private final DirectContext context = new DirectContext(0, 4096);
    private final List<io.palisade.dataplane.engine.WorkerTask> tasks = new ArrayList<>();
    private SessionSyncPublisher publisher = publisher(Ha2Options.DEFAULTS.withRefresh(0));

    private SessionSyncPublisher publisher(Ha2Options options) {
        SessionSyncPublisher p = new SessionSyncPublisher(
                options,
                Ha2Auth.none(1, 2),
                77,
                1,
                options.mtu() - UdpHa2Link.IPV4_OVERHEAD,
                sent,
                (w, task) -> tasks.add(task));
        p.attach(context);
        p.setPeerContacted(true);
        context.sink = p;
        return p;
    }

    /** Runs the tasks the publisher submitted, as the worker would. */
    private void runTasks(long nowNs) {
        List<io.palisade.dataplane.engine.WorkerTask> pending = new ArrayList<>(tasks);
        tasks.clear();
        pending.forEach(task -> task.run(context, nowNs));
    }

    @AfterEach
    void close() {
        context.close();
    }

    private int insert(int i, long nowNs) {
        return TestSessions.insert(context, publisher, i, nowNs);
    }

    @Test
    void manyUpdatesOfOneSessionBecomeOneMessage() {
        int rec = insert(1, T0);
        publisher.poll(0, T0 + 10 * MS);
        assertThat(sent.messages()).hasSize(1);
        sent.clear();

        for (int n = 0; n < 100; n++) {
            context.v4.setLastSeenMs(rec, 5_000 + n);
            publisher.onUpdate(0, context.v4, rec, T0 + 20 * MS);
        }
        context.v4.setTcpState(rec, TcpState.HALF_CLOSED);
        publisher.poll(0, T0 + 40 * MS);

        List<Message> messages = sent.messages();
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().session().tcpState).isEqualTo(TcpState.HALF_CLOSED);
        assertThat(publisher.counter(Ha2Counter.UPDATE_COALESCED)).isEqualTo(99);
        assertThat(context.v4.syncState(rec)).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void aDeleteOfANeverSentInsertCancelsIt() {
        int rec = insert(1, T0);
        publisher.onDelete(0, context.v4, rec, T0 + MS);
        context.v4.remove(rec);
        publisher.poll(0, T0 + 100 * MS);

        assertThat(sent.count()).isZero();
        assertThat(publisher.counter(Ha2Counter.INSERT_CANCELLED)).isEqualTo(1);
        assertThat(publisher.queueDepth()).isZero();
    }

    @Test
    void theFlushDeadlineSendsWhatWaits() {
        insert(1, T0);
        insert(2, T0 + 3 * MS);
        publisher.poll(0, T0 + 9 * MS);
        assertThat(sent.count()).isZero();
        assertThat(publisher.queueDepth()).isEqualTo(2);
        assertThat(publisher.oldestQueuedNs()).isEqualTo(T0);

        publisher.poll(0, T0 + 10 * MS);
        assertThat(sent.count()).isEqualTo(1);
        assertThat(sent.messages()).extracting(Message::clientPort).containsExactly(10_001, 10_002);
        assertThat(publisher.counter(Ha2Counter.DEADLINE_FLUSH)).isEqualTo(1);
        assertThat(publisher.queueDepth()).isZero();
    }

    @Test
    void framesNeverExceedTheLinkAndFullOnesGoOutWithoutWaiting() {
        publisher = publisher(Ha2Options.DEFAULTS.withFrames(600, 64, 64, 4096));
        int sessions = 2000;
        for (int i = 0; i < sessions; i++) {
            insert(i, T0);
        }
        int beforeDeadline = sent.count();
        publisher.poll(0, T0 + 10 * MS);

        assertThat(beforeDeadline).isGreaterThan(sessions / 20);
        for (int f = 0; f < sent.frames.size(); f++) {
            byte[] frame = sent.frames.get(f);
            assertThat(frame.length).isLessThanOrEqualTo(600 - UdpHa2Link.IPV4_OVERHEAD);
            if (f < beforeDeadline) {
                assertThat(frame.length).isGreaterThan(600 - UdpHa2Link.IPV4_OVERHEAD - Ha2Codec.MAX_UPSERT_BYTES_V4);
            }
        }
        assertThat(sent.messages()).hasSize(sessions);
        assertThat(sent.messages()).extracting(Message::sequence).isSorted();
    }

    @Test
    void withoutAPeerChangesAreOnlyMarked() {
        publisher.setPeerContacted(false);
        int rec = insert(1, T0);
        publisher.poll(0, T0 + 100 * MS);
        assertThat(sent.count()).isZero();
        assertThat(context.v4.syncState(rec)).isEqualTo(SyncState.PENDING_INSERT);
        assertThat(publisher.counter(Ha2Counter.MARKED_NOT_SENDING)).isEqualTo(1);

        publisher.setSyncEnabled(false);
        publisher.setPeerContacted(true);
        insert(2, T0);
        publisher.poll(0, T0 + 100 * MS);
        assertThat(sent.count()).isZero();
    }

    @Test
    void aSessionInsertedAfterABulkStartedIsSentEvenBeforeTheContactFlagWasSet() {
        publisher.setPeerContacted(false);
        publisher.requestBulkSync(4);
        runTasks(T0);
        for (int cycle = 0; cycle < 5; cycle++) {
            publisher.poll(0, T0 + cycle * MS); // walks the empty table: start and end markers
        }
        sent.clear();

        insert(1, T0 + 10 * MS); // behind the finished walk: only a live message can carry it
        publisher.poll(0, T0 + 30 * MS);

        assertThat(sent.messages())
                .filteredOn(m -> m.session() != null)
                .extracting(Message::clientPort)
                .containsExactly(TestSessions.clientPort(1));
        assertThat(publisher.counter(Ha2Counter.MARKED_NOT_SENDING)).isZero();
    }

    @Test
    void aDeleteGoesBeforeTheInsertOfANewSessionWithTheSameKey() {
        int rec = insert(1, T0);
        publisher.poll(0, T0 + 10 * MS);
        sent.clear();

        publisher.onDelete(0, context.v4, rec, T0 + 11 * MS);
        context.v4.remove(rec);
        insert(1, T0 + 12 * MS);
        publisher.poll(0, T0 + 30 * MS);

        assertThat(sent.messages())
                .extracting(Message::type)
                .containsExactly(Ha2Codec.SESSION_DELETE, Ha2Codec.SESSION_UPSERT);
    }

    @Test
    void aBulkSendsEveryLiveSessionBetweenMarkersAndSkipsPeerSessions() {
        publisher.setPeerContacted(false);
        for (int i = 0; i < 300; i++) {
            insert(i, T0);
        }
        int peerRec = TestSessions.find(context.v4, 7);
        context.v4.setSyncState(peerRec, SyncState.FROM_PEER);
        publisher.setPeerContacted(true);

        publisher.requestBulkSync(4);
        runTasks(T0);
        for (int cycle = 0; cycle < 10; cycle++) {
            publisher.poll(0, T0 + cycle * MS);
        }

        List<Message> messages = sent.messages();
        assertThat(messages.getFirst().control()).isEqualTo(new BulkStart(4, 0, 1));
        assertThat(messages.getLast().control()).isEqualTo(new BulkEnd(4, 0, 299));
        assertThat(messages.stream()
                        .filter(m -> m.session() != null)
                        .map(Message::clientPort)
                        .distinct())
                .hasSize(299)
                .doesNotContain(TestSessions.clientPort(7));
        assertThat(context.v4.syncState(TestSessions.find(context.v4, 8))).isEqualTo(SyncState.SYNCED);

        // The active node is the authority: then peer sessions are part of the bulk too.
        sent.clear();
        publisher.setAuthoritative(true);
        publisher.requestBulkSync(5);
        runTasks(T0);
        for (int cycle = 0; cycle < 10; cycle++) {
            publisher.poll(0, T0 + (20 + cycle) * MS);
        }
        assertThat(sent.messages().getLast().control()).isEqualTo(new BulkEnd(5, 0, 300));
        assertThat(context.v4.syncState(peerRec)).isEqualTo(SyncState.FROM_PEER);
    }

    @Test
    void gapRequestsAreAnsweredWithTheFramesAsSent() {
        publisher = publisher(Ha2Options.DEFAULTS.withFrames(600, 8, 64, 4096));
        for (int i = 0; i < 200; i++) {
            insert(i, T0);
        }
        publisher.poll(0, T0 + 10 * MS);
        List<byte[]> original = List.copyOf(sent.frames);
        int frames = original.size();
        assertThat(frames).isGreaterThan(8);
        sent.clear();

        publisher.onGapRequest(0, frames - 2, frames - 1);
        publisher.onGapRequest(0, 1, 1);
        runTasks(T0 + 11 * MS);

        assertThat(sent.frames).hasSize(2);
        assertThat(sent.frames.get(0)).isEqualTo(original.get(frames - 3));
        assertThat(sent.frames.get(1)).isEqualTo(original.get(frames - 2));
        assertThat(publisher.counter(Ha2Counter.RETRANSMITTED)).isEqualTo(2);
        assertThat(publisher.counter(Ha2Counter.RETRANSMIT_UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void peerSessionsAreNotEchoedUnlessThisNodeIsTheAuthority() {
        int rec = insert(1, T0);
        publisher.poll(0, T0 + 10 * MS);
        sent.clear();
        context.v4.setSyncState(rec, SyncState.FROM_PEER);

        publisher.onUpdate(0, context.v4, rec, T0 + 11 * MS);
        publisher.onDelete(0, context.v4, rec, T0 + 12 * MS);
        publisher.poll(0, T0 + 30 * MS);
        assertThat(sent.count()).isZero();

        publisher.setAuthoritative(true);
        publisher.onUpdate(0, context.v4, rec, T0 + 31 * MS);
        publisher.poll(0, T0 + 50 * MS);
        assertThat(sent.messages()).extracting(Message::type).containsExactly(Ha2Codec.SESSION_UPSERT);
        assertThat(context.v4.syncState(rec)).isEqualTo(SyncState.SYNCED);
        SessionTable table = context.v4;
        assertThat(table.isLive(rec)).isTrue();
    }

    @Test
    void sessionsWithTrafficAreSentAgainOncePerRefreshInterval() {
        publisher = publisher(Ha2Options.DEFAULTS.withRefresh(1000));
        int busy = insert(1, T0);
        int idle = insert(2, T0);
        publisher.poll(0, T0 + 10 * MS);
        assertThat(sent.messages()).hasSize(2);
        sent.clear();
        context.v4.setLastSeenMs(idle, 0);

        // A second of duty cycles: the walk covers every slot once; the busy session is sent again, the idle one not.
        for (long t = 15; t <= 1000; t += 5) {
            context.v4.setLastSeenMs(busy, (int) ((T0 + t * MS) / MS));
            publisher.poll(0, T0 + t * MS);
        }
        List<Message> refreshed = sent.messages();
        assertThat(refreshed).extracting(Message::clientPort).containsExactly(TestSessions.clientPort(1));
        assertThat(publisher.counter(Ha2Counter.REFRESH_QUEUED)).isEqualTo(1);
        assertThat(context.v4.syncState(busy)).isEqualTo(SyncState.SYNCED);

        // One more interval, one more refresh; none when the session falls idle.
        for (long t = 1005; t <= 2000; t += 5) {
            context.v4.setLastSeenMs(busy, (int) ((T0 + t * MS) / MS));
            publisher.poll(0, T0 + t * MS);
        }
        assertThat(publisher.counter(Ha2Counter.REFRESH_QUEUED)).isEqualTo(2);
        // Idle from now on: the traffic of the interval just ended is announced once more, then nothing.
        for (long t = 2005; t <= 5000; t += 5) {
            publisher.poll(0, T0 + t * MS);
        }
        assertThat(publisher.counter(Ha2Counter.REFRESH_QUEUED)).isEqualTo(3);
    }
}

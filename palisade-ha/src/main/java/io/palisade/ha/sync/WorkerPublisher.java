package io.palisade.ha.sync;

import io.palisade.common.Counters;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker's half of {@link SessionSyncPublisher}: its sync queues (insert, update, delete), the frame being
 * built, the stream's sequence numbers and resend ring, and its bulk table walk. Only the worker's thread calls it;
 * a few figures are published for the status and the keep-alive.
 *
 * <pre>
 *  onInsert ─▶ PENDING_INSERT ─▶ insert queue ─┐
 *  onUpdate ─▶ PENDING_UPDATE ─▶ update queue ─┼─▶ flush: deletes, inserts, updates ─▶ frames ─▶ link
 *  onDelete ─▶ key encoded now ─▶ delete queue ┘      (current record state read at flush: coalescing)
 *  onDelete of a PENDING_INSERT: cancelled, nothing on the wire
 *  flush when a frame's worth is queued, or when the oldest entry reaches the flush deadline (poll)
 * </pre>
 *
 * Deletes go first within a flush: a delete and a later insert of the same key (a new session reusing a 5-tuple)
 * must arrive in that order, and a pending insert can never be older than a queued delete of its own key (that
 * would be two live sessions with one key).
 */
final class WorkerPublisher {
    static final long NONE = Long.MIN_VALUE;
    private static final int INITIAL_UPSERT_ESTIMATE = 48;

    private final int worker;
    private final SessionSyncPublisher owner;
    private final FrameSender sender;
    private final Counters<Ha2Counter> counters = new Counters<>(Ha2Counter.class);
    private final FrameBuilder builder;
    private final RetransmitRing ring;
    private final SessionImage image = new SessionImage();
    private final byte[] scratch = new byte[Ha2Codec.MAX_UPSERT_BYTES_V6 + 8];
    private final PendingQueue inserts;
    private final PendingQueue updates;
    private final byte[] deletes;
    private final int payloadBytes;
    private final long flushDelayNs;
    private final boolean withCounters;
    private final int bulkSlice;
    private final long refreshIntervalNs;
    private final SessionTable[] tables = new SessionTable[2];
    private long timeBaseNs;
    private boolean attached;
    private int deleteRead;
    private int deleteWrite;
    private int deleteCount;
    private long sequence;
    private long oldestQueuedNs = NONE;
    private int upsertEstimate = INITIAL_UPSERT_ESTIMATE;

    private boolean bulkActive;
    private long bulkId;
    private int walkTable;
    private int walkCursor;
    private long upsertsSinceBulkStart;

    private int refreshTable;
    private int refreshCursor;
    private long refreshCredit;
    private long lastRefreshNs = NONE;

    private final AtomicLong lastSentSequence = new AtomicLong();
    private final AtomicLong publishedDepth = new AtomicLong();
    private final AtomicLong publishedOldestNs = new AtomicLong(NONE);

    WorkerPublisher(
            int worker, SessionSyncPublisher owner, Ha2Options options, FrameBuilder builder, FrameSender sender) {
        this.worker = worker;
        this.owner = owner;
        this.sender = sender;
        this.builder = builder;
        this.ring = new RetransmitRing(options.retransmitFrames(), builder.maxFrameBytes());
        this.inserts = new PendingQueue(options.queueCapacity());
        this.updates = new PendingQueue(options.queueCapacity());
        this.deletes = new byte[2 * builder.maxFrameBytes()];
        this.payloadBytes = builder.room();
        this.flushDelayNs = options.flushDelayMs() * 1_000_000L;
        this.withCounters = options.syncCounters();
        this.bulkSlice = options.bulkSliceRecords();
        this.refreshIntervalNs = options.refreshIntervalMs() * 1_000_000L;
    }

    Counters<Ha2Counter> counters() {
        return counters;
    }

    /** Learns the worker's tables and their time base (from a task running on the worker). */
    void attach(SessionTable v4, SessionTable v6, long tableTimeBaseNs) {
        tables[0] = v4;
        tables[1] = v6;
        timeBaseNs = tableTimeBaseNs;
        attached = true;
    }

    boolean attached() {
        return attached;
    }

    // ------------------------------------------------------------------ session events

    void onInsert(SessionTable table, int rec, long nowNs) {
        table.setSyncState(rec, SyncState.PENDING_INSERT);
        if (!sending()) {
            counters.increment(Ha2Counter.MARKED_NOT_SENDING);
            return;
        }
        enqueue(inserts, table, rec, 0, nowNs);
    }

    void onUpdate(SessionTable table, int rec, long nowNs) {
        switch (table.syncState(rec)) {
            case PENDING_INSERT, PENDING_UPDATE -> counters.increment(Ha2Counter.UPDATE_COALESCED);
            case FROM_PEER -> {
                // A peer session becomes this node's to announce only when this node is the authority (active).
                if (owner.authoritative()) {
                    markUpdated(table, rec, nowNs);
                }
            }
            case SYNCED -> markUpdated(table, rec, nowNs);
        }
    }

    private void markUpdated(SessionTable table, int rec, long nowNs) {
        table.setSyncState(rec, SyncState.PENDING_UPDATE);
        if (!sending()) {
            counters.increment(Ha2Counter.MARKED_NOT_SENDING);
            return;
        }
        enqueue(updates, table, rec, 0, nowNs);
    }

    void onDelete(SessionTable table, int rec, long nowNs) {
        switch (table.syncState(rec)) {
            case PENDING_INSERT -> {
                // Never announced, so nothing to take back; its queue entry goes stale with the record.
                table.setSyncState(rec, SyncState.SYNCED);
                counters.increment(Ha2Counter.INSERT_CANCELLED);
            }
            case FROM_PEER -> {
                if (owner.authoritative()) {
                    queueDelete(table, rec, nowNs);
                }
            }
            case SYNCED, PENDING_UPDATE -> queueDelete(table, rec, nowNs);
        }
    }

    private void queueDelete(SessionTable table, int rec, long nowNs) {
        table.setSyncState(rec, SyncState.SYNCED);
        if (!sending()) {
            counters.increment(Ha2Counter.MARKED_NOT_SENDING);
            return;
        }
        if (deleteWrite + Ha2Codec.MAX_DELETE_BYTES > deletes.length) {
            counters.increment(Ha2Counter.QUEUE_FULL_FLUSH);
            flush(nowNs, true);
        }
        image.readFrom(table, rec, 0, false);
        deleteWrite = Ha2Codec.writeDelete(deletes, deleteWrite, image);
        deleteCount++;
        noteQueued(nowNs);
    }

    private boolean sending() {
        return attached && owner.sending();
    }

    private void enqueue(PendingQueue queue, SessionTable table, int rec, int tag, long nowNs) {
        if (queue.isFull()) {
            counters.increment(Ha2Counter.QUEUE_FULL_FLUSH);
            flush(nowNs, true);
        }
        int v6 = table.layout().isIpv6() ? PendingQueue.TABLE_V6 : 0;
        tables[v6] = table;
        queue.add(rec, table.generation(rec), tag | v6);
        noteQueued(nowNs);
    }

    private void noteQueued(long nowNs) {
        if (oldestQueuedNs == NONE) {
            oldestQueuedNs = nowNs;
        }
        if (queuedBytesEstimate() >= payloadBytes) {
            flush(nowNs, false);
        }
    }

    private int queuedBytesEstimate() {
        return (deleteWrite - deleteRead) + (inserts.size() + updates.size()) * upsertEstimate;
    }

    private boolean hasQueued() {
        return deleteCount > 0 || !inserts.isEmpty() || !updates.isEmpty();
    }

    // ------------------------------------------------------------------ duty cycle

    /** Bulk walk slice, then the flush deadline. */
    int poll(long nowNs) {
        int work = 0;
        if (bulkActive) {
            work += walkSlice(nowNs);
        }
        work += refreshSlice(nowNs);
        if (hasQueued() && nowNs - oldestQueuedNs >= flushDelayNs) {
            counters.increment(Ha2Counter.DEADLINE_FLUSH);
            work += flush(nowNs, true);
        }
        publishStats();
        return work;
    }

    /**
     * Sends what is queued: everything when {@code all}, otherwise whole frames only while a frame's worth waits.
     *
     * @return frames sent
     */
    int flush(long nowNs, boolean all) {
        int frames = 0;
        while (hasQueued() && (all || queuedBytesEstimate() >= payloadBytes)) {
            if (fillAndSend(nowNs)) {
                frames++;
            }
        }
        if (!hasQueued()) {
            oldestQueuedNs = NONE;
        }
        return frames;
    }

    /** Builds one frame from the queues, deletes first; sends it unless every entry taken was stale. */
    private boolean fillAndSend(long nowNs) {
        long next = sequence + 1;
        builder.begin(ring.slotFor(next), worker, next);
        long nowMs = (nowNs - timeBaseNs) / 1_000_000L;
        if (pullDeletes() && pullUpserts(inserts, nowMs)) {
            pullUpserts(updates, nowMs);
        }
        if (builder.count() == 0) {
            return false;
        }
        sendFrame(next);
        return true;
    }

    /** Moves encoded deletes into the frame; false when the frame is full. */
    private boolean pullDeletes() {
        while (deleteCount > 0) {
            int length = 2 + deletes[deleteRead + 1];
            if (builder.room() < length) {
                return false;
            }
            builder.append(deletes, deleteRead, length);
            deleteRead += length;
            deleteCount--;
            counters.increment(Ha2Counter.MSG_DELETE_SENT);
        }
        deleteRead = 0;
        deleteWrite = 0;
        return true;
    }

    /** Encodes queued sessions' current state into the frame; false when the frame is full. */
    private boolean pullUpserts(PendingQueue queue, long nowMs) {
        while (!queue.isEmpty()) {
            int tag = queue.headTag();
            SessionTable table = tables[tag & PendingQueue.TABLE_V6];
            int rec = queue.headRecord();
            if (!stillPending(table, rec, queue.headGeneration(), tag)) {
                queue.pop();
                continue;
            }
            image.readFrom(table, rec, nowMs, withCounters);
            int length;
            if (builder.room() >= Ha2Codec.MAX_UPSERT_BYTES_V6) {
                int at = builder.position();
                int end = Ha2Codec.writeUpsert(builder.buffer(), at, image);
                builder.appended(end);
                length = end - at;
            } else {
                length = Ha2Codec.writeUpsert(scratch, 0, image);
                if (length > builder.room()) {
                    return false;
                }
                builder.append(scratch, 0, length);
            }
            queue.pop();
            if (table.syncState(rec) != SyncState.FROM_PEER) {
                table.setSyncState(rec, SyncState.SYNCED);
            }
            upsertEstimate = (upsertEstimate * 7 + length + 7) / 8;
            upsertsSinceBulkStart++;
            counters.increment(Ha2Counter.MSG_UPSERT_SENT);
        }
        return true;
    }

    /** Lazy removal: the record must still hold the session that was queued, and it must still need sending. */
    private boolean stillPending(SessionTable table, int rec, int generation, int tag) {
        if (table == null || !table.isLive(rec) || table.generation(rec) != generation) {
            return false;
        }
        SyncState state = table.syncState(rec);
        return state == SyncState.PENDING_INSERT
                || state == SyncState.PENDING_UPDATE
                || ((tag & PendingQueue.BULK) != 0 && state == SyncState.FROM_PEER && owner.authoritative());
    }

    private void sendFrame(long seq) {
        int length = builder.seal();
        ring.sent(seq, length);
        sequence = seq;
        sender.send(builder.buffer(), 0, length);
        lastSentSequence.lazySet(seq);
        counters.increment(Ha2Counter.FRAME_SENT);
        counters.add(Ha2Counter.FRAME_BYTES_SENT, length);
    }

    private void sendControl(Ha2Message message) {
        long next = sequence + 1;
        builder.begin(ring.slotFor(next), worker, next);
        builder.appended(Ha2Codec.writeMessage(builder.buffer(), builder.position(), message));
        sendFrame(next);
    }

    // ------------------------------------------------------------------ bulk sync

    /** Starts (or restarts) a bulk walk: what is queued goes first, then the start marker. */
    void startBulk(long id, int workerCount, long nowNs) {
        flush(nowNs, true);
        sendControl(new BulkStart(id, worker, workerCount));
        bulkActive = true;
        bulkId = id;
        walkTable = 0;
        walkCursor = 0;
        upsertsSinceBulkStart = 0;
        counters.increment(Ha2Counter.BULK_STARTED);
    }

    /**
     * Walks up to {@code bulkSliceRecords} record slots with this worker's own cursor (the table's scan window is
     * the ageing walk's; sharing it would make each walk skip the other's windows), queueing every live session
     * this node is the authority for as an update.
     */
    private int walkSlice(long nowNs) {
        int budget = bulkSlice;
        int walked = 0;
        while (budget > 0 && walkTable < tables.length) {
            SessionTable table = tables[walkTable];
            if (table == null || walkCursor >= table.capacity()) {
                walkTable++;
                walkCursor = 0;
                continue;
            }
            int end = (int) Math.min(table.capacity(), (long) walkCursor + budget);
            for (int rec = walkCursor; rec < end; rec++) {
                if (table.isLive(rec)) {
                    walkOne(table, rec, nowNs);
                }
            }
            walked += end - walkCursor;
            budget -= end - walkCursor;
            walkCursor = end;
        }
        if (walkTable >= tables.length) {
            finishBulk(nowNs);
        }
        return Math.max(1, walked);
    }

    private void walkOne(SessionTable table, int rec, long nowNs) {
        SyncState state = table.syncState(rec);
        if (state == SyncState.FROM_PEER && !owner.authoritative()) {
            return;
        }
        if (state == SyncState.SYNCED) {
            table.setSyncState(rec, SyncState.PENDING_UPDATE);
        }
        counters.increment(Ha2Counter.BULK_SESSIONS_SENT);
        enqueue(updates, table, rec, PendingQueue.BULK, nowNs);
    }

    private void finishBulk(long nowNs) {
        flush(nowNs, true);
        sendControl(new BulkEnd(bulkId, worker, upsertsSinceBulkStart));
        bulkActive = false;
    }

    // ------------------------------------------------------------------ refresh walk

    /**
     * A slow walk that sends again every session with traffic in the last refresh interval, once per interval. State
     * changes alone would leave a long busy flow's copy on the peer with the idle age of its last change, and the peer
     * would age it out while it lives here (the "long-lived flows lost at failover" complaint). The walk covers all
     * record slots once per interval, paced by time, in slices of at most the bulk slice.
     */
    private int refreshSlice(long nowNs) {
        if (refreshIntervalNs == 0 || !sending()) {
            lastRefreshNs = NONE;
            return 0;
        }
        long elapsed = lastRefreshNs == NONE ? 0 : nowNs - lastRefreshNs;
        lastRefreshNs = nowNs;
        long slots = slots();
        // Credit in slot-nanoseconds, capped at one slice (doubles: slots times a long pause overflows a long).
        double cap = (double) bulkSlice * refreshIntervalNs;
        refreshCredit = (long) Math.min(cap, refreshCredit + (double) slots * Math.max(0, elapsed));
        int budget = (int) Math.min(bulkSlice, refreshCredit / refreshIntervalNs);
        if (budget == 0) {
            return 0;
        }
        refreshCredit -= budget * refreshIntervalNs;
        long activeSinceMs = (nowNs - timeBaseNs - refreshIntervalNs) / 1_000_000L;
        for (int i = 0; i < budget; i++) {
            SessionTable table = tables[refreshTable];
            if (table == null || refreshCursor >= table.capacity()) {
                refreshTable ^= 1;
                refreshCursor = 0;
                continue;
            }
            int rec = refreshCursor++;
            if (table.isLive(rec) && table.lastSeenMs(rec) >= activeSinceMs && refreshable(table.syncState(rec))) {
                counters.increment(Ha2Counter.REFRESH_QUEUED);
                markUpdated(table, rec, nowNs);
            }
        }
        return 0;
    }

    private boolean refreshable(SyncState state) {
        return state == SyncState.SYNCED || (state == SyncState.FROM_PEER && owner.authoritative());
    }

    private long slots() {
        long slots = 0;
        for (SessionTable table : tables) {
            slots += table == null ? 0 : table.capacity();
        }
        return slots;
    }

    // ------------------------------------------------------------------ resend

    /** Sends frames {@code first..last} again, those the ring still holds; the rest are counted unavailable. */
    void resend(long first, long last) {
        long oldest = Math.max(1, sequence - ring.capacity() + 1);
        long span = Math.min(last, first + ring.capacity()) - first + 1;
        for (long seq = first; seq < first + span; seq++) {
            byte[] frame = seq >= oldest && seq <= sequence ? ring.frame(seq) : null;
            if (frame == null) {
                counters.increment(Ha2Counter.RETRANSMIT_UNAVAILABLE);
            } else {
                sender.send(frame, 0, ring.length(seq));
                counters.increment(Ha2Counter.RETRANSMITTED);
            }
        }
    }

    // ------------------------------------------------------------------ figures for other threads

    private void publishStats() {
        publishedDepth.lazySet(deleteCount + inserts.size() + updates.size());
        publishedOldestNs.lazySet(oldestQueuedNs);
    }

    long lastSentSequence() {
        return lastSentSequence.get();
    }

    long queueDepth() {
        return publishedDepth.get();
    }

    long oldestQueuedNs() {
        return publishedOldestNs.get();
    }
}

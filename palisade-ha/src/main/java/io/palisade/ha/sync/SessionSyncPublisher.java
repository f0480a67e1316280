package io.palisade.ha.sync;

import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.ha.sync.Ha2Message.StreamMark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sending half of HA2 session sync, pfsync style: the engine calls it from each worker when a session is
 * inserted, changes or goes away, and once per duty cycle ({@link #poll}); each worker has its own queues, frames,
 * sequence numbers and resend ring ({@link WorkerPublisher}), and all encoding happens on the worker's own thread.
 * Other threads reach a worker only through {@link WorkerTask}s: attaching its tables, starting a bulk walk,
 * answering a gap request.
 *
 * <p>While synchronisation is off or no peer has been heard from, session changes are only marked in the sessions'
 * sync state; the bulk sync the peer asks for when it appears covers them.
 *
 * <p>Authority: when this node is the one the peer should copy ({@link #setAuthoritative}; the HA agent sets it on
 * the active node of a pair), sessions installed from the peer are announced like its own, so a node that took over
 * hands them back to a returning peer. Otherwise peer sessions are never echoed back.
 */
public final class SessionSyncPublisher implements SessionEventSink {
    private final WorkerPublisher[] workers;
    private final WorkerTaskSubmitter submitter;
    private volatile boolean syncEnabled;
    private volatile boolean peerContacted;
    private volatile boolean authoritative;

    /**
     * @param epoch this node's incarnation (see {@link Ha2Codec}); the same value for every stream
     * @param maxFrameBytes largest frame every link in use carries
     * @param sender where frames go (the current data link)
     */
    SessionSyncPublisher(
            Ha2Options options,
            Ha2Auth auth,
            long epoch,
            int workerCount,
            int maxFrameBytes,
            FrameSender sender,
            WorkerTaskSubmitter submitter) {
        if (workerCount < 1 || workerCount > Ha2Codec.MAX_WORKER_STREAM + 1) {
            throw new IllegalArgumentException(
                    "HA2 supports 1.." + (Ha2Codec.MAX_WORKER_STREAM + 1) + " workers, not " + workerCount);
        }
        this.submitter = submitter;
        this.syncEnabled = options.syncEnabled();
        this.workers = new WorkerPublisher[workerCount];
        for (int w = 0; w < workerCount; w++) {
            FrameBuilder builder = new FrameBuilder(auth.localSenderId(), epoch, auth.newMac(), maxFrameBytes);
            workers[w] = new WorkerPublisher(w, this, options, builder, sender);
        }
    }

    public int workerCount() {
        return workers.length;
    }

    // ------------------------------------------------------------------ SessionEventSink (worker threads)

    @Override
    public void onInsert(int worker, SessionTable table, int record, long nowNs) {
        workers[worker].onInsert(table, record, nowNs);
    }

    @Override
    public void onUpdate(int worker, SessionTable table, int record, long nowNs) {
        workers[worker].onUpdate(table, record, nowNs);
    }

    @Override
    public void onDelete(int worker, SessionTable table, int record, long nowNs) {
        workers[worker].onDelete(table, record, nowNs);
    }

    @Override
    public int poll(int worker, long nowNs) {
        return workers[worker].poll(nowNs);
    }

    /** Gives a worker its tables and their time base; call on that worker's thread (a task does). */
    public void attach(WorkerContext context) {
        workers[context.workerIndex()].attach(context.table(4), context.table(6), context.tableTimeBaseNs());
    }

    // ------------------------------------------------------------------ commands (any thread)

    /** Queues a task on every worker that attaches its tables; until then a worker only marks sessions. */
    public void attachAll() {
        for (int w = 0; w < workers.length; w++) {
            submitter.submit(w, (context, nowNs) -> attach(context));
        }
    }

    /**
     * Every worker walks its tables in slices and sends every live session between bulk start and end markers
     * carrying {@code bulkId}. A bulk already running restarts under the new id.
     *
     * <p>From here on every change is sent live: a peer that asks for a bulk has been heard. Before, the flag that
     * says so was set only at the end of the HA2 cycle that received the request, and a session a worker inserted
     * in between, into a slot its walk had already passed, was neither walked nor sent (a peer's bulk sync
     * completed with 491 of 500 sessions, {@code Ha2SyncLoopbackTest}).
     *
     * @return false when a worker refused the task (the peer's bulk timeout will ask again)
     */
    public boolean requestBulkSync(long bulkId) {
        peerContacted = true;
        boolean all = true;
        for (int w = 0; w < workers.length; w++) {
            WorkerPublisher publisher = workers[w];
            all &= submitter.submit(w, (context, nowNs) -> {
                if (!publisher.attached()) {
                    attach(context);
                }
                publisher.startBulk(bulkId, workers.length, nowNs);
            });
        }
        return all;
    }

    /** The peer asked for frames {@code first..last} of a worker's stream: the worker resends what it still has. */
    void onGapRequest(int worker, long first, long last) {
        if (worker < 0 || worker >= workers.length) {
            return;
        }
        WorkerPublisher publisher = workers[worker];
        submitter.submit(worker, (context, nowNs) -> publisher.resend(first, last));
    }

    /** Synchronisation on or off (off: sessions are only marked). */
    public void setSyncEnabled(boolean enabled) {
        syncEnabled = enabled;
    }

    public boolean syncEnabled() {
        return syncEnabled;
    }

    /** Whether a peer has been heard from; until then changes are only marked. */
    void setPeerContacted(boolean contacted) {
        peerContacted = contacted;
    }

    /** This node is the authority the peer copies (the active node of a pair): announce peer sessions too. */
    public void setAuthoritative(boolean on) {
        authoritative = on;
    }

    public boolean authoritative() {
        return authoritative;
    }

    boolean sending() {
        return syncEnabled && peerContacted;
    }

    // ------------------------------------------------------------------ figures

    /** Last sequence sent per worker stream, for the keep-alive. */
    List<StreamMark> streamMarks() {
        List<StreamMark> marks = new ArrayList<>(workers.length);
        for (int w = 0; w < workers.length; w++) {
            marks.add(new StreamMark(w, workers[w].lastSentSequence()));
        }
        return marks;
    }

    /** Session changes waiting to be sent, over all workers. */
    public long queueDepth() {
        long depth = 0;
        for (WorkerPublisher worker : workers) {
            depth += worker.queueDepth();
        }
        return depth;
    }

    /** When the oldest queued change was queued ({@code nanoTime}), or {@link Long#MIN_VALUE} when none is. */
    public long oldestQueuedNs() {
        long oldest = WorkerPublisher.NONE;
        for (WorkerPublisher worker : workers) {
            long ns = worker.oldestQueuedNs();
            if (ns != WorkerPublisher.NONE && (oldest == WorkerPublisher.NONE || ns < oldest)) {
                oldest = ns;
            }
        }
        return oldest;
    }

    /** Totals every worker's counters into {@code into}, by name. */
    public void addCountersTo(Map<String, Long> into) {
        for (WorkerPublisher worker : workers) {
            worker.counters().addTo(into);
        }
    }

    long counter(Ha2Counter kind) {
        long total = 0;
        for (WorkerPublisher worker : workers) {
            total += worker.counters().get(kind);
        }
        return total;
    }
}

package io.palisade.ha.sync;

import io.palisade.common.Counters;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of bulk sync: asks the peer for everything, follows the start and end markers of every stream
 * of the newest bulk, and calls it complete only when every worker stream and the record stream ended with the
 * count it announced, no gap is open, and every session delivered has been applied by the workers. A bulk that makes
 * no progress for the timeout is asked for again, up to the retry limit, then reported failed (loudly, not stuck).
 * Pure logic on the HA2 agent thread: time comes in as {@code nowNs}.
 *
 * <pre>
 *  NOT_STARTED ─request─▶ REQUESTED ─BulkStart─▶ IN_PROGRESS ─all ends ok, no gap, applied─▶ COMPLETE
 *       ▲                     │  ▲                    │ count short / timeout: request again     │
 *       │ peer restarted      │  └────────────────────┘                                          │ frames lost
 *       │                     └─ tries used up ─▶ FAILED                          REQUESTED ◀────┘
 * </pre>
 */
final class BulkTracker {
    private static final Logger LOG = LoggerFactory.getLogger(BulkTracker.class);
    private static final int STREAMS = 256;

    /** How the tracker asks the peer for a bulk. */
    @FunctionalInterface
    interface Requester {
        void sendBulkRequest(long requestId);
    }

    private final Requester requester;
    private final Counters<Ha2Counter> counters;
    private final long timeoutNs;
    private final int maxTries;
    private final int groupId;
    private BulkSyncState state = BulkSyncState.NOT_STARTED;
    private long requestId;
    private int tries;
    private long deadlineNs;
    private long startedNs;
    private long bulkId = -1;
    private int workerCount;
    private final boolean[] started = new boolean[STREAMS];
    private final boolean[] ended = new boolean[STREAMS];
    private final long[] counted = new long[STREAMS];
    private boolean countsMatch;
    private long applyTarget = -1;
    private long sessions;
    private long completions;

    BulkTracker(Requester requester, Counters<Ha2Counter> counters, Ha2Options options) {
        this.requester = requester;
        this.counters = counters;
        this.timeoutNs = options.bulkTimeoutMs() * 1_000_000L;
        this.maxTries = options.bulkMaxTries();
        this.groupId = options.groupId();
    }

    BulkSyncState state() {
        return state;
    }

    /** How many bulks have completed: a new one shows even when the state reads COMPLETE before and after. */
    long completions() {
        return completions;
    }

    /** Sessions (upserts on worker streams) received in the last complete or current bulk. */
    long sessions() {
        return sessions;
    }

    /** Asks the peer for a bulk sync, as a fresh episode (tries start over). */
    void request(long nowNs, String reason) {
        tries = 0;
        send(nowNs, reason);
    }

    private void send(long nowNs, String reason) {
        tries++;
        state = BulkSyncState.REQUESTED;
        deadlineNs = nowNs + timeoutNs;
        startedNs = nowNs;
        counters.increment(Ha2Counter.BULK_REQUEST_SENT);
        LOG.info(
                "HA Group {}: HA2 bulk sync requested from the peer ({}; try {} of {})",
                groupId,
                reason,
                tries,
                maxTries);
        requester.sendBulkRequest(++requestId);
    }

    /** The peer restarted: nothing it sent before counts. */
    void reset() {
        state = BulkSyncState.NOT_STARTED;
        bulkId = -1;
        tries = 0;
        applyTarget = -1;
    }

    void onStart(BulkStart start, long nowNs) {
        if (start.bulkId() < bulkId) {
            return;
        }
        if (start.bulkId() > bulkId) {
            // A new bulk (the sender restarts a running one under a new id): forget the old one's progress.
            Arrays.fill(started, false);
            Arrays.fill(ended, false);
            Arrays.fill(counted, 0);
            bulkId = start.bulkId();
            sessions = 0;
            countsMatch = true;
            applyTarget = -1;
            startedNs = nowNs;
        }
        workerCount = start.workerCount();
        state = BulkSyncState.IN_PROGRESS;
        started[start.stream()] = true;
        ended[start.stream()] = false;
        counted[start.stream()] = 0;
        deadlineNs = nowNs + timeoutNs;
    }

    /** An upsert was delivered in order on {@code stream}. */
    void onUpsert(int stream) {
        if (started[stream] && !ended[stream]) {
            counted[stream]++;
            if (stream != Ha2Codec.STREAM_RECORDS) {
                sessions++;
            }
        }
    }

    /** Something of the bulk arrived: the timeout counts from now. */
    void progress(long nowNs) {
        if (state == BulkSyncState.IN_PROGRESS) {
            deadlineNs = nowNs + timeoutNs;
        }
    }

    /**
     * @param deliveredTotal session messages handed to workers so far; completion waits until they are applied
     */
    void onEnd(BulkEnd end, long nowNs, long deliveredTotal) {
        if (state != BulkSyncState.IN_PROGRESS || end.bulkId() != bulkId || !started[end.stream()]) {
            return;
        }
        ended[end.stream()] = true;
        if (counted[end.stream()] != end.upserts()) {
            countsMatch = false;
            counters.increment(Ha2Counter.BULK_COUNT_MISMATCH);
            LOG.warn(
                    "HA Group {}: HA2 bulk sync {} stream {} ended with {} upserts announced but {} received",
                    groupId,
                    bulkId,
                    end.stream(),
                    end.upserts(),
                    counted[end.stream()]);
        }
        if (allEnded()) {
            applyTarget = deliveredTotal;
        }
        deadlineNs = nowNs + timeoutNs;
    }

    private boolean allEnded() {
        for (int w = 0; w < workerCount; w++) {
            if (!ended[w]) {
                return false;
            }
        }
        return ended[Ha2Codec.STREAM_RECORDS];
    }

    /**
     * Timers and completion; called every agent cycle.
     *
     * @param gapOpen some stream has frames missing
     * @param applied session messages the workers have applied
     */
    void poll(long nowNs, boolean gapOpen, long applied) {
        if (state == BulkSyncState.IN_PROGRESS && applyTarget >= 0 && allEnded()) {
            if (!countsMatch) {
                retryOrFail(nowNs, "the bulk sync arrived short");
                return;
            }
            if (!gapOpen && applied >= applyTarget) {
                state = BulkSyncState.COMPLETE;
                completions++;
                counters.increment(Ha2Counter.BULK_COMPLETE);
                LOG.info(
                        "HA Group {}: HA2 bulk sync complete: {} sessions from the peer in {} ms",
                        groupId,
                        sessions,
                        (nowNs - startedNs) / 1_000_000L);
                return;
            }
        }
        if ((state == BulkSyncState.REQUESTED || state == BulkSyncState.IN_PROGRESS) && nowNs - deadlineNs >= 0) {
            counters.increment(Ha2Counter.BULK_TIMEOUT);
            retryOrFail(nowNs, "no progress for " + timeoutNs / 1_000_000L + " ms");
        }
    }

    private void retryOrFail(long nowNs, String reason) {
        if (tries < maxTries) {
            send(nowNs, reason);
            return;
        }
        state = BulkSyncState.FAILED;
        counters.increment(Ha2Counter.BULK_FAILED);
        LOG.error(
                "HA Group {}: HA2 bulk sync failed after {} tries ({}); this node's sessions are incomplete",
                groupId,
                tries,
                reason);
    }
}

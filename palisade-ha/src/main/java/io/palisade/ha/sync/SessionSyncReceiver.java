package io.palisade.ha.sync;

import io.palisade.common.Counters;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkRequest;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import io.palisade.ha.sync.Ha2Message.GapRequest;
import io.palisade.ha.sync.Ha2Message.KeepAlive;
import io.palisade.ha.sync.Ha2Message.RecordUpdate;
import io.palisade.ha.sync.Ha2Message.StreamMark;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of HA2: takes each frame a link read, checks it (a chain of guards, each with its counter:
 * header, HMAC, sender, incarnation, every message), delivers the reliable streams in order
 * ({@link StreamTracker}), asks for what is missing and gives up loudly when it cannot be had, and routes each
 * session message to the worker that owns it ({@code FlowHash.owner} of the c2s key) in batches that the worker
 * applies as one task ({@link SessionBatch}). Control messages go to the HA2 agent through {@link Events}. Runs on
 * the HA2 agent thread only.
 *
 * <pre>
 *  frame ─▶ header ─▶ HMAC ─▶ sender id ─▶ epoch ─▶ messages valid? ─┬─ control ─▶ newer than the last? ─▶ Events
 *            each refusal counted and dropped                         └─ stream ─▶ in order? ─▶ deliver ─▶ batches
 * </pre>
 */
public final class SessionSyncReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSyncReceiver.class);
    private static final int MAX_HOLE_RANGES = 8;
    private static final int BATCH_BYTES = 32 * 1024;
    private static final int POOL = 256;

    /** What the receiver passes on to, and asks of, the HA2 agent. */
    interface Events {
        void onKeepAlive(int linkIndex, KeepAlive keepAlive, long nowNs);

        void onGapRequest(GapRequest request);

        void onBulkRequest(BulkRequest request, long nowNs);

        void onPeerRestarted(long epoch);

        void sendGapRequest(GapRequest request);

        void sendBulkRequest(long requestId);
    }

    private final Ha2Auth auth;
    private final FrameMac mac;
    private final Ha2Options options;
    private final int workerCount;
    private final WorkerTaskSubmitter submitter;
    private final Events events;
    private final Counters<Ha2Counter> counters = new Counters<>(Ha2Counter.class);
    private final PeerSessionInstaller[] installers;
    private final SessionBatch[] batches;
    private final ArrayBlockingQueue<SessionBatch> pool = new ArrayBlockingQueue<>(POOL);
    private final AtomicLong applied = new AtomicLong();
    private final BulkTracker bulk;
    private final SyncedRecords peerRecords = new SyncedRecords();
    private final Ha2Codec.Header header = new Ha2Codec.Header();
    private final Ha2Codec.Header heldHeader = new Ha2Codec.Header();
    private final WireIn in = new WireIn();
    private final SessionImage scratch = new SessionImage();
    private final long[] holes = new long[2 * MAX_HOLE_RANGES];
    private final RepeatedWarning warnings = new RepeatedWarning();
    private final int frameBytes;
    private final long gapRetryNs;
    private StreamTracker[] trackers = new StreamTracker[Ha2Codec.STREAM_CONTROL];
    private long peerEpoch;
    private long delivered;
    // Cursor of nextMessage: where the current message, its body and the body length are.
    private int messageAt;
    private int bodyAt;
    private int bodyLength;
    private final long[] lastControlSequence = new long[2];
    /** The time of the frame or poll being handled, for the rare paths that need it deep down. */
    private long currentNs;

    private volatile boolean contacted;

    /**
     * @param workerCount this node's workers (the peer's count may differ: ownership is recomputed here)
     * @param frameBytes the largest frame the links carry (held frames are kept at this size)
     */
    SessionSyncReceiver(
            Ha2Options options,
            Ha2Auth auth,
            int workerCount,
            int frameBytes,
            WorkerTaskSubmitter submitter,
            Events events) {
        this.options = options;
        this.auth = auth;
        this.mac = auth.newMac();
        this.workerCount = workerCount;
        this.frameBytes = frameBytes;
        this.submitter = submitter;
        this.events = events;
        this.gapRetryNs = options.gapRetryMs() * 1_000_000L;
        this.installers = new PeerSessionInstaller[workerCount];
        this.batches = new SessionBatch[workerCount];
        for (int w = 0; w < workerCount; w++) {
            installers[w] = new PeerSessionInstaller();
        }
        this.bulk = new BulkTracker(events::sendBulkRequest, counters, options);
    }

    // ------------------------------------------------------------------ intake

    /**
     * Takes one frame as read from {@code link} ({@code buf[0 .. length)}).
     *
     * @param linkIndex 0 for the primary link, 1 for the backup (control frames are ordered per link)
     */
    public void onFrame(int linkIndex, Ha2Link link, byte[] buf, int length, long nowNs) {
        currentNs = nowNs;
        try {
            Ha2Codec.readHeader(buf, 0, length, header);
        } catch (Ha2Codec.VersionMismatch e) {
            refuse(Ha2Counter.VERSION_MISMATCH, link, e.getMessage());
            return;
        } catch (Ha2DecodeException e) {
            refuse(Ha2Counter.MALFORMED, link, e.getMessage());
            return;
        }
        if (!authentic(link, buf) || !fromPeer(link) || !currentIncarnation(nowNs)) {
            return;
        }
        int end = header.messagesEnd(0);
        try {
            validate(buf, end);
        } catch (Ha2DecodeException e) {
            refuse(Ha2Counter.MALFORMED, link, e.getMessage());
            return;
        }
        counters.increment(Ha2Counter.FRAME_RECEIVED);
        counters.add(Ha2Counter.FRAME_BYTES_RECEIVED, header.length);
        contacted = true;
        if (header.stream == Ha2Codec.STREAM_CONTROL) {
            onControlFrame(linkIndex, buf, end, nowNs);
        } else {
            onStreamFrame(buf, length, nowNs);
        }
    }

    private void refuse(Ha2Counter reason, Ha2Link link, String why) {
        counters.increment(reason);
        warnings.warn(LOG, "HA2 frame refused on " + link.name() + ": " + why);
    }

    /** HMAC first, before any field beyond the header is trusted. */
    private boolean authentic(Ha2Link link, byte[] buf) {
        if (mac == null) {
            if (header.authenticated()) {
                refuse(Ha2Counter.AUTH_FAILED, link, "the frame carries an HMAC but this node has no HA2 key");
                return false;
            }
            return true;
        }
        if (!header.authenticated()) {
            refuse(Ha2Counter.AUTH_FAILED, link, "HMAC missing (HA2 is authenticated)");
            return false;
        }
        int macAt = header.length - Ha2Codec.MAC_BYTES;
        if (!mac.verify(buf, 0, macAt, macAt)) {
            refuse(Ha2Counter.AUTH_FAILED, link, "HMAC does not match (wrong key, or altered)");
            return false;
        }
        return true;
    }

    private boolean fromPeer(Ha2Link link) {
        if (header.senderId == auth.localSenderId()) {
            refuse(Ha2Counter.OWN_FRAME, link, "the frame is this node's own (sender id " + header.senderId + ")");
            return false;
        }
        long expected = auth.peerSenderId();
        if (expected != 0 && header.senderId != expected) {
            refuse(
                    Ha2Counter.WRONG_SENDER,
                    link,
                    "sender id " + header.senderId + " is not the peer's (" + expected + ")");
            return false;
        }
        return true;
    }

    /** A newer epoch is a restarted peer: its old streams and bulk are void. An older one is stale or replayed. */
    private boolean currentIncarnation(long nowNs) {
        if (header.epoch == peerEpoch) {
            return true;
        }
        if (header.epoch < peerEpoch) {
            counters.increment(Ha2Counter.STALE_EPOCH);
            return false;
        }
        boolean restarted = peerEpoch != 0;
        if (restarted) {
            counters.increment(Ha2Counter.PEER_RESTARTED);
            LOG.warn(
                    "HA Group {}: HA2 peer restarted (incarnation {} after {}); its sessions will be bulk synced again",
                    options.groupId(),
                    header.epoch,
                    peerEpoch);
        }
        peerEpoch = header.epoch;
        trackers = new StreamTracker[Ha2Codec.STREAM_CONTROL];
        java.util.Arrays.fill(lastControlSequence, 0);
        bulk.reset();
        if (restarted) {
            events.onPeerRestarted(header.epoch);
        }
        return true;
    }

    /** Decodes every message once, strictly, so that a malformed frame is refused whole before any of it is used. */
    private void validate(byte[] buf, int end) throws Ha2DecodeException {
        if (header.count == 0) {
            throw new Ha2DecodeException("frame without messages");
        }
        int pos = Ha2Codec.HEADER_BYTES;
        for (int i = 0; i < header.count; i++) {
            pos = nextMessage(buf, pos, end);
            int type = buf[messageAt] & 0xff;
            if (!Ha2Codec.allowed(header.stream, type)) {
                throw new Ha2DecodeException(String.format("message type 0x%02x on stream %d", type, header.stream));
            }
            in.reset(buf, bodyAt, bodyLength);
            switch (type) {
                case Ha2Codec.SESSION_UPSERT -> Ha2Codec.readUpsert(in, scratch);
                case Ha2Codec.SESSION_DELETE -> Ha2Codec.readDelete(in, scratch);
                default -> checkControl(Ha2Codec.readMessage(type, in));
            }
        }
        if (pos != end) {
            throw new Ha2DecodeException((end - pos) + " byte(s) after the last of " + header.count + " messages");
        }
    }

    private void checkControl(Ha2Message message) throws Ha2DecodeException {
        int stream = switch (message) {
            case BulkStart m -> m.stream();
            case BulkEnd m -> m.stream();
            default -> header.stream;
        };
        if (stream != header.stream) {
            throw new Ha2DecodeException("bulk marker for stream " + stream + " on stream " + header.stream);
        }
    }

    /** Steps over one message (type, varint length, body) at {@code pos}; returns the position after it. */
    private int nextMessage(byte[] buf, int pos, int end) throws Ha2DecodeException {
        if (pos + 2 > end) {
            throw new Ha2DecodeException("truncated message header at byte " + pos);
        }
        messageAt = pos;
        int length = buf[pos + 1] & 0x7f;
        bodyAt = pos + 2;
        if ((buf[pos + 1] & 0x80) != 0) {
            if (pos + 3 > end || (buf[pos + 2] & 0x80) != 0) {
                throw new Ha2DecodeException("message length at byte " + pos + " is truncated or too long");
            }
            length |= (buf[pos + 2] & 0x7f) << 7;
            bodyAt++;
        }
        if (bodyAt + length > end) {
            throw new Ha2DecodeException("message body of " + length + " bytes runs past the frame");
        }
        bodyLength = length;
        return bodyAt + length;
    }

    // ------------------------------------------------------------------ control stream

    /**
     * Control frames only have to move forward, per link: keep-alives go out on every link with one counter, and
     * each link's own must reach its keep-alive monitor even when the other link is faster.
     */
    private void onControlFrame(int linkIndex, byte[] buf, int end, long nowNs) {
        if (header.sequence <= lastControlSequence[linkIndex]) {
            counters.increment(Ha2Counter.DUPLICATE);
            return;
        }
        lastControlSequence[linkIndex] = header.sequence;
        int pos = Ha2Codec.HEADER_BYTES;
        for (int i = 0; i < header.count; i++) {
            try {
                pos = nextMessage(buf, pos, end);
                Ha2Message message = Ha2Codec.readMessage(buf[messageAt] & 0xff, in.reset(buf, bodyAt, bodyLength));
                onControl(linkIndex, message, nowNs);
            } catch (Ha2DecodeException e) {
                throw new IllegalStateException("a validated frame failed to decode: " + e.getMessage(), e);
            }
        }
    }

    private void onControl(int linkIndex, Ha2Message message, long nowNs) {
        switch (message) {
            case KeepAlive m -> {
                counters.increment(Ha2Counter.KEEPALIVE_RECEIVED);
                for (StreamMark mark : m.streams()) {
                    onMark(mark, nowNs);
                }
                events.onKeepAlive(linkIndex, m, nowNs);
            }
            case GapRequest m -> events.onGapRequest(m);
            case BulkRequest m -> {
                counters.increment(Ha2Counter.BULK_REQUEST_RECEIVED);
                events.onBulkRequest(m, nowNs);
            }
            default -> throw new IllegalStateException("not a control message: " + message);
        }
    }

    /** A keep-alive's last-sequence mark reveals frames lost at the tail of a stream. */
    private void onMark(StreamMark mark, long nowNs) {
        StreamTracker tracker = tracker(mark.stream());
        tracker.mark(mark.lastSequence());
        if (tracker.hasGap() && !tracker.gapPending()) {
            counters.increment(Ha2Counter.GAP_DETECTED);
            // The frames may still be in flight behind the keep-alive: ask only after one retry interval.
            tracker.gapOpened(nowNs + gapRetryNs);
        }
    }

    // ------------------------------------------------------------------ reliable streams

    private StreamTracker tracker(int stream) {
        StreamTracker tracker = trackers[stream];
        if (tracker == null) {
            tracker = new StreamTracker(stream, options.reorderFrames(), frameBytes);
            trackers[stream] = tracker;
        }
        return tracker;
    }

    private void onStreamFrame(byte[] buf, int length, long nowNs) {
        StreamTracker tracker = tracker(header.stream);
        long sequence = header.sequence;
        if (tracker.beyondWindow(sequence)) {
            giveUp(tracker, sequence - 1, nowNs, "more than " + options.reorderFrames() + " frames behind");
        }
        boolean gapBefore = tracker.gapPending();
        switch (tracker.offer(sequence, buf, length)) {
            case DUPLICATE -> counters.increment(Ha2Counter.DUPLICATE);
            case HELD -> {
                counters.increment(Ha2Counter.OUT_OF_ORDER);
                if (!tracker.gapPending()) {
                    counters.increment(Ha2Counter.GAP_DETECTED);
                    tracker.gapOpened(nowNs);
                    requestHoles(tracker, nowNs);
                }
            }
            case DELIVER -> {
                deliver(buf, nowNs);
                tracker.delivered();
                drainHeld(tracker, nowNs);
                if (gapBefore && !tracker.hasGap()) {
                    counters.increment(Ha2Counter.GAP_HEALED);
                }
            }
        }
    }

    private void drainHeld(StreamTracker tracker, long nowNs) {
        byte[] frame;
        while ((frame = tracker.takeHeld()) != null) {
            deliver(frame, nowNs);
            tracker.delivered();
        }
    }

    private void requestHoles(StreamTracker tracker, long nowNs) {
        int ranges = tracker.holes(holes, MAX_HOLE_RANGES);
        for (int i = 0; i < ranges; i++) {
            events.sendGapRequest(new GapRequest(tracker.stream, holes[2 * i], holes[2 * i + 1]));
            counters.increment(Ha2Counter.GAP_REQUEST_SENT);
        }
        tracker.requested(nowNs, gapRetryNs);
    }

    /** Gives up the missing frames up to {@code upTo}: counted lost, held frames delivered, bulk sync requested. */
    private void giveUp(StreamTracker tracker, long upTo, long nowNs, String why) {
        long lost = tracker.giveUp(upTo);
        byte[] frame;
        while ((frame = tracker.nextAfterGiveUp(upTo)) != null) {
            deliver(frame, nowNs);
            tracker.delivered();
        }
        drainHeld(tracker, nowNs);
        if (lost > 0) {
            counters.add(Ha2Counter.FRAMES_LOST, lost);
            LOG.warn(
                    "HA Group {}: HA2 lost {} frame(s) of stream {} for good ({}); requesting a bulk sync",
                    options.groupId(),
                    lost,
                    tracker.stream,
                    why);
            bulk.request(nowNs, "lost " + lost + " frame(s) of stream " + tracker.stream);
        }
    }

    /** Passes one in-order frame's messages on: sessions to their workers' batches, the rest to their trackers. */
    private void deliver(byte[] buf, long nowNs) {
        Ha2Codec.Header h = heldHeader;
        try {
            Ha2Codec.readHeader(buf, 0, buf.length, h);
            int end = h.messagesEnd(0);
            int pos = Ha2Codec.HEADER_BYTES;
            for (int i = 0; i < h.count; i++) {
                pos = nextMessage(buf, pos, end);
                deliverMessage(h.stream, buf, nowNs);
            }
        } catch (Ha2DecodeException e) {
            throw new IllegalStateException("a validated frame failed to decode: " + e.getMessage(), e);
        }
        bulk.progress(nowNs);
    }

    private void deliverMessage(int stream, byte[] buf, long nowNs) throws Ha2DecodeException {
        int type = buf[messageAt] & 0xff;
        in.reset(buf, bodyAt, bodyLength);
        switch (type) {
            case Ha2Codec.SESSION_UPSERT, Ha2Codec.SESSION_DELETE -> {
                Ha2Codec.readKey(in, scratch);
                addToBatch(scratch.owner(workerCount), buf, messageAt, bodyAt + bodyLength - messageAt);
                delivered++;
                counters.increment(Ha2Counter.MSG_SESSION_RECEIVED);
                if (type == Ha2Codec.SESSION_UPSERT) {
                    bulk.onUpsert(stream);
                }
            }
            case BulkStart.TYPE -> bulk.onStart((BulkStart) Ha2Codec.readMessage(type, in), nowNs);
            case BulkEnd.TYPE -> {
                // Sessions of this bulk still sitting in unsent batches must be counted as delivered first.
                flushBatches();
                bulk.onEnd((BulkEnd) Ha2Codec.readMessage(type, in), nowNs, delivered);
            }
            default -> {
                peerRecords.apply((RecordUpdate) Ha2Codec.readMessage(type, in));
                counters.increment(Ha2Counter.RECORD_RECEIVED);
                bulk.onUpsert(stream);
            }
        }
    }

    // ------------------------------------------------------------------ batches to workers

    private void addToBatch(int worker, byte[] buf, int offset, int length) {
        SessionBatch batch = batches[worker];
        if (batch != null && !batch.fits(length)) {
            submit(worker, batch);
            batch = null;
        }
        if (batch == null) {
            batch = pool.poll();
            if (batch == null) {
                batch = new SessionBatch(this, BATCH_BYTES);
            }
            batches[worker] = batch;
        }
        batch.add(buf, offset, length);
    }

    /** Hands every partly filled batch to its worker; the agent calls this after each burst of frames. */
    public void flushBatches() {
        for (int w = 0; w < workerCount; w++) {
            SessionBatch batch = batches[w];
            if (batch != null && !batch.isEmpty()) {
                submit(w, batch);
            }
        }
    }

    private void submit(int worker, SessionBatch batch) {
        batches[worker] = null;
        if (!submitter.submit(worker, batch)) {
            counters.increment(Ha2Counter.TASK_REFUSED);
            int messages = batch.messages();
            batchApplied(batch, messages);
            LOG.warn(
                    "HA Group {}: HA2 worker {} refused {} peer session message(s); requesting a bulk sync",
                    options.groupId(),
                    worker,
                    messages);
            bulk.request(currentNs, "worker " + worker + " refused a batch");
        }
    }

    /** A worker ran a batch (or it was refused): count it applied and recycle it. Any thread. */
    void batchApplied(SessionBatch batch, int messages) {
        applied.addAndGet(messages);
        batch.clear();
        pool.offer(batch);
    }

    PeerSessionInstaller installer(int worker) {
        return installers[worker];
    }

    // ------------------------------------------------------------------ timers

    /** Gap retries and give-ups, bulk timers and completion; then submits what is batched. */
    public void poll(long nowNs) {
        currentNs = nowNs;
        boolean gapOpen = false;
        for (StreamTracker tracker : trackers) {
            if (tracker == null || !tracker.gapPending()) {
                continue;
            }
            if (nowNs - tracker.nextRequestNs() >= 0) {
                // The first request plus gapMaxRetries repeats, then the gap is given up.
                if (tracker.retries() <= options.gapMaxRetries()) {
                    requestHoles(tracker, nowNs);
                } else {
                    giveUp(
                            tracker,
                            tracker.highest(),
                            nowNs,
                            "no answer to " + tracker.retries() + " resend request(s)");
                }
            }
            gapOpen |= tracker.hasGap();
        }
        flushBatches();
        bulk.poll(nowNs, gapOpen, applied.get());
    }

    /** Asks the peer for a bulk sync (the agent: on first contact, after a link recovered, or by command). */
    public void requestBulkSync(long nowNs, String reason) {
        bulk.request(nowNs, reason);
    }

    // ------------------------------------------------------------------ figures

    public BulkSyncState bulkSyncState() {
        return bulk.state();
    }

    /** Sessions received in the current or last bulk. */
    public long bulkSessions() {
        return bulk.sessions();
    }

    /** Bulks completed so far (a bulk requested and completed between two looks leaves the state unchanged). */
    public long bulkCompletions() {
        return bulk.completions();
    }

    /** A frame from the peer has been accepted. */
    public boolean contacted() {
        return contacted;
    }

    /** Session messages the workers have applied. */
    public long applied() {
        return applied.get();
    }

    /** The peer's ARP, route and IPsec SA records as received. */
    public SyncedRecords peerRecords() {
        return peerRecords;
    }

    Counters<Ha2Counter> counters() {
        return counters;
    }

    /** Totals the agent-thread and every worker's installer counters into {@code into}. */
    public void addCountersTo(Map<String, Long> into) {
        counters.addTo(into);
        for (PeerSessionInstaller installer : installers) {
            installer.counters().addTo(into);
        }
    }

    long installerCounter(Ha2Counter kind) {
        long total = 0;
        for (PeerSessionInstaller installer : installers) {
            total += installer.counters().get(kind);
        }
        return total;
    }
}

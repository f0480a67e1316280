package io.palisade.ha.sync;

import io.palisade.common.Counters;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import io.palisade.ha.sync.Ha2Message.RecordUpdate;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record stream's sender: this node's ARP, route and IPsec SA records, sent as they change and all of them in a
 * bulk sync. Changes are published from any thread; encoding and sending happen on the HA2 agent thread, with the
 * same sequence numbers, resend ring and bulk markers as a worker stream. Record changes are rare, so each cycle
 * sends what is pending at once.
 */
final class RecordPublisher {
    private final SyncedRecords local = new SyncedRecords();
    private final ConcurrentLinkedQueue<RecordUpdate> pending = new ConcurrentLinkedQueue<>();
    private final FrameBuilder builder;
    private final FrameSender sender;
    private final RetransmitRing ring;
    private final Counters<Ha2Counter> counters;
    private final byte[] scratch = new byte[Ha2Codec.MAX_FRAME_BYTES];
    private final AtomicLong lastSent = new AtomicLong();
    private long sequence;
    private long upserts;

    RecordPublisher(FrameBuilder builder, FrameSender sender, int retransmitFrames, Counters<Ha2Counter> counters) {
        this.builder = builder;
        this.sender = sender;
        this.counters = counters;
        this.ring = new RetransmitRing(retransmitFrames, builder.maxFrameBytes());
    }

    /** Adds, changes or withdraws a record; any thread. */
    void publish(RecordUpdate update) {
        local.apply(update);
        pending.add(update);
    }

    SyncedRecords local() {
        return local;
    }

    long lastSentSequence() {
        return lastSent.get();
    }

    /** Sends what is pending; returns messages sent. */
    int poll() {
        int sent = 0;
        RecordUpdate update;
        while ((update = pending.poll()) != null) {
            append(update);
            sent++;
        }
        finish();
        return sent;
    }

    /** Sends every local record between bulk markers. */
    void bulk(long bulkId, int workerCount) {
        poll();
        append(new BulkStart(bulkId, Ha2Codec.STREAM_RECORDS, workerCount));
        upserts = 0;
        for (Ha2Record record : local.all()) {
            append(new RecordUpdate(false, record));
        }
        append(new BulkEnd(bulkId, Ha2Codec.STREAM_RECORDS, upserts));
        finish();
    }

    private void append(Ha2Message message) {
        int length = Ha2Codec.writeMessage(scratch, 0, message);
        if (builder.isOpen() && builder.room() < length) {
            finish();
        }
        if (!builder.isOpen()) {
            builder.begin(ring.slotFor(sequence + 1), Ha2Codec.STREAM_RECORDS, sequence + 1);
        }
        builder.append(scratch, 0, length);
        if (message instanceof RecordUpdate) {
            upserts++;
        }
    }

    private void finish() {
        if (!builder.isOpen()) {
            return;
        }
        long seq = sequence + 1;
        int length = builder.seal();
        ring.sent(seq, length);
        sequence = seq;
        sender.send(builder.buffer(), 0, length);
        lastSent.set(seq);
        counters.increment(Ha2Counter.FRAME_SENT);
        counters.add(Ha2Counter.FRAME_BYTES_SENT, length);
    }

    /** Resends frames {@code first..last} still in the ring. */
    void resend(long first, long last) {
        long oldest = Math.max(1, sequence - ring.capacity() + 1);
        for (long seq = first; seq <= Math.min(last, first + ring.capacity()); seq++) {
            byte[] frame = seq >= oldest && seq <= sequence ? ring.frame(seq) : null;
            if (frame == null) {
                counters.increment(Ha2Counter.RETRANSMIT_UNAVAILABLE);
            } else {
                sender.send(frame, 0, ring.length(seq));
                counters.increment(Ha2Counter.RETRANSMITTED);
            }
        }
    }
}

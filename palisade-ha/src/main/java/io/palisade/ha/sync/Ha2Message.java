package io.palisade.ha.sync;

import io.palisade.ha.ha1.HaWireState;
import java.util.List;
import java.util.Objects;

/**
 * The HA2 messages other than the two session messages (upsert and delete), which are too frequent for an object
 * each and travel as {@link SessionImage} flyweights. Each record has a stable one-byte type id; every layout lives
 * in {@link Ha2Codec}.
 */
public sealed interface Ha2Message {

    /** The wire type id. */
    int type();

    /**
     * A worker (or the record stream) starts sending its whole table. Type 0x10, on the stream it announces.
     *
     * @param bulkId the bulk sync this belongs to (the same on every stream of one bulk)
     * @param stream the worker index, or {@link Ha2Codec#STREAM_RECORDS}
     * @param workerCount how many worker streams take part (the record stream always does too)
     */
    record BulkStart(long bulkId, int stream, int workerCount) implements Ha2Message {
        public static final int TYPE = 0x10;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * A stream finished its bulk. Type 0x11.
     *
     * @param bulkId the bulk sync
     * @param stream the worker index, or {@link Ha2Codec#STREAM_RECORDS}
     * @param upserts upserts (sessions or records) this stream sent between its start and end markers
     */
    record BulkEnd(long bulkId, int stream, long upserts) implements Ha2Message {
        public static final int TYPE = 0x11;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Please send me everything: the receiver has nothing yet, lost frames it could not get back, or saw a bulk end
     * short. Type 0x12, on the control stream.
     *
     * @param requestId increases with every request from one sender incarnation
     */
    record BulkRequest(long requestId) implements Ha2Message {
        public static final int TYPE = 0x12;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * The last sequence number sent on one stream, so a receiver also notices frames lost at the tail.
     *
     * @param stream worker index or {@link Ha2Codec#STREAM_RECORDS}
     * @param lastSequence 0 when nothing was sent yet
     */
    record StreamMark(int stream, long lastSequence) {}

    /**
     * HA2 keep-alive, on every link every interval; with heartbeat backup on, the HA agent takes it as a heartbeat.
     * Type 0x20, on the control stream.
     *
     * @param state the sender's HA state
     * @param heartbeat the sender has heartbeat backup on
     * @param bulkSyncComplete the sender has received a complete bulk sync from this node
     * @param senderNs the sender's monotonic clock when it sent this
     * @param echoNs {@code senderNs} of the last keep-alive the sender received from this node, 0 if none (round
     *     trip)
     * @param intervalMs the sender's keep-alive interval
     * @param streams the last sequence sent on each of the sender's reliable streams
     */
    record KeepAlive(
            HaWireState state,
            boolean heartbeat,
            boolean bulkSyncComplete,
            long senderNs,
            long echoNs,
            int intervalMs,
            List<StreamMark> streams)
            implements Ha2Message {
        public static final int TYPE = 0x20;

        public KeepAlive {
            Objects.requireNonNull(state, "state");
            streams = List.copyOf(streams);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Resend frames {@code firstSequence..lastSequence} of {@code stream}. Type 0x21, on the control stream.
     *
     * @param stream the sender's stream
     * @param firstSequence first missing sequence
     * @param lastSequence last missing sequence (inclusive)
     */
    record GapRequest(int stream, long firstSequence, long lastSequence) implements Ha2Message {
        public static final int TYPE = 0x21;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * An ARP, route or IPsec SA record added, changed or withdrawn. Types 0x30 (neighbour), 0x31 (route) and 0x32
     * (IPsec SA), on the record stream.
     *
     * @param withdrawn the entry was removed (only its key fields matter)
     * @param record the entry
     */
    record RecordUpdate(boolean withdrawn, Ha2Record record) implements Ha2Message {
        public static final int TYPE_NEIGHBOR = 0x30;
        public static final int TYPE_ROUTE = 0x31;
        public static final int TYPE_IPSEC_SA = 0x32;

        public RecordUpdate {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public int type() {
            return switch (record) {
                case Ha2Record.Neighbor ignored -> TYPE_NEIGHBOR;
                case Ha2Record.Route ignored -> TYPE_ROUTE;
                case Ha2Record.IpsecSa ignored -> TYPE_IPSEC_SA;
            };
        }
    }
}

package io.palisade.ha.sync;

import io.palisade.common.CounterKind;

/**
 * Counters of HA2 session synchronisation: every frame and message sent or received, every drop and every refusal
 * has its own. Several owners keep their own sets (each worker, the HA2 agent thread, each link); the status
 * totals them by name.
 */
public enum Ha2Counter implements CounterKind {
    // publisher, per worker
    MSG_UPSERT_SENT("ha2_msg_upsert_sent", Severity.INFO, "session upserts encoded and sent"),
    MSG_DELETE_SENT("ha2_msg_delete_sent", Severity.INFO, "session deletes encoded and sent"),
    UPDATE_COALESCED("ha2_update_coalesced", Severity.INFO, "session changes folded into an update already queued"),
    INSERT_CANCELLED("ha2_insert_cancelled", Severity.INFO, "sessions deleted before their insert was sent"),
    MARKED_NOT_SENDING("ha2_marked_not_sending", Severity.INFO, "session changes only marked: sync off or no peer"),
    QUEUE_FULL_FLUSH("ha2_queue_full_flush", Severity.INFO, "early flushes because a sync queue was full"),
    DEADLINE_FLUSH("ha2_deadline_flush", Severity.INFO, "flushes forced by the flush deadline"),
    FRAME_SENT("ha2_frame_sent", Severity.INFO, "HA2 frames built and handed to the link"),
    FRAME_BYTES_SENT("ha2_frame_bytes_sent", Severity.INFO, "HA2 frame bytes handed to the link"),
    RETRANSMITTED("ha2_retransmitted", Severity.INFO, "frames sent again for a peer's gap request"),
    RETRANSMIT_UNAVAILABLE("ha2_retransmit_unavail", Severity.WARN, "requested frames no longer in the resend buffer"),
    BULK_STARTED("ha2_bulk_started", Severity.INFO, "bulk syncs started by a worker"),
    BULK_SESSIONS_SENT("ha2_bulk_sessions_sent", Severity.INFO, "sessions sent by bulk table walks"),
    REFRESH_QUEUED("ha2_refresh_queued", Severity.INFO, "sessions with traffic sent again by the refresh walk"),
    // receiver (agent thread)
    FRAME_RECEIVED("ha2_frame_rcvd", Severity.INFO, "HA2 frames accepted from the peer"),
    FRAME_BYTES_RECEIVED("ha2_frame_bytes_rcvd", Severity.INFO, "HA2 frame bytes accepted from the peer"),
    MSG_SESSION_RECEIVED("ha2_msg_session_rcvd", Severity.INFO, "session messages delivered in order to workers"),
    MALFORMED("ha2_rcv_malformed", Severity.DROP, "malformed HA2 frames dropped"),
    VERSION_MISMATCH("ha2_rcv_version_mismatch", Severity.DROP, "HA2 frames of another protocol version dropped"),
    AUTH_FAILED("ha2_rcv_auth_failed", Severity.DROP, "HA2 frames dropped: HMAC missing or wrong"),
    WRONG_SENDER("ha2_rcv_wrong_sender", Severity.DROP, "HA2 frames dropped: sender id is not the peer's"),
    OWN_FRAME("ha2_rcv_own_frame", Severity.DROP, "HA2 frames dropped: sent by this node (a loop)"),
    STALE_EPOCH("ha2_rcv_stale_epoch", Severity.DROP, "HA2 frames dropped: from an older incarnation of the peer"),
    DUPLICATE("ha2_rcv_duplicate", Severity.DROP, "HA2 frames dropped: sequence already delivered"),
    OUT_OF_ORDER("ha2_rcv_out_of_order", Severity.INFO, "HA2 frames held until the frames before them arrive"),
    GAP_DETECTED("ha2_gap_detected", Severity.WARN, "sequence gaps detected"),
    GAP_REQUEST_SENT("ha2_gap_request_sent", Severity.INFO, "gap (resend) requests sent, retries included"),
    GAP_HEALED("ha2_gap_healed", Severity.INFO, "gaps filled by retransmission"),
    FRAMES_LOST("ha2_frames_lost", Severity.DROP, "frames given up after the gap retries: a bulk sync follows"),
    PEER_RESTARTED("ha2_peer_restarted", Severity.WARN, "a new incarnation of the peer was seen"),
    BULK_REQUEST_SENT("ha2_bulk_request_sent", Severity.INFO, "bulk sync requests sent to the peer"),
    BULK_REQUEST_RECEIVED("ha2_bulk_request_rcvd", Severity.INFO, "bulk sync requests received from the peer"),
    BULK_COMPLETE("ha2_bulk_complete", Severity.INFO, "bulk syncs received complete"),
    BULK_COUNT_MISMATCH("ha2_bulk_count_mismatch", Severity.WARN, "bulk ends whose count differed from what arrived"),
    BULK_TIMEOUT("ha2_bulk_timeout", Severity.WARN, "bulk syncs that made no progress within the timeout"),
    BULK_FAILED("ha2_bulk_failed", Severity.ERROR, "bulk syncs given up after every retry"),
    TASK_REFUSED("ha2_task_refused", Severity.DROP, "session batches a worker refused: a bulk sync follows"),
    KEEPALIVE_SENT("ha2_keepalive_sent", Severity.INFO, "HA2 keep-alives sent"),
    KEEPALIVE_RECEIVED("ha2_keepalive_rcvd", Severity.INFO, "HA2 keep-alives received"),
    LINK_DOWN("ha2_link_down", Severity.WARN, "HA2 links declared down: no keep-alive within the threshold"),
    LOCAL_STALL("ha2_local_stall", Severity.WARN, "keep-alive checks postponed after a pause of this process"),
    RECORD_RECEIVED("ha2_record_rcvd", Severity.INFO, "ARP, route and IPsec SA records received"),
    // installer, per worker
    SESSION_INSTALLED("ha2_session_installed", Severity.INFO, "sessions installed from the peer"),
    SESSION_UPDATED("ha2_session_updated", Severity.INFO, "peer sessions updated in place"),
    SESSION_REMOVED("ha2_session_removed", Severity.INFO, "sessions removed on the peer's delete"),
    DELETE_UNKNOWN("ha2_delete_unknown", Severity.INFO, "peer deletes of sessions not in the table"),
    INSTALL_CONFLICT(
            "ha2_install_conflict", Severity.WARN, "local sessions replaced because a peer session used its key"),
    INSTALL_TABLE_FULL("ha2_install_table_full", Severity.DROP, "peer sessions dropped: session table full"),
    INSTALL_NAT_IN_USE(
            "ha2_install_nat_in_use",
            Severity.WARN,
            "peer sessions installed whose translated port another local session holds"),
    INSTALL_MALFORMED("ha2_install_malformed", Severity.DROP, "peer session messages a worker could not decode"),
    // links
    LINK_FRAME_SENT("ha2_link_frame_sent", Severity.INFO, "frames written to a link"),
    LINK_BYTES_SENT("ha2_link_bytes_sent", Severity.INFO, "bytes written to a link (HA2 frames only)"),
    LINK_SEND_ERROR("ha2_link_send_error", Severity.DROP, "frames the link failed to write"),
    LINK_FRAME_RECEIVED("ha2_link_frame_rcvd", Severity.INFO, "frames read from a link"),
    PEER_ADDRESS_REFUSED("ha2_peer_addr_refused", Severity.DROP, "frames dropped: not from the peer's address"),
    NOT_HA2("ha2_link_not_ha2", Severity.INFO, "Ethernet frames of another EtherType or for another MAC ignored"),
    OVERSIZE("ha2_link_oversize", Severity.DROP, "frames longer than the receive buffer dropped"),
    FAULT_DROP_OUT("ha2_fault_drop_out", Severity.DROP, "frames dropped by the drop-outbound fault"),
    FAULT_DROP_IN("ha2_fault_drop_in", Severity.DROP, "frames dropped by the drop-inbound fault"),
    FAULT_BLOCKED("ha2_fault_blocked", Severity.DROP, "frames dropped in either direction by the block fault"),
    FAULT_FILTERED("ha2_fault_filtered", Severity.DROP, "frames dropped by a test's frame filter"),
    FAULT_DELAYED("ha2_fault_delayed", Severity.INFO, "frames held back by the delay fault");

    private final String counterName;
    private final Severity severity;
    private final String description;

    Ha2Counter(String counterName, Severity severity, String description) {
        this.counterName = counterName;
        this.severity = severity;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String category() {
        return "ha2";
    }

    @Override
    public String description() {
        return description;
    }
}

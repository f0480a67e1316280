package io.palisade.ha.ha1;

import io.palisade.common.CounterKind;

/** Counters of one HA1 link: every message sent or received, every drop and every refusal has its own. */
public enum Ha1Counter implements CounterKind {
    MSG_SENT("ha1_msg_sent", Severity.INFO, "HA1 messages written to the peer"),
    MSG_RECEIVED("ha1_msg_rcvd", Severity.INFO, "HA1 messages received and queued for the HA agent"),
    CONNECTED("ha1_connected", Severity.INFO, "HA1 sending connections established to the peer"),
    ACCEPTED("ha1_accepted", Severity.INFO, "HA1 receiving connections accepted from the peer"),
    CONNECT_FAILED("ha1_connect_failed", Severity.INFO, "HA1 connection attempts that failed below TLS"),
    CONNECTION_LOST("ha1_conn_lost", Severity.WARN, "HA1 established connections that closed or failed"),
    SEND_NOT_CONNECTED("ha1_send_not_connected", Severity.DROP, "HA1 messages dropped: no connection to the peer"),
    SEND_QUEUE_FULL("ha1_send_queue_full", Severity.DROP, "HA1 messages dropped: outbound queue full"),
    SEND_REJECTED("ha1_send_rejected", Severity.ERROR, "HA1 messages refused: too large or a field out of range"),
    WRITE_ERROR("ha1_write_error", Severity.WARN, "HA1 writes that failed and closed the connection"),
    MALFORMED("ha1_rcv_malformed", Severity.DROP, "HA1 malformed frames; the connection was closed"),
    INBOX_FULL("ha1_inbox_full", Severity.DROP, "HA1 messages dropped: the HA agent's inbox was full"),
    PEER_ADDRESS_REFUSED("ha1_peer_addr_refused", Severity.WARN, "HA1 connections refused: not from a peer address"),
    PEER_AUTH_FAILED("ha1_peer_auth_failed", Severity.WARN, "HA1 TLS handshakes refused: certificate not pinned"),
    FAULT_DROP_OUT("ha1_fault_drop_out", Severity.DROP, "HA1 messages dropped by the drop-outbound fault"),
    FAULT_DROP_IN("ha1_fault_drop_in", Severity.DROP, "HA1 messages dropped by the drop-inbound fault"),
    FAULT_BLOCKED("ha1_fault_blocked", Severity.DROP, "HA1 connections refused or closed by the block fault");

    private final String counterName;
    private final Severity severity;
    private final String description;

    Ha1Counter(String counterName, Severity severity, String description) {
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
        return "ha";
    }

    @Override
    public String description() {
        return description;
    }
}

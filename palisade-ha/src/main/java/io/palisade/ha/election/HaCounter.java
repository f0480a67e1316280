package io.palisade.ha.election;

import io.palisade.common.CounterKind;

/** Counters of the HA state machine, for {@code show counter global} (category {@code ha}). */
public enum HaCounter implements CounterKind {
    STATE_TRANSITION("ha_state_transition", Severity.INFO, "HA state transitions"),
    HELLO_RECEIVED("ha_hello_rcv", Severity.INFO, "Hellos received from peers"),
    HEARTBEAT_RECEIVED("ha_heartbeat_rcv", Severity.INFO, "Heartbeats received from peers"),
    PEER_DECLARED_FAILED("ha_peer_failed", Severity.WARN, "Peers declared failed after missed heartbeats"),
    PEER_REVIVED("ha_peer_revived", Severity.INFO, "Peers heard again after being declared failed or gone"),
    PEER_GOODBYE("ha_peer_goodbye", Severity.INFO, "Graceful goodbyes received from peers"),
    PEER_MISMATCH("ha_peer_mismatch", Severity.WARN, "Hellos failing a compatibility check"),
    PREEMPT_REQUEST_SENT("ha_preempt_req_sent", Severity.INFO, "Preempt requests sent to the active peer"),
    PREEMPT_REQUEST_ACCEPTED("ha_preempt_req_accepted", Severity.INFO, "Preempt requests accepted (stepped down)"),
    PREEMPT_REQUEST_REJECTED(
            "ha_preempt_req_rejected",
            Severity.WARN,
            "Preempt requests ignored: not active or requester not preferred"),
    SPLIT_BRAIN_DETECTED("ha_split_brain", Severity.WARN, "Dual active detected when hellos returned"),
    LOCAL_STALL("ha_local_stall", Severity.WARN, "Pauses of the HA agent's own duty cycle"),
    STALL_VERIFY_TIMEOUT(
            "ha_stall_verify_timeout", Severity.WARN, "Active node resumed after a stall without a fresh peer hello"),
    FLAP("ha_flap", Severity.WARN, "Flaps: left an active state within 15 minutes of last leaving one"),
    BULK_SYNC_REQUESTED("ha_bulk_sync_req", Severity.INFO, "Bulk session synchronisations requested"),
    BULK_SYNC_COMPLETED("ha_bulk_sync_done", Severity.INFO, "Bulk session synchronisations completed"),
    MONITOR_FAILURE("ha_monitor_failure", Severity.WARN, "Link or path monitoring verdicts turning to failed"),
    DATAPLANE_DOWN("ha_dataplane_down", Severity.ERROR, "Data plane health verdicts turning to failed");

    private final String counterName;
    private final Severity severity;
    private final String description;

    HaCounter(String counterName, Severity severity, String description) {
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

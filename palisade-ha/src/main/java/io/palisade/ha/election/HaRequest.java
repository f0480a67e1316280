package io.palisade.ha.election;

/**
 * Something the state machine asks the HA agent to do. The agent drains them in order after every call
 * ({@link HaStateMachine#drainRequests}); the order matters: on a step-down the machine queues
 * {@link ReleaseTraffic} before {@link SendStepDownAck}, so the peer takes over only after this node let go.
 */
public sealed interface HaRequest {
    /** Send a hello now, built from {@link HaStateMachine#localHello()} at send time. */
    record SendHello() implements HaRequest {}

    /** Send a heartbeat on every HA1 path and the heartbeat backup. */
    record SendHeartbeat() implements HaRequest {}

    /**
     * Ask the active peer to step down so that this node can take over (ordered preemption).
     *
     * @param peerSerial the active peer
     */
    record SendPreemptRequest(String peerSerial) implements HaRequest {}

    /**
     * Tell the preempting peer that this node has stepped down and released traffic.
     *
     * @param peerSerial the peer that asked
     */
    record SendStepDownAck(String peerSerial) implements HaRequest {}

    /**
     * Start a bulk session synchronisation (HA2) from the peer; report completion with
     * {@link HaStateMachine#onBulkSyncComplete}.
     *
     * @param peerSerial the peer to sync from, or null when no peer is known yet (the agent asks the peer that
     *     connects)
     */
    record RequestBulkSync(String peerSerial) implements HaRequest {}

    /**
     * Take traffic over: apply synced sessions, install floating addresses, send gratuitous ARP, then forward.
     *
     * @param state the state entered
     */
    record TakeOverTraffic(HaState state) implements HaRequest {}

    /**
     * Release traffic: stop forwarding and remove floating addresses.
     *
     * @param state the state entered
     */
    record ReleaseTraffic(HaState state) implements HaRequest {}
}

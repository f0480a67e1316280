package io.palisade.ha.election;

/**
 * Why a node is in its state: the closed set of state reasons. Where PAN-OS has a wording users search for, the
 * text is PAN-OS's ({@code show high-availability all}, "State Reason"); where PAN-OS is silent the text is
 * Palisade's own, marked {@code panOs = false}. A {@link StateReason} adds an optional detail.
 */
public enum HaReason {
    // PAN-OS wording.
    USER_REQUESTED("User requested", true),
    LINK_DOWN("Link down", true),
    PATH_DOWN("Path down", true),
    DATAPLANE_DOWN("Dataplane down", true),
    PREEMPTION_LOOP("Preemption loop detected", true),
    NON_FUNCTIONAL_LOOP("Non-functional loop detected", true),
    TENTATIVE_LOOP("Tentative loop", true),
    PEER_VERSION_NOT_COMPATIBLE("Peer version not compatible", true),
    GROUP_ID_MISMATCH("Group ID mismatch between peers", true),
    MODE_MISMATCH("Mode mismatch between peers", true),
    SERIAL_MATCHES("Serial Number matches with peer", true),
    HA2_PORT_MISMATCH("HA2 port mismatches with peer", true),
    DEVICE_ID_OVERLAP("A/A mode device-id overlap", true),
    WAITING_FOR_STATE_SYNC("Waiting for state synchronization completion", true),

    // Palisade's own, where PAN-OS documents nothing.
    STARTED("HA started", false),
    PEER_NOT_FOUND("Peer not found, going active alone", false),
    PEER_HEARTBEAT_LOST("Peer heartbeat lost", false),
    PEER_FAILED_PROMOTED("Peer declared failed after promotion hold", false),
    PEER_GOODBYE("Peer shut down gracefully", false),
    PEER_NON_FUNCTIONAL("Peer is non-functional", false),
    PEER_SUSPENDED("Peer is suspended", false),
    PEER_ACTIVE("Peer is active", false),
    NO_ACTIVE_PEER("No active peer", false),
    ELECTION_WON("Election won", false),
    ELECTION_LOST("Election lost", false),
    PREEMPTED("Preempted by higher priority peer", false),
    PREEMPTING("Preempting lower priority peer", false),
    SPLIT_BRAIN_RESOLVED("Split brain resolved", false),
    MONITORS_RECOVERED("Link and path monitors recovered", false),
    DATAPLANE_RECOVERED("Dataplane recovered", false),
    COMPATIBILITY_RESTORED("Peer compatibility restored", false),
    TENTATIVE_HOLD_EXPIRED("Tentative hold time expired", false),
    HA_AGENT_FAILED("HA agent stopped by an internal error", false);

    private final String text;
    private final boolean panOs;

    HaReason(String text, boolean panOs) {
        this.text = text;
        this.panOs = panOs;
    }

    /** The reason as printed, without detail. */
    public String text() {
        return text;
    }

    /** Whether the wording is PAN-OS's (true) or Palisade's own (false). */
    public boolean panOs() {
        return panOs;
    }
}

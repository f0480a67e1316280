package io.palisade.ha.election;

/**
 * A path on which the peer can be heard. Every path counts for liveness: the peer is declared failed only when
 * all of them are silent.
 */
public enum HaPath {
    /** The primary HA1 control link. */
    HA1("ha1"),
    /** The backup HA1 control link. */
    HA1_BACKUP("ha1-backup"),
    /** Heartbeats carried over another link (PAN-OS heartbeat backup; Palisade sends them over HA2). */
    HEARTBEAT_BACKUP("heartbeat-backup");

    private final String displayName;

    HaPath(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}

package io.palisade.dataplane.session;

/**
 * pfsync-style synchronisation state of one session, owned by the worker: what the HA peer has been told.
 * A session deleted while still {@link #PENDING_INSERT} was never announced, so its delete is not sent either.
 */
public enum SyncState {
    /** Nothing pending: the peer has the current state (or sync is off). */
    SYNCED,
    /** Created, the insert is queued but not yet sent. */
    PENDING_INSERT,
    /** Changed since the last update sent. */
    PENDING_UPDATE,
    /** Installed from the peer's updates (on the passive node); not re-announced. */
    FROM_PEER;

    private static final SyncState[] VALUES = values();

    public static SyncState of(int code) {
        return VALUES[code];
    }
}

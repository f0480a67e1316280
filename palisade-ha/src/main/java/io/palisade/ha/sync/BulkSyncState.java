package io.palisade.ha.sync;

/** Where the bulk sync from the peer stands, as {@code show high-availability state-synchronization} says it. */
public enum BulkSyncState {
    NOT_STARTED("not-started"),
    REQUESTED("requested"),
    IN_PROGRESS("in-progress"),
    COMPLETE("complete"),
    FAILED("failed");

    private final String label;

    BulkSyncState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

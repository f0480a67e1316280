package io.palisade.config.model;

/** Active/active: which device owns a new session. */
public enum SessionOwnerSelection {
    FIRST_PACKET,
    PRIMARY_DEVICE
}

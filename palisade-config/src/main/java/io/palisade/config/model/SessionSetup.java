package io.palisade.config.model;

/** Active/active: which device performs the slow path for a new session. */
public enum SessionSetup {
    FIRST_PACKET,
    IP_MODULO,
    IP_HASH,
    PRIMARY_DEVICE
}

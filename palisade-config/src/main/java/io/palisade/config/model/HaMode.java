package io.palisade.config.model;

/** High-availability mode of the group. */
public enum HaMode {
    ACTIVE_PASSIVE,
    ACTIVE_ACTIVE
}

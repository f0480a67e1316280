package io.palisade.config.model;

/** LACP activity: send LACPDUs actively, or only answer. */
public enum LacpMode {
    ACTIVE,
    PASSIVE
}

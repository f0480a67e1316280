package io.palisade.config.model;

/** LACPDU transmission rate: every second (fast) or every 30 seconds (slow). */
public enum LacpRate {
    FAST,
    SLOW
}

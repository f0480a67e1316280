package io.palisade.config.model;

/** HA timer profile: PAN-OS recommended or aggressive values, or advanced with each value set. */
public enum TimerProfile {
    RECOMMENDED,
    AGGRESSIVE,
    ADVANCED
}

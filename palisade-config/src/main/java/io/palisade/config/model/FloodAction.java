package io.palisade.config.model;

/** What a SYN flood above the activate rate triggers. */
public enum FloodAction {
    RANDOM_EARLY_DROP,
    SYN_COOKIES
}

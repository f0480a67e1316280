package io.palisade.config.model;

/** Active/active IP-hash session setup: which addresses feed the hash. */
public enum IpHashKey {
    SOURCE,
    SOURCE_AND_DESTINATION
}

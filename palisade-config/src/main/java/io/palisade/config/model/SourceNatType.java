package io.palisade.config.model;

/** Source NAT kinds: many-to-few with port translation, many-to-many without, or one-to-one static. */
public enum SourceNatType {
    DYNAMIC_IP_AND_PORT,
    DYNAMIC_IP,
    STATIC_IP
}

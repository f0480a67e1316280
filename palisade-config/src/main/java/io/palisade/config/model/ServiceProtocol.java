package io.palisade.config.model;

/** Transport protocol of a service object. */
public enum ServiceProtocol {
    TCP,
    UDP,
    SCTP
}

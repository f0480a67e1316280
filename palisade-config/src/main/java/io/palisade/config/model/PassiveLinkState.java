package io.palisade.config.model;

/** What a passive node does with its data links: take them down, or keep them up without forwarding. */
public enum PassiveLinkState {
    SHUTDOWN,
    AUTO
}

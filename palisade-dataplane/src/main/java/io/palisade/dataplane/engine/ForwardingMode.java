package io.palisade.dataplane.engine;

/**
 * What the node does with traffic, set by the HA agent through {@link ForwardingSwitch}: forward it (active),
 * discard it (passive, non-functional, suspended), or send it to the HA peer (active/active tentative, HA3).
 */
public enum ForwardingMode {
    FORWARD,
    DISCARD,
    SEND_TO_PEER
}

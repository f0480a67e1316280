package io.palisade.ha.election;

/** What the data plane should do with traffic in the current HA state; the HA agent sets the forwarding switch. */
public enum ForwardingMode {
    /** Forward: active (active/passive), active-primary or active-secondary (active/active). */
    FORWARD,
    /** Discard: passive, initial, non-functional, suspended, or an active node verifying itself after a stall. */
    DISCARD,
    /** Send to the peer over HA3: tentative (active/active). */
    SEND_TO_PEER
}

package io.palisade.dataplane.packet;

/** The outcomes of {@link PacketParser#parse} that are not drops. */
public enum ParseStatus implements ParseOutcome {
    /** IPv4 or IPv6 parsed; the L3 fields, and the L4 fields when present, are set. */
    OK,
    /** An Ethernet/IPv4 ARP packet; the ARP fields are set. */
    ARP,
    /** Another EtherType (or an 802.3 length frame, or a non-IP loopback family); the engine decides. */
    NON_IP,
    /** The link type is not one the parser understands; nothing but the link type is set. */
    UNSUPPORTED_LINK_TYPE;

    @Override
    public boolean isDrop() {
        return false;
    }
}

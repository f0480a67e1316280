package io.palisade.dataplane.packet;

/** Bits of {@link PacketMeta#ipv6Extensions()}: which IPv6 extension headers the parser walked through. */
public final class Ipv6ExtensionFlags {
    /** Hop-by-hop options. */
    public static final int HOP_BY_HOP = 1;
    /** Any routing header. */
    public static final int ROUTING = 1 << 1;
    /** Routing header type 0, deprecated by RFC 5095; zone protection may drop it. */
    public static final int ROUTING_TYPE_0 = 1 << 2;
    /** A routing header with segments left, so the pseudo-header destination is not the IPv6 destination. */
    public static final int ROUTING_SEGMENTS_LEFT = 1 << 3;
    /** A fragment header (including atomic fragments, which are not treated as fragments). */
    public static final int FRAGMENT = 1 << 4;
    /** Destination options. */
    public static final int DESTINATION_OPTIONS = 1 << 5;
    /** IPsec authentication header. */
    public static final int AUTHENTICATION = 1 << 6;
    /** Mobility, HIP, shim6 or an experimental header. */
    public static final int OTHER = 1 << 7;

    private Ipv6ExtensionFlags() {}
}

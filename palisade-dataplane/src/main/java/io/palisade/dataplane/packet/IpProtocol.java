package io.palisade.dataplane.packet;

/** IP protocol and IPv6 next-header numbers the parser knows (IANA protocol numbers). */
public final class IpProtocol {
    /** IPv6 hop-by-hop options header (also the reserved protocol 0 in IPv4). */
    public static final int HOP_BY_HOP = 0;
    /** ICMP for IPv4. */
    public static final int ICMP = 1;
    /** TCP. */
    public static final int TCP = 6;
    /** UDP. */
    public static final int UDP = 17;
    /** IPv6 routing header. */
    public static final int ROUTING = 43;
    /** IPv6 fragment header. */
    public static final int FRAGMENT = 44;
    /** IPsec ESP: an upper layer for the parser (the rest is encrypted). */
    public static final int ESP = 50;
    /** IPsec AH: walked as an extension header in IPv6, an upper layer in IPv4. */
    public static final int AH = 51;
    /** ICMPv6. */
    public static final int ICMPV6 = 58;
    /** IPv6 no next header. */
    public static final int NO_NEXT_HEADER = 59;
    /** IPv6 destination options header. */
    public static final int DESTINATION_OPTIONS = 60;
    /** Mobility header. */
    public static final int MOBILITY = 135;
    /** Host Identity Protocol. */
    public static final int HIP = 139;
    /** Shim6. */
    public static final int SHIM6 = 140;
    /** Experimental extension header (RFC 3692). */
    public static final int EXPERIMENTAL_1 = 253;
    /** Experimental extension header (RFC 3692). */
    public static final int EXPERIMENTAL_2 = 254;

    private IpProtocol() {}
}

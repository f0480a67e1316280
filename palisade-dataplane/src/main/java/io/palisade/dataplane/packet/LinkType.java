package io.palisade.dataplane.packet;

/**
 * The pcap/pcapng {@code LINKTYPE_*} values the parser understands (tcpdump.org/linktypes.html). The value says
 * what header a frame starts with; anything not listed here parses as
 * {@link ParseStatus#UNSUPPORTED_LINK_TYPE}.
 */
public final class LinkType {
    /** BSD loopback: 4-byte address family in the capturing host's byte order, then IP. */
    public static final int NULL = 0;
    /** Ethernet II / 802.3, optionally with 802.1Q and 802.1ad tags. */
    public static final int ETHERNET = 1;
    /** Raw IP as written by some BSDs ({@code DLT_RAW} numbered 12). */
    public static final int RAW_12 = 12;
    /** Raw IP as written by OpenBSD ({@code DLT_RAW} numbered 14). */
    public static final int RAW_14 = 14;
    /** Raw IP, version taken from the first nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: 4-byte address family in network byte order, then IP. */
    public static final int LOOP = 108;
    /** Linux cooked capture v1: 16-byte header ending in a protocol (EtherType) field. */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux cooked capture v2: 20-byte header starting with a protocol (EtherType) field. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {}

    /** True when {@link PacketParser} can parse frames of this link type. */
    public static boolean isSupported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW_12, RAW_14, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}

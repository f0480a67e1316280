package io.palisade.dataplane.packet;

/**
 * Bits of {@link PacketMeta#ipOptions()}: which IPv4 options a packet carries. Zone protection's IP option drop
 * settings (strict/loose source route, timestamp, record route, security, stream id, unknown, malformed) test
 * these bits; the parser itself never drops for an option.
 */
public final class IpOptionFlags {
    /** The IPv4 header is longer than 20 bytes. */
    public static final int HAS_OPTIONS = 1;
    /** An option type the parser does not know. */
    public static final int UNKNOWN = 1 << 1;
    /** An option length below 2 or running past the header. */
    public static final int MALFORMED = 1 << 2;
    /** Record route (type 7). */
    public static final int RECORD_ROUTE = 1 << 3;
    /** Internet timestamp (type 68). */
    public static final int TIMESTAMP = 1 << 4;
    /** Loose source and record route (type 131). */
    public static final int LOOSE_SOURCE_ROUTE = 1 << 5;
    /** Strict source and record route (type 137). */
    public static final int STRICT_SOURCE_ROUTE = 1 << 6;
    /** Security (types 130 and 133). */
    public static final int SECURITY = 1 << 7;
    /** Stream identifier (type 136). */
    public static final int STREAM_ID = 1 << 8;
    /** Router alert (type 148). */
    public static final int ROUTER_ALERT = 1 << 9;

    private IpOptionFlags() {}

    /** The flag for IPv4 option type {@code type} (type 0 and 1 never reach here). */
    static int forType(int type) {
        return switch (type) {
            case 7 -> RECORD_ROUTE;
            case 68 -> TIMESTAMP;
            case 131 -> LOOSE_SOURCE_ROUTE;
            case 137 -> STRICT_SOURCE_ROUTE;
            case 130, 133 -> SECURITY;
            case 136 -> STREAM_ID;
            case 148 -> ROUTER_ALERT;
            default -> UNKNOWN;
        };
    }
}

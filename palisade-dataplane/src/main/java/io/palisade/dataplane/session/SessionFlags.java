package io.palisade.dataplane.session;

/** Bits of a session's flags byte. */
public final class SessionFlags {
    /** Source address/port translated (PAN-OS flag NS). */
    public static final int NAT_SRC = 1;
    /** Destination address/port translated (ND). */
    public static final int NAT_DST = 1 << 1;
    /** The client sent a FIN. */
    public static final int FIN_C2S = 1 << 2;
    /** The server sent a FIN. */
    public static final int FIN_S2C = 1 << 3;
    /** Write a traffic log at session start. */
    public static final int LOG_START = 1 << 4;
    /** Write a traffic log at session end. */
    public static final int LOG_END = 1 << 5;
    /** Picked up without a handshake (accept-midstream or installed from the HA peer). */
    public static final int MIDSTREAM = 1 << 6;
    /** Owned by the HA peer (active/active): this node forwards to the owner. */
    public static final int PEER_OWNED = 1 << 7;

    private SessionFlags() {}

    /** PAN-OS {@code show session all} flag column: NS, ND, NB or blank. */
    public static String natColumn(int flags) {
        boolean s = (flags & NAT_SRC) != 0;
        boolean d = (flags & NAT_DST) != 0;
        return s && d ? "NB" : s ? "NS" : d ? "ND" : "";
    }
}

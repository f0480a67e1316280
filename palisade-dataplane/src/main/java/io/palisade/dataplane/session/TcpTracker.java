package io.palisade.dataplane.session;

/**
 * TCP state transitions of a session given one packet's direction and flags (see {@link TcpState}). Pure: the
 * engine reads the current state, calls {@link #next}, and stores the result with the new FIN bits.
 */
public final class TcpTracker {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    /** RST sequence numbers within this distance of the expected one count as verified. */
    public static final int RST_WINDOW = 1 << 20;

    private TcpTracker() {}

    /**
     * The state after a packet.
     *
     * @param current state before the packet
     * @param dir {@link SessionTable#C2S} or {@link SessionTable#S2C}
     * @param flags TCP flags of the packet
     * @param sessionFlags the session's flags (FIN bits say which side already closed)
     * @param rstVerified whether an RST's sequence number is in the expected window
     */
    public static TcpState next(TcpState current, int dir, int flags, int sessionFlags, boolean rstVerified) {
        if ((flags & RST) != 0) {
            return rstVerified ? TcpState.TIME_WAIT : TcpState.RST_UNVERIFIED;
        }
        return switch (current) {
            case NONE, SYN_SENT -> handshake(current, dir, flags);
            case SYN_RECEIVED ->
                dir == SessionTable.C2S && (flags & (ACK | SYN)) == ACK
                        ? afterFin(TcpState.ESTABLISHED, dir, flags, sessionFlags)
                        : current;
            case ESTABLISHED, HALF_CLOSED -> afterFin(current, dir, flags, sessionFlags);
            case RST_UNVERIFIED -> afterFin(TcpState.ESTABLISHED, dir, flags, sessionFlags);
            case TIME_WAIT -> current;
        };
    }

    private static TcpState handshake(TcpState current, int dir, int flags) {
        if (dir == SessionTable.C2S && (flags & (SYN | ACK)) == SYN) {
            return TcpState.SYN_SENT;
        }
        if (dir == SessionTable.S2C && (flags & (SYN | ACK)) == (SYN | ACK)) {
            return TcpState.SYN_RECEIVED;
        }
        return current == TcpState.NONE ? TcpState.SYN_SENT : current;
    }

    private static TcpState afterFin(TcpState current, int dir, int flags, int sessionFlags) {
        if ((flags & FIN) == 0) {
            return current;
        }
        int otherFin = dir == SessionTable.C2S ? SessionFlags.FIN_S2C : SessionFlags.FIN_C2S;
        return (sessionFlags & otherFin) != 0 ? TcpState.TIME_WAIT : TcpState.HALF_CLOSED;
    }

    /** The FIN bit a packet adds to the session flags. */
    public static int finBit(int dir, int flags) {
        if ((flags & FIN) == 0) {
            return 0;
        }
        return dir == SessionTable.C2S ? SessionFlags.FIN_C2S : SessionFlags.FIN_S2C;
    }

    /** Whether an RST with {@code seq} is close enough to the sender's expected sequence number. */
    public static boolean rstInWindow(int seq, int expected) {
        return expected == 0 || Math.abs(seq - expected) <= RST_WINDOW;
    }
}

package io.palisade.dataplane.session;

/**
 * TCP connection tracking states and the PAN-OS timeout each one uses.
 *
 * <pre>
 *  SYN_SENT --SYN-ACK from server--> SYN_RECEIVED --ACK from client--> ESTABLISHED
 *  ESTABLISHED --FIN (one side)--> HALF_CLOSED --FIN (other side)--> TIME_WAIT
 *  any --verified RST--> TIME_WAIT        any --unverified RST--> RST_UNVERIFIED (state kept, shorter timeout)
 * </pre>
 */
public enum TcpState {
    NONE,
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    HALF_CLOSED,
    TIME_WAIT,
    RST_UNVERIFIED;

    private static final TcpState[] VALUES = values();

    public static TcpState of(int code) {
        return VALUES[code];
    }
}

package io.palisade.dataplane.session;

/**
 * PAN-OS session states that a live table entry can be in (KB "session states"): ACTIVE forwards, DISCARD drops
 * matching packets until it times out (installed for denied flows so they are dropped on the fast path).
 */
public enum SessionState {
    FREE,
    ACTIVE,
    DISCARD;

    private static final SessionState[] VALUES = values();

    public static SessionState of(int code) {
        return VALUES[code];
    }

    public String displayName() {
        return name();
    }
}

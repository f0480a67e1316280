package io.palisade.dataplane.session;

/**
 * PAN-OS session states that a live table entry can be in (KB "session states"): ACTIVE forwards, DISCARD drops
 * matching packets until it times out (installed for denied flows so they are dropped on the fast path).
 * REDIRECT is Palisade's own: a stub in the table of the worker a session's reply key hashes to, pointing at
 * the worker that owns the session (for NAT translations whose reply cannot be made to hash back).
 */
public enum SessionState {
    FREE,
    ACTIVE,
    DISCARD,
    REDIRECT;

    private static final SessionState[] VALUES = values();

    public static SessionState of(int code) {
        return VALUES[code];
    }

    public String displayName() {
        return name();
    }
}

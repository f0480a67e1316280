package io.palisade.ha.ha1;

/** A connection was refused because the other end is not the configured peer (address or certificate). */
public final class PeerAuthenticationException extends Exception {
    public PeerAuthenticationException(String reason) {
        super(reason);
    }
}

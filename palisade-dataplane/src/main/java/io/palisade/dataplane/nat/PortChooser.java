package io.palisade.dataplane.nat;

/**
 * A predicate on candidate NAT ports, supplied by the engine to pick a port whose reply tuple hashes back to the
 * worker that owns the session. Called on the worker thread for each free candidate; it must not allocate. The
 * engine should implement it as one reusable object per worker whose fields it sets before each translation, not as a
 * capturing lambda created per session.
 */
@FunctionalInterface
public interface PortChooser {
    /**
     * Whether the session may use this translated source address and port.
     *
     * @param ipVersion 4 or 6
     * @param addressHi translated source address, high half
     * @param addressLo translated source address, low half
     * @param port candidate translated source port
     */
    boolean accept(int ipVersion, long addressHi, long addressLo, int port);
}

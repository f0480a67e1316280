package io.palisade.ha.ha1;

import java.net.InetSocketAddress;

/**
 * The connection state of one peer over one link, for the HA agent and {@code show high-availability}. When
 * the peer was last heard from is the agent's business: it has the receive timestamps.
 *
 * @param link link name
 * @param peer the peer's HA1 address
 * @param sending the connection this node dialed (and sends on) is up
 * @param receiving the connection the peer dialed (and this node receives on) is up
 * @param sendConnects sending connections established so far; a change means the link flapped
 * @param receiveConnects receiving connections accepted so far
 */
public record Ha1PeerStatus(
        String link,
        InetSocketAddress peer,
        boolean sending,
        boolean receiving,
        long sendConnects,
        long receiveConnects) {
    /** Both directions are connected. */
    public boolean up() {
        return sending && receiving;
    }
}

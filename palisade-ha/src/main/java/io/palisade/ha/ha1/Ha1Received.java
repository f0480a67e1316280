package io.palisade.ha.ha1;

import java.net.InetSocketAddress;

/**
 * A message as the HA agent sees it: which link it came over, from where, and when it arrived.
 *
 * @param link the link name, {@code ha1} or {@code ha1-backup}
 * @param from the peer's address and source port
 * @param message the decoded message
 * @param receivedNs the transport clock when the frame was decoded (the agent's clock in production)
 */
public record Ha1Received(String link, InetSocketAddress from, Ha1Message message, long receivedNs) {}

package io.palisade.ha.sync;

import java.util.Map;

/**
 * A snapshot for {@code show high-availability state-synchronization} and the REST API.
 *
 * @param enabled session synchronisation on
 * @param transport {@code udp} or {@code ethernet}
 * @param authentication how frames are authenticated, e.g. {@code hmac-sha256 (ecdh)} or {@code none}
 * @param linkStatus {@code up} when any HA2 link has keep-alives, {@code down} when none has, {@code unknown} before
 *     the first keep-alive
 * @param links keep-alive health per link ({@code ha2}, {@code ha2-backup})
 * @param dataLink the link session data goes over now
 * @param bulkSync bulk sync from the peer: {@code not-started}, {@code requested}, {@code in-progress},
 *     {@code complete}, {@code failed}
 * @param bulkSessions sessions received in the current or last bulk sync
 * @param messagesSent session messages (upserts and deletes) sent
 * @param messagesReceived session messages received and passed to workers
 * @param bytesSent HA2 bytes written to the links (frames only, no IP/UDP or Ethernet headers)
 * @param bytesReceived HA2 bytes read from the links
 * @param framesLost frames the peer sent that never arrived, given up after the resend requests
 * @param retransmitRequests resend requests this node sent
 * @param retransmittedForPeer frames this node sent again for the peer's requests
 * @param queueDepth session changes waiting to be sent
 * @param lagMs age of the oldest waiting change
 * @param sessionsFromPeer sessions installed from the peer
 * @param peerRecords ARP, route and IPsec SA records received from the peer
 * @param counters every HA2 counter by name
 */
public record Ha2SyncStatus(
        boolean enabled,
        String transport,
        String authentication,
        String linkStatus,
        Map<String, String> links,
        String dataLink,
        String bulkSync,
        long bulkSessions,
        long messagesSent,
        long messagesReceived,
        long bytesSent,
        long bytesReceived,
        long framesLost,
        long retransmitRequests,
        long retransmittedForPeer,
        long queueDepth,
        long lagMs,
        long sessionsFromPeer,
        long peerRecords,
        Map<String, Long> counters) {
    public Ha2SyncStatus {
        links = Map.copyOf(links);
        counters = Map.copyOf(counters);
    }
}

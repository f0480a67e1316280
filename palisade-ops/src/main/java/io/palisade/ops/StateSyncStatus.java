package io.palisade.ops;

/**
 * {@code show high-availability state-synchronization}: HA2 session sync health.
 *
 * @param enabled state sync on
 * @param transport {@code udp} or {@code ethernet}
 * @param linkStatus HA2 link {@code up} or {@code down}
 * @param bulkSync {@code complete}, {@code in-progress} or {@code not-started}
 * @param messagesSent session messages sent
 * @param messagesReceived session messages received
 * @param bytesSent HA2 bytes sent
 * @param framesLost gaps detected in received sequence numbers
 * @param retransmitRequests requests for missed frames
 * @param queueDepth updates waiting to be sent
 * @param lagMs age of the oldest waiting update
 * @param sessionsFromPeer sessions installed from the peer
 */
public record StateSyncStatus(
        boolean enabled,
        String transport,
        String linkStatus,
        String bulkSync,
        long messagesSent,
        long messagesReceived,
        long bytesSent,
        long framesLost,
        long retransmitRequests,
        long queueDepth,
        long lagMs,
        long sessionsFromPeer) {}

package io.palisade.ha.monitor;

import java.net.InetAddress;

/**
 * Sends ICMP echo requests for path monitoring and reports answers. The real one is
 * {@link IcmpPathProbe}; the in-process lab, which has no IP stack on its udp-tunnel links, uses
 * {@link ScriptedPathProbe} (a simulation, named as such).
 */
public interface PathProbe extends AutoCloseable {
    /** Receives answers and losses. */
    interface Listener {
        void onReply(InetAddress destination, int sequence, long rttNs);

        void onLoss(InetAddress destination, int sequence);
    }

    /** Sends one echo request with {@code sequence}; false when it could not be sent (counts as lost). */
    boolean send(InetAddress destination, int sequence, long nowNs);

    /** Delivers replies that arrived and losses of requests older than {@code timeoutNs}. */
    void poll(long nowNs, long timeoutNs, Listener listener);

    @Override
    void close();
}

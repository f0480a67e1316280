package io.palisade.lab.traffic;

import java.util.List;

/**
 * What the generator has seen so far. Times are the generator's {@code System.nanoTime()}.
 *
 * @param atNs when the snapshot was taken
 * @param flows connections configured
 * @param opened connections whose SYN was sent
 * @param established connections that completed the handshake
 * @param exchanging connections that completed at least one request/response exchange
 * @param exchanges exchanges completed in total
 * @param retransmits SYNs and requests sent again after a timeout
 * @param duplicatesIgnored duplicate segments received and ignored
 * @param outOfOrder segments that did not fit the expected sequence numbers
 * @param framesSent datagrams sent (each frame goes to both nodes of its side)
 * @param framesReceived datagrams received from the nodes
 * @param probesSent probe datagrams sent (one frame each, to both nodes)
 * @param probesReceived new probes that reached the server side
 * @param probeDuplicates probes that arrived more than once or late
 * @param probeGaps gaps in probe arrivals longer than the noise threshold
 */
public record TrafficStats(
        long atNs,
        int flows,
        int opened,
        int established,
        int exchanging,
        long exchanges,
        long retransmits,
        long duplicatesIgnored,
        long outOfOrder,
        long framesSent,
        long framesReceived,
        long probesSent,
        long probesReceived,
        long probeDuplicates,
        List<Gap> probeGaps) {

    /** A gap in the probe stream, generator nanoTime. */
    public record Gap(long fromNs, long toNs) {
        public long lengthMs() {
            return (toNs - fromNs) / 1_000_000L;
        }
    }

    /**
     * The state of the connections at a mark (the fault) and after it.
     *
     * @param markNs the mark
     * @param activeAtMark connections that completed an exchange within the window before the mark
     * @param survived of those, connections that completed an exchange whose request was last sent after
     *     {@code sinceNs} (the takeover): traffic that went through the new active node
     * @param sinceNs the time survival is counted from
     * @param recoveryMsP50 median time from the mark to a connection's first exchange after it
     * @param recoveryMsP99 99th percentile of the same
     * @param recoveryMsMax the slowest connection to exchange again (-1 when some never did)
     * @param failedSample a few connections that did not survive, as {@code client:port>server:port}
     */
    public record Survival(
            long markNs,
            int activeAtMark,
            int survived,
            long sinceNs,
            long recoveryMsP50,
            long recoveryMsP99,
            long recoveryMsMax,
            List<String> failedSample) {}
}

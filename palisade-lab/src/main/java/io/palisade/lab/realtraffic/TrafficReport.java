package io.palisade.lab.realtraffic;

import java.util.List;

/**
 * What the traffic client measured, written as JSON when it ends. Times are {@code System.nanoTime()} values,
 * which on Linux come from {@code CLOCK_MONOTONIC} and are therefore comparable between processes on one machine:
 * the lab controller relates them to the moment it injected a fault.
 *
 * @param connectionsRequested connections the client tried to open
 * @param connectionsEstablished connections that completed at least one request/response
 * @param exchangeIntervalMs pause between one connection's exchanges
 * @param startNs when traffic started
 * @param endNs when traffic stopped
 * @param connections one entry per connection
 * @param probe the UDP probe stream
 */
public record TrafficReport(
        int connectionsRequested,
        int connectionsEstablished,
        int exchangeIntervalMs,
        long startNs,
        long endNs,
        List<Connection> connections,
        Probe probe) {

    /**
     * One TCP connection.
     *
     * @param localPort its client port
     * @param exchanges request/response round trips completed
     * @param firstOkNs end of the first round trip (0: none)
     * @param lastOkNs end of the latest round trip (0: none)
     * @param maxGapMs longest time between two completed round trips
     * @param maxGapEndNs when that longest gap ended
     * @param errorNs when the connection failed (0: it did not)
     * @param error why it failed, or null
     */
    public record Connection(
            int localPort,
            long exchanges,
            long firstOkNs,
            long lastOkNs,
            double maxGapMs,
            long maxGapEndNs,
            long errorNs,
            String error) {}

    /**
     * The UDP probe stream: one datagram every interval, echoed by the server.
     *
     * @param intervalUs send interval
     * @param sent datagrams sent
     * @param received echoes received
     * @param gaps every run of lost probes: from the last echo before it to the first after it
     */
    public record Probe(long intervalUs, long sent, long received, List<Gap> gaps) {}

    /**
     * A run of lost probes.
     *
     * @param fromNs receive time of the last echo before the loss
     * @param toNs receive time of the first echo after it
     * @param lost probes lost
     */
    public record Gap(long fromNs, long toNs, long lost) {
        public double millis() {
            return (toNs - fromNs) / 1e6;
        }
    }
}

package io.palisade.dataplane.engine;

/**
 * One traffic log entry with the PAN-OS traffic log fields Palisade has.
 *
 * @param type {@code start} or {@code end}
 * @param sessionId the session's id (as {@code show session id} takes it)
 * @param startTimeMs session start, epoch milliseconds
 * @param timeMs time of this record, epoch milliseconds
 * @param fromZone source zone
 * @param toZone destination zone (post-NAT)
 * @param source client address
 * @param destination server address as the client addressed it
 * @param sourcePort client port
 * @param destinationPort server port
 * @param natSource translated source address, or null
 * @param natSourcePort translated source port
 * @param natDestination translated destination address, or null
 * @param natDestinationPort translated destination port
 * @param protocol {@code tcp}, {@code udp}, {@code icmp}, ...
 * @param application application name
 * @param rule security rule name
 * @param action {@code allow}, {@code deny}, {@code drop}, {@code reset-*}
 * @param bytesSent bytes client to server
 * @param bytesReceived bytes server to client
 * @param packetsSent packets client to server
 * @param packetsReceived packets server to client
 * @param sessionEndReason end reason ({@code aged-out}, {@code tcp-fin}, ...), {@code n/a} at start
 * @param ingressInterface interface the session arrived on
 * @param egressInterface interface it leaves by
 * @param sourceUser user of the source address, or null
 */
public record TrafficLogRecord(
        String type,
        long sessionId,
        long startTimeMs,
        long timeMs,
        String fromZone,
        String toZone,
        String source,
        String destination,
        int sourcePort,
        int destinationPort,
        String natSource,
        int natSourcePort,
        String natDestination,
        int natDestinationPort,
        String protocol,
        String application,
        String rule,
        String action,
        long bytesSent,
        long bytesReceived,
        long packetsSent,
        long packetsReceived,
        String sessionEndReason,
        String ingressInterface,
        String egressInterface,
        String sourceUser) {}

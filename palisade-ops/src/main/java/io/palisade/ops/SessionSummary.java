package io.palisade.ops;

/**
 * One row of {@code show session all}.
 *
 * @param id session id
 * @param application application name
 * @param state {@code ACTIVE} or {@code DISCARD}
 * @param type {@code FLOW}
 * @param flag {@code NS}, {@code ND}, {@code NB} or blank
 * @param source client address
 * @param sourcePort client port
 * @param fromZone source zone
 * @param protocol IP protocol number
 * @param translatedSource source after NAT
 * @param translatedSourcePort source port after NAT
 * @param destination server address as addressed
 * @param destinationPort server port as addressed
 * @param toZone destination zone
 * @param translatedDestination destination after NAT
 * @param translatedDestinationPort destination port after NAT
 * @param syncedFromPeer installed from the HA peer
 */
public record SessionSummary(
        long id,
        String application,
        String state,
        String type,
        String flag,
        String source,
        int sourcePort,
        String fromZone,
        int protocol,
        String translatedSource,
        int translatedSourcePort,
        String destination,
        int destinationPort,
        String toZone,
        String translatedDestination,
        int translatedDestinationPort,
        boolean syncedFromPeer) {}

package io.palisade.ops;

/**
 * Filters of {@code show session all filter ...}; null fields match anything.
 *
 * @param source client address
 * @param destination server address
 * @param sourcePort client port
 * @param destinationPort server port
 * @param protocol IP protocol number
 * @param fromZone source zone
 * @param toZone destination zone
 * @param application application name
 * @param rule security rule name
 * @param state {@code ACTIVE} or {@code DISCARD}
 */
public record SessionFilter(
        String source,
        String destination,
        Integer sourcePort,
        Integer destinationPort,
        Integer protocol,
        String fromZone,
        String toZone,
        String application,
        String rule,
        String state) {
    public static final SessionFilter ALL =
            new SessionFilter(null, null, null, null, null, null, null, null, null, null);
}

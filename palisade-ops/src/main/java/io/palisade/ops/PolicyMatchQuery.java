package io.palisade.ops;

/**
 * {@code test security-policy-match from Z to Z source A destination A protocol N destination-port P
 * [application APP] [source-user U]}.
 *
 * @param fromZone source zone
 * @param toZone destination zone
 * @param source source address
 * @param destination destination address
 * @param protocol IP protocol number
 * @param destinationPort destination port
 * @param application application name, or null to identify it by port
 * @param sourceUser user, or null to look it up from User-ID
 */
public record PolicyMatchQuery(
        String fromZone,
        String toZone,
        String source,
        String destination,
        int protocol,
        int destinationPort,
        String application,
        String sourceUser) {}

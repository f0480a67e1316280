package io.palisade.config.model;

import io.palisade.config.bind.Required;

/**
 * A named service: protocol and ports.
 *
 * @param name service name
 * @param protocol tcp, udp or sctp
 * @param destinationPort ports, e.g. {@code 80}, {@code 8000-8100}, {@code 80,443}
 * @param sourcePort optional source ports
 * @param description free text
 */
public record ServiceObject(
        @Required String name,
        @Required ServiceProtocol protocol,
        @Required PortRanges destinationPort,
        PortRanges sourcePort,
        String description) {}

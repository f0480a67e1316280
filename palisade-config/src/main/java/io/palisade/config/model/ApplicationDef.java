package io.palisade.config.model;

import io.palisade.config.bind.Required;
import java.util.List;

/**
 * An application known by its default ports, as PAN-OS App-ID uses them for {@code application-default}.
 * Built-in applications live in {@link Applications}; configured ones add to or override them.
 *
 * @param name application name
 * @param defaultPorts entries like {@code tcp/443}, {@code udp/53}, {@code tcp/8000-8100}, {@code icmp},
 *     {@code ipv6-icmp}
 * @param timeoutS session timeout once identified, or absent for the protocol default
 * @param description free text
 */
public record ApplicationDef(
        @Required String name, @Required List<AppPort> defaultPorts, Integer timeoutS, String description) {
    public ApplicationDef {
        defaultPorts = Lists.copy(defaultPorts);
    }
}

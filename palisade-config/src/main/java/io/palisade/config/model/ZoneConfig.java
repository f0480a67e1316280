package io.palisade.config.model;

import io.palisade.config.bind.Required;
import java.util.List;

/**
 * A security zone: the interfaces in it and its zone-protection profile.
 *
 * @param name zone name used by rules
 * @param interfaces member interfaces; an interface belongs to at most one zone
 * @param protectionProfile name of a zone-protection profile, or absent
 */
public record ZoneConfig(@Required String name, List<String> interfaces, String protectionProfile) {
    public ZoneConfig {
        interfaces = Lists.copy(interfaces);
    }
}

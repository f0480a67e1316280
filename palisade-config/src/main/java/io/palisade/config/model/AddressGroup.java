package io.palisade.config.model;

import io.palisade.config.bind.Required;
import java.util.List;

/**
 * A static group of address objects and other groups.
 *
 * @param name group name, in the same namespace as address objects
 * @param members address object or group names
 * @param description free text
 */
public record AddressGroup(@Required String name, @Required List<String> members, String description) {
    public AddressGroup {
        members = Lists.copy(members);
    }
}

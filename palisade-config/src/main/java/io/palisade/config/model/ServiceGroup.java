package io.palisade.config.model;

import io.palisade.config.bind.Required;
import java.util.List;

/**
 * A group of services and service groups.
 *
 * @param name group name, in the same namespace as services
 * @param members service or group names
 */
public record ServiceGroup(@Required String name, @Required List<String> members) {
    public ServiceGroup {
        members = Lists.copy(members);
    }
}

package io.palisade.config.model;

import io.palisade.config.bind.Required;
import java.net.InetAddress;
import java.util.List;

/**
 * User-ID: static IP-to-user mappings and user groups. Mappings also sync to the HA peer over HA1.
 *
 * @param mappings static IP to user mappings
 * @param groups named groups of users
 */
public record UserIdConfig(List<Mapping> mappings, List<Group> groups) {
    public UserIdConfig {
        mappings = Lists.copy(mappings);
        groups = Lists.copy(groups);
    }

    /** One IP address mapped to a user such as {@code acme\alice}. */
    public record Mapping(
            @Required InetAddress ip, @Required String user) {}

    /** A group of users; rules may name the group in {@code source-user}. */
    public record Group(@Required String name, @Required List<String> members) {
        public Group {
            members = Lists.copy(members);
        }
    }
}

package io.palisade.dataplane.policy;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.route.InterfaceIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * What compiling one configuration's rules needs: the configuration and its resolvers.
 *
 * @param config the validated configuration
 * @param interfaces interface and zone numbering
 * @param apps the effective application table
 * @param addresses address reference resolution
 * @param services service reference resolution
 * @param users User-ID groups and user keys
 */
record PolicyContext(
        PalisadeConfig config,
        InterfaceIndex interfaces,
        ApplicationTable apps,
        AddressResolver addresses,
        ServiceResolver services,
        UserDirectory users) {

    static PolicyContext of(PalisadeConfig config) {
        return new PolicyContext(
                config,
                InterfaceIndex.of(config),
                ApplicationTable.of(config.applications()),
                new AddressResolver(config),
                new ServiceResolver(config),
                new UserDirectory(config));
    }

    /** Zone ids of a rule's zone list, or null for {@code any}. */
    int[] zones(List<String> names) {
        if (names.contains("any")) {
            return null;
        }
        List<Integer> ids = new ArrayList<>();
        for (String n : names) {
            int id = interfaces.zoneId(n);
            if (id >= 0) {
                ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}

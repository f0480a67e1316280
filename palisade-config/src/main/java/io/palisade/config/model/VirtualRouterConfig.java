package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;
import java.net.InetAddress;
import java.util.List;

/**
 * The virtual router: static routes over the layer-3 interfaces. Connected routes come from interface addresses.
 *
 * @param name router name (path-monitoring groups refer to it)
 * @param staticRoutes static routes, IPv4 and IPv6
 */
public record VirtualRouterConfig(@Default("default") String name, List<StaticRoute> staticRoutes) {
    public VirtualRouterConfig {
        staticRoutes = Lists.copy(staticRoutes);
    }

    /**
     * A static route.
     *
     * @param name route name
     * @param destination destination prefix
     * @param interfaceName egress interface (key {@code interface})
     * @param nextHop next-hop address, or absent for an on-link route
     * @param metric lower wins between routes of equal prefix length
     */
    public record StaticRoute(
            @Required String name,
            @Required IpPrefix destination,
            @io.palisade.config.bind.Key("interface") String interfaceName,
            InetAddress nextHop,
            @Default("10") int metric) {}
}

package io.palisade.dataplane.route;

import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.VirtualRouterConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An immutable route table with longest-prefix match for IPv4 and IPv6.
 *
 * <p>Structure: per family, one hash table per prefix length that has routes, searched from the longest length
 * down. A lookup costs one masked probe per distinct length in use (typically a handful: /32, /24, /16, /0), needs no
 * allocation, and the memory is two open-addressing slots per installed prefix. A trie would bound the work by the
 * address width instead; with the few distinct lengths real tables have, the hash tables touch fewer cache lines.
 *
 * <p>Routes learned at run time are added or removed by building a new table ({@link #withRoute}, {@link
 * #withoutRoute}); workers pick up the new reference the way they pick up a new configuration epoch.
 */
public final class RouteTable {
    /** Returned by {@link #lookup(int, long, long)} when no route covers the destination. */
    public static final int NO_ROUTE = -1;

    private final List<Route> routes;
    /** Egress interface per route: the configured one, or resolved through the next hop; NONE = not installed. */
    private final int[] egress;

    private final Family v4;
    private final Family v6;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.egress = resolveEgress(this.routes);
        this.v4 = Family.build(this.routes, egress, IpBits.V4);
        this.v6 = Family.build(this.routes, egress, IpBits.V6);
    }

    /** A table of exactly these routes. */
    public static RouteTable of(List<Route> routes) {
        return new RouteTable(routes);
    }

    /** Connected routes of the layer-3 interface addresses plus the configured static routes. */
    public static RouteTable fromConfig(PalisadeConfig config, InterfaceIndex interfaces) {
        List<Route> list = new ArrayList<>();
        for (int id = 0; id < interfaces.interfaceCount(); id++) {
            if (!interfaces.isLayer3(id)) {
                continue;
            }
            for (IpPrefix address : interfaces.addresses(id)) {
                list.add(Route.connected(interfaces.name(id), id, address));
            }
        }
        VirtualRouterConfig vr = config.virtualRouter();
        if (vr != null) {
            for (VirtualRouterConfig.StaticRoute r : vr.staticRoutes()) {
                Ip nextHop = r.nextHop() == null ? null : Ip.of(r.nextHop());
                list.add(Route.staticRoute(
                        r.name(), r.destination(), interfaces.id(r.interfaceName()), nextHop, r.metric()));
            }
        }
        return new RouteTable(list);
    }

    /** A new table with {@code route} added, replacing any route of the same name. */
    public RouteTable withRoute(Route route) {
        List<Route> list = new ArrayList<>(routes.size() + 1);
        for (Route r : routes) {
            if (!r.name().equals(route.name())) {
                list.add(r);
            }
        }
        list.add(route);
        return new RouteTable(list);
    }

    /** A new table without the route of this name (the same table if there is none). */
    public RouteTable withoutRoute(String name) {
        List<Route> list = routes.stream().filter(r -> !r.name().equals(name)).toList();
        return list.size() == routes.size() ? this : new RouteTable(list);
    }

    /** Every route given to this table, installed or not, in order; indexes match {@link #lookup}. */
    public List<Route> routes() {
        return routes;
    }

    public Route route(int index) {
        return routes.get(index);
    }

    /** Whether a route is usable: it has an egress interface (configured or resolved) and won its prefix. */
    public boolean installed(int index) {
        return (index == lookupExact(routes.get(index))) && egress[index] != InterfaceIndex.NONE;
    }

    /** The egress interface of a route (resolved through its next hop if it names none). */
    public int egressInterface(int index) {
        return egress[index];
    }

    /** The longest-prefix route for a destination, or {@link #NO_ROUTE}. Allocation-free. */
    public int lookup(int version, long hi, long lo) {
        return (version == IpBits.V4 ? v4 : v6).lookup(version, hi, lo);
    }

    /**
     * Looks up a destination and fills {@code out}: egress interface, next hop (the destination itself when on-link).
     *
     * @return false on a miss (the engine drops with {@code flow_no_route})
     */
    public boolean lookup(int version, long hi, long lo, RouteLookup out) {
        int index = lookup(version, hi, lo);
        if (index == NO_ROUTE) {
            out.miss();
            return false;
        }
        Route r = routes.get(index);
        if (r.onLink()) {
            out.set(index, egress[index], version, hi, lo, true);
        } else {
            out.set(
                    index,
                    egress[index],
                    r.nextHop().version(),
                    r.nextHop().hi(),
                    r.nextHop().lo(),
                    false);
        }
        return true;
    }

    /** The interface traffic towards {@code address} would leave by, or {@link InterfaceIndex#NONE}. */
    public int reverseInterface(int version, long hi, long lo) {
        int index = lookup(version, hi, lo);
        return index == NO_ROUTE ? InterfaceIndex.NONE : egress[index];
    }

    /**
     * Zone protection's spoofed-address check: a source is spoofed when it has no route, or its route leaves by another
     * interface than the one the packet came in on.
     */
    public boolean isSpoofed(int ingressInterface, int version, long srcHi, long srcLo) {
        return reverseInterface(version, srcHi, srcLo) != ingressInterface;
    }

    private int lookupExact(Route r) {
        Family f = r.version() == IpBits.V4 ? v4 : v6;
        return f.exact(r.version(), r.destination(), r.length());
    }

    /** Egress of each route; a route without an interface resolves through a connected route to its next hop. */
    private static int[] resolveEgress(List<Route> routes) {
        int[] out = new int[routes.size()];
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            out[i] = r.interfaceId() >= 0 || r.nextHop() == null
                    ? r.interfaceId()
                    : connectedInterfaceFor(routes, r.nextHop());
        }
        return out;
    }

    private static int connectedInterfaceFor(List<Route> routes, Ip nextHop) {
        int best = InterfaceIndex.NONE;
        int bestLength = -1;
        for (Route c : routes) {
            if (c.kind() == Route.Kind.CONNECTED && c.covers(nextHop) && c.length() > bestLength) {
                best = c.interfaceId();
                bestLength = c.length();
            }
        }
        return best;
    }

    /** The per-length hash tables of one address family. */
    private static final class Family {
        private final int[] lengths;
        private final long[] maskHi;
        private final long[] maskLo;
        private final AddressIntMap[] maps;

        private Family(int[] lengths, long[] maskHi, long[] maskLo, AddressIntMap[] maps) {
            this.lengths = lengths;
            this.maskHi = maskHi;
            this.maskLo = maskLo;
            this.maps = maps;
        }

        static Family build(List<Route> routes, int[] egress, int version) {
            Map<Integer, Map<Ip, Integer>> byLength = new LinkedHashMap<>();
            for (int i = 0; i < routes.size(); i++) {
                Route r = routes.get(i);
                if (r.version() != version || egress[i] == InterfaceIndex.NONE) {
                    continue;
                }
                Map<Ip, Integer> winners = byLength.computeIfAbsent(r.length(), k -> new LinkedHashMap<>());
                Integer current = winners.get(r.destination());
                if (current == null || r.betterThan(routes.get(current))) {
                    winners.put(r.destination(), i);
                }
            }
            int[] lengths = new TreeSet<>(byLength.keySet())
                    .descendingSet().stream().mapToInt(Integer::intValue).toArray();
            long[] maskHi = new long[lengths.length];
            long[] maskLo = new long[lengths.length];
            AddressIntMap[] maps = new AddressIntMap[lengths.length];
            for (int k = 0; k < lengths.length; k++) {
                maskHi[k] = IpBits.maskHi(version, lengths[k]);
                maskLo[k] = IpBits.maskLo(version, lengths[k]);
                Map<Ip, Integer> winners = byLength.get(lengths[k]);
                AddressIntMap map = new AddressIntMap(winners.size());
                winners.forEach((ip, index) -> map.put(version, ip.hi(), ip.lo(), index));
                maps[k] = map;
            }
            return new Family(lengths, maskHi, maskLo, maps);
        }

        int lookup(int version, long hi, long lo) {
            for (int k = 0; k < lengths.length; k++) {
                int index = maps[k].get(version, hi & maskHi[k], lo & maskLo[k]);
                if (index != AddressIntMap.ABSENT) {
                    return index;
                }
            }
            return NO_ROUTE;
        }

        /** The route installed for exactly this prefix, or NO_ROUTE. */
        int exact(int version, Ip network, int length) {
            for (int k = 0; k < lengths.length; k++) {
                if (lengths[k] == length) {
                    int index = maps[k].get(version, network.hi(), network.lo());
                    return index == AddressIntMap.ABSENT ? NO_ROUTE : index;
                }
            }
            return NO_ROUTE;
        }
    }
}

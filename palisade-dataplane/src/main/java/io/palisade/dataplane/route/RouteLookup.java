package io.palisade.dataplane.route;

/**
 * The reusable result of a route lookup: one per worker, filled by {@link RouteTable#lookup(int, long, long,
 * RouteLookup)} without allocating.
 */
public final class RouteLookup {
    private int routeIndex = RouteTable.NO_ROUTE;
    private int interfaceId = InterfaceIndex.NONE;
    private int nextHopVersion;
    private long nextHopHi;
    private long nextHopLo;
    private boolean onLink;

    void set(int route, int egress, int version, long hi, long lo, boolean direct) {
        routeIndex = route;
        interfaceId = egress;
        nextHopVersion = version;
        nextHopHi = hi;
        nextHopLo = lo;
        onLink = direct;
    }

    void miss() {
        set(RouteTable.NO_ROUTE, InterfaceIndex.NONE, 0, 0, 0, false);
    }

    public boolean found() {
        return routeIndex != RouteTable.NO_ROUTE;
    }

    /** Index of the route in its table ({@link RouteTable#route}), or {@link RouteTable#NO_ROUTE}. */
    public int routeIndex() {
        return routeIndex;
    }

    public int interfaceId() {
        return interfaceId;
    }

    public int nextHopVersion() {
        return nextHopVersion;
    }

    /** The next hop: the route's gateway, or the destination itself for an on-link route. */
    public long nextHopHi() {
        return nextHopHi;
    }

    public long nextHopLo() {
        return nextHopLo;
    }

    /** Whether the destination is on the egress interface's link (no gateway). */
    public boolean onLink() {
        return onLink;
    }
}

package io.palisade.dataplane.route;

import io.palisade.config.model.IpPrefix;

/**
 * One route. Between routes to the same prefix the lower administrative distance wins, then the lower metric
 * (connected 0, static 10 as in PAN-OS), then the one listed first.
 *
 * @param name route name (connected routes: {@code connected:<interface>:<prefix>})
 * @param kind where the route comes from
 * @param destination the network address (host bits cleared by the constructor)
 * @param length prefix length
 * @param interfaceId egress interface id, or {@link InterfaceIndex#NONE} to resolve it through the next hop
 * @param nextHop next-hop address, or null for an on-link route (the destination itself is the next hop)
 * @param metric lower wins between routes to the same prefix with the same administrative distance
 * @param adminDistance lower wins between routes to the same prefix
 */
public record Route(
        String name,
        Kind kind,
        Ip destination,
        int length,
        int interfaceId,
        Ip nextHop,
        int metric,
        int adminDistance) {

    /** Where a route comes from. */
    public enum Kind {
        /** From a layer-3 interface address. */
        CONNECTED,
        /** From the virtual router configuration. */
        STATIC,
        /** Learned at run time (for example synchronised from the HA peer). */
        LEARNED
    }

    /** PAN-OS default administrative distance of a static route. */
    public static final int STATIC_DISTANCE = 10;

    public Route {
        if (length < 0 || length > IpBits.width(destination.version())) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
        destination = destination.network(length);
    }

    /** A connected route for an interface address. */
    public static Route connected(String interfaceName, int interfaceId, IpPrefix address) {
        Ip network = Ip.of(address.address()).network(address.length());
        String name = "connected:" + interfaceName + ":" + network + "/" + address.length();
        return new Route(name, Kind.CONNECTED, network, address.length(), interfaceId, null, 0, 0);
    }

    /** A static route; {@code nextHop} null means on-link. */
    public static Route staticRoute(String name, IpPrefix destination, int interfaceId, Ip nextHop, int metric) {
        return new Route(
                name,
                Kind.STATIC,
                Ip.of(destination.address()),
                destination.length(),
                interfaceId,
                nextHop,
                metric,
                STATIC_DISTANCE);
    }

    public int version() {
        return destination.version();
    }

    public boolean onLink() {
        return nextHop == null;
    }

    /** Whether this route's prefix contains the address. */
    public boolean covers(Ip address) {
        return address.version() == version() && address.network(length).equals(destination);
    }

    /** Whether this route is preferred over {@code other} for the same prefix. */
    boolean betterThan(Route other) {
        return adminDistance != other.adminDistance ? adminDistance < other.adminDistance : metric < other.metric;
    }

    @Override
    public String toString() {
        return name + " " + destination + "/" + length + (onLink() ? " on-link" : " via " + nextHop);
    }
}

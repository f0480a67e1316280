package io.palisade.dataplane.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.ConfigLoader;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.PalisadeConfig;
import org.junit.jupiter.api.Test;

/** Longest-prefix match over connected, static and learned routes. */
class RouteTableTest {
    private static final String CONFIG = """
            device:
              hostname: fw-t
              management: {api-key: test-key-0001}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/24, '2001:db8::1/64']}
              - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.1.1/24, '2001:db8:1::1/64']}
              - {name: ethernet1/3, backing: {type: memory}, mode: layer3, addresses: [198.18.2.1/24]}
            zones:
              - {name: trust, interfaces: [ethernet1/1]}
              - {name: untrust, interfaces: [ethernet1/2]}
              - {name: dmz, interfaces: [ethernet1/3]}
            virtual-router:
              static-routes:
                - {name: default, destination: 0.0.0.0/0, interface: ethernet1/2, next-hop: 198.18.1.254}
                - {name: far, destination: 10.0.0.0/8, interface: ethernet1/3, next-hop: 198.18.2.254}
                - {name: far-sub, destination: 10.1.0.0/16, next-hop: 198.18.0.254}
                - {name: far-sub-backup, destination: 10.1.0.0/16, interface: ethernet1/3, next-hop: 198.18.2.253,
                   metric: 20}
                - {name: better-metric, destination: 10.2.0.0/16, interface: ethernet1/3, next-hop: 198.18.2.252,
                   metric: 5}
                - {name: worse-metric, destination: 10.2.0.0/16, interface: ethernet1/2, next-hop: 198.18.1.252,
                   metric: 50}
                - {name: shadow-connected, destination: 198.18.2.0/24, interface: ethernet1/1, next-hop: 198.18.0.9}
                - {name: v6-default, destination: '::/0', interface: ethernet1/2, next-hop: '2001:db8:1::fe'}
                - {name: v6-host, destination: '2001:db8:5::7/128', interface: ethernet1/3}
            """;

    private final PalisadeConfig config = ConfigLoader.parse(CONFIG, "routes").orThrow();
    private final InterfaceIndex interfaces = InterfaceIndex.of(config);
    private final RouteTable table = RouteTable.fromConfig(config, interfaces);
    private final RouteLookup out = new RouteLookup();

    private String route(String destination) {
        Ip d = Ip.parse(destination);
        int index = table.lookup(d.version(), d.hi(), d.lo());
        return index == RouteTable.NO_ROUTE ? "miss" : table.route(index).name();
    }

    private String egress(String destination) {
        Ip d = Ip.parse(destination);
        assertThat(table.lookup(d.version(), d.hi(), d.lo(), out)).isTrue();
        return interfaces.name(out.interfaceId());
    }

    @Test
    void longestPrefixWinsAmongOverlappingRoutes() {
        assertThat(route("10.1.2.3")).isEqualTo("far-sub");
        assertThat(route("10.9.2.3")).isEqualTo("far");
        assertThat(route("192.0.2.1")).isEqualTo("default");
    }

    @Test
    void lowerMetricWinsForEqualPrefixes() {
        assertThat(route("10.2.3.4")).isEqualTo("better-metric");
        assertThat(egress("10.2.3.4")).isEqualTo("ethernet1/3");
        assertThat(route("10.1.3.4")).as("metric 10 beats 20").isEqualTo("far-sub");
    }

    @Test
    void connectedRoutesComeFromInterfaceAddressesAndBeatStaticOnes() {
        assertThat(route("198.18.0.77")).isEqualTo("connected:ethernet1/1:198.18.0.0/24");
        assertThat(route("198.18.2.77"))
                .as("connected distance 0 beats static 10")
                .isEqualTo("connected:ethernet1/3:198.18.2.0/24");
        assertThat(table.lookup(4, 0, Ip.parse("198.18.0.77").lo(), out)).isTrue();
        assertThat(out.onLink()).isTrue();
        assertThat(new Ip(out.nextHopVersion(), out.nextHopHi(), out.nextHopLo()).toString())
                .as("on-link: the destination is the next hop")
                .isEqualTo("198.18.0.77");
    }

    @Test
    void staticRouteGivesNextHopAndResolvesEgressThroughConnectedRoutes() {
        assertThat(table.lookup(4, 0, Ip.parse("10.9.0.1").lo(), out)).isTrue();
        assertThat(out.onLink()).isFalse();
        assertThat(new Ip(out.nextHopVersion(), out.nextHopHi(), out.nextHopLo()).toString())
                .isEqualTo("198.18.2.254");
        // far-sub names no interface: its next hop 198.18.0.254 is on ethernet1/1.
        assertThat(egress("10.1.0.1")).isEqualTo("ethernet1/1");
    }

    @Test
    void ipv6LongestPrefixMatch() {
        assertThat(route("2001:db8::99")).isEqualTo("connected:ethernet1/1:2001:db8::/64");
        assertThat(route("2001:db8:5::7")).isEqualTo("v6-host");
        assertThat(route("2001:db8:5::8")).isEqualTo("v6-default");
        assertThat(egress("2001:db8:5::7")).isEqualTo("ethernet1/3");
    }

    @Test
    void missIsADistinctResult() {
        RouteTable noDefault = table.withoutRoute("default");
        Ip d = Ip.parse("192.0.2.1");
        assertThat(noDefault.lookup(4, 0, d.lo())).isEqualTo(RouteTable.NO_ROUTE);
        assertThat(noDefault.lookup(4, 0, d.lo(), out)).isFalse();
        assertThat(out.found()).isFalse();
        assertThat(out.interfaceId()).isEqualTo(InterfaceIndex.NONE);
        // The original table is unchanged.
        assertThat(route("192.0.2.1")).isEqualTo("default");
    }

    @Test
    void learnedRoutesAreAddedAndRemovedByBuildingNewTables() {
        Route learned = new Route(
                "learned-192.0.2.0/24",
                Route.Kind.LEARNED,
                Ip.parse("192.0.2.0"),
                24,
                interfaces.id("ethernet1/3"),
                Ip.parse("198.18.2.250"),
                10,
                20);
        RouteTable withLearned = table.withRoute(learned);
        Ip d = Ip.parse("192.0.2.1");
        assertThat(withLearned.route(withLearned.lookup(4, 0, d.lo())).name()).isEqualTo("learned-192.0.2.0/24");
        RouteTable removed = withLearned.withoutRoute("learned-192.0.2.0/24");
        assertThat(removed.route(removed.lookup(4, 0, d.lo())).name()).isEqualTo("default");
        assertThat(route("192.0.2.1")).as("the original table is unchanged").isEqualTo("default");
    }

    @Test
    void routeWithoutUsableInterfaceIsNotInstalled() {
        Route dangling = Route.staticRoute("dangling", IpPrefix.parse("192.0.2.0/24"), -1, Ip.parse("203.0.113.1"), 1);
        RouteTable t = table.withRoute(dangling);
        int index = t.routes().indexOf(dangling);
        assertThat(t.installed(index)).isFalse();
        assertThat(t.route(t.lookup(4, 0, Ip.parse("192.0.2.1").lo())).name()).isEqualTo("default");
        assertThat(t.installed(t.routes().indexOf(t.routes().getFirst()))).isTrue();
    }

    @Test
    void spoofedSourceIsOneNotRoutedBackOutOfTheIngressInterface() {
        int trust = interfaces.id("ethernet1/1");
        int untrust = interfaces.id("ethernet1/2");
        Ip inside = Ip.parse("198.18.0.50");
        Ip internet = Ip.parse("203.0.113.7");
        assertThat(table.isSpoofed(trust, 4, 0, inside.lo())).isFalse();
        assertThat(table.isSpoofed(untrust, 4, 0, inside.lo())).isTrue();
        assertThat(table.isSpoofed(untrust, 4, 0, internet.lo())).isFalse();
        assertThat(table.reverseInterface(4, 0, internet.lo())).isEqualTo(untrust);
        assertThat(table.withoutRoute("default").isSpoofed(untrust, 4, 0, internet.lo()))
                .as("no route back")
                .isTrue();
    }

    @Test
    void interfaceIndexNumbersInterfacesThenAggregatesAndKnowsZones() {
        assertThat(interfaces.interfaceCount()).isEqualTo(3);
        assertThat(interfaces.id("ethernet1/2")).isEqualTo(1);
        assertThat(interfaces.zoneOf(1)).isEqualTo(interfaces.zoneId("untrust"));
        assertThat(interfaces.zoneName(2)).isEqualTo("dmz");
        assertThat(interfaces.id("ethernet9/9")).isEqualTo(InterfaceIndex.NONE);
        assertThat(interfaces.zoneOf(99)).isEqualTo(InterfaceIndex.NONE);
    }
}

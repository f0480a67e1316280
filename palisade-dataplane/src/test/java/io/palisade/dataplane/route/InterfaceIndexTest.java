package io.palisade.dataplane.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;
import org.junit.jupiter.api.Test;

/** Interface and zone numbering with aggregates and virtual wires, and connected routes of aggregates. */
class InterfaceIndexTest {
    private static final String CONFIG = """
            device:
              hostname: fw-t
              management: {api-key: test-key-0001}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: virtual-wire}
              - {name: ethernet1/2, backing: {type: memory}, mode: virtual-wire}
              - {name: ethernet1/3, backing: {type: memory}, mode: layer3}
              - {name: ethernet1/4, backing: {type: memory}, mode: layer3}
            aggregate-interfaces:
              - {name: ae1, members: [ethernet1/3, ethernet1/4], mode: layer3, addresses: [198.18.5.1/24]}
            virtual-wires:
              - {name: vw1, interfaces: [ethernet1/1, ethernet1/2]}
            zones:
              - {name: left, interfaces: [ethernet1/1]}
              - {name: right, interfaces: [ethernet1/2]}
              - {name: bundle, interfaces: [ae1]}
            """;

    private final PalisadeConfig config = ConfigLoader.parse(CONFIG, "ifs").orThrow();
    private final InterfaceIndex index = InterfaceIndex.of(config);

    @Test
    void aggregatesComeAfterInterfacesAndMembersTakeTheirZone() {
        assertThat(index.interfaceCount()).isEqualTo(5);
        assertThat(index.id("ae1")).isEqualTo(4);
        assertThat(index.aggregateOf(index.id("ethernet1/3"))).isEqualTo(4);
        assertThat(index.zoneOf(index.id("ethernet1/4"))).isEqualTo(index.zoneId("bundle"));
        assertThat(index.zoneOf(4)).isEqualTo(index.zoneId("bundle"));
        assertThat(index.aggregateOf(index.id("ethernet1/1"))).isEqualTo(InterfaceIndex.NONE);
    }

    @Test
    void virtualWirePeersPointAtEachOther() {
        int a = index.id("ethernet1/1");
        int b = index.id("ethernet1/2");
        assertThat(index.virtualWirePeer(a)).isEqualTo(b);
        assertThat(index.virtualWirePeer(b)).isEqualTo(a);
        assertThat(index.virtualWirePeer(index.id("ae1"))).isEqualTo(InterfaceIndex.NONE);
        assertThat(index.isLayer3(a)).isFalse();
        assertThat(index.zoneName(index.zoneOf(b))).isEqualTo("right");
    }

    @Test
    void aggregateAddressesGiveConnectedRoutes() {
        RouteTable table = RouteTable.fromConfig(config, index);
        Ip host = Ip.parse("198.18.5.77");
        int route = table.lookup(4, 0, host.lo());
        assertThat(route).isNotEqualTo(RouteTable.NO_ROUTE);
        assertThat(table.egressInterface(route)).isEqualTo(index.id("ae1"));
        assertThat(table.lookup(4, 0, Ip.parse("198.18.6.1").lo())).isEqualTo(RouteTable.NO_ROUTE);
    }
}

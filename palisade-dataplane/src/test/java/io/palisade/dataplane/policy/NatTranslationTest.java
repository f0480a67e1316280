package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.dataplane.nat.NatOutcome;
import io.palisade.dataplane.nat.NatResult;
import io.palisade.dataplane.nat.NatWorkerState;
import io.palisade.dataplane.nat.PortBitmap;
import io.palisade.dataplane.nat.SourceNatKind;
import io.palisade.dataplane.route.Ip;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each NAT type end to end: configuration, NAT match, per-worker translation and release. */
class NatTranslationTest {
    private final NatResult out = new NatResult();

    /** Matches (trust to untrust unless the source is in untrust) and translates one TCP session. */
    private boolean translate(
            CompiledPolicy p, NatWorkerState w, String from, String src, int srcPort, String dst, int dstPort) {
        Ip s = Ip.parse(src);
        Ip d = Ip.parse(dst);
        int id = p.matchNat(
                p.zoneId(from),
                p.zoneId("untrust"),
                s.version(),
                s.hi(),
                s.lo(),
                d.hi(),
                d.lo(),
                AppPort.TCP,
                dstPort,
                -1,
                false);
        assertThat(id).as("a NAT rule matches").isNotEqualTo(CompiledPolicy.NO_NAT);
        return w.translate(id, s.version(), s.hi(), s.lo(), srcPort, d.hi(), d.lo(), dstPort, null, out);
    }

    private Ip src() {
        return new Ip(out.ipVersion(), out.srcHi(), out.srcLo());
    }

    private Ip dst() {
        return new Ip(out.ipVersion(), out.dstHi(), out.dstLo());
    }

    @Test
    void dynamicIpAndPortTranslatesToPoolAddressAndFreshPorts() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: hide, from: [trust], to: [untrust],
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.50-198.18.1.51]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertThat(translate(p, w, "trust", "198.18.0.5", 40000 + i, "203.0.113.9", 443))
                    .isTrue();
            assertThat(out.sourceKind()).isEqualTo(SourceNatKind.DYNAMIC_IP_AND_PORT);
            assertThat(src().toString()).isIn("198.18.1.50", "198.18.1.51");
            assertThat(out.srcPort()).isBetween(PortBitmap.FIRST_PORT, PortBitmap.LAST_PORT);
            assertThat(seen.add(src() + ":" + out.srcPort()))
                    .as("unique translated tuple")
                    .isTrue();
            assertThat(dst().toString()).isEqualTo("203.0.113.9");
            assertThat(out.dstPort()).isEqualTo(443);
        }
    }

    @Test
    void dynamicIpAndPortExhaustsThenReusesReleasedPorts() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: hide, from: [trust], to: [untrust],
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.50]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        int capacity = PortBitmap.LAST_PORT - PortBitmap.FIRST_PORT + 1;
        int lastPort = -1;
        for (int i = 0; i < capacity; i++) {
            assertThat(translate(p, w, "trust", "198.18.0.5", 1, "203.0.113.9", 443))
                    .isTrue();
            lastPort = out.srcPort();
        }
        assertThat(translate(p, w, "trust", "198.18.0.5", 1, "203.0.113.9", 443))
                .isFalse();
        assertThat(out.outcome()).isEqualTo(NatOutcome.PORT_EXHAUSTED);
        assertThat(out.outcome().counterName()).isEqualTo("nat_port_exhausted");
        Ip pool = Ip.parse("198.18.1.50");
        assertThat(w.releasePort(4, pool.hi(), pool.lo(), lastPort)).isTrue();
        assertThat(w.releasePort(4, pool.hi(), pool.lo(), lastPort))
                .as("double release")
                .isFalse();
        assertThat(translate(p, w, "trust", "198.18.0.5", 1, "203.0.113.9", 443))
                .isTrue();
        assertThat(out.srcPort()).isEqualTo(lastPort);
    }

    @Test
    void dynamicIpAndPortOnAnInterfaceUsesTheInterfaceAddress() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: hide, from: [trust], to: [untrust],
                     source-translation: {type: dynamic-ip-and-port, interface: ethernet1/2}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "trust", "198.18.0.5", 40000, "203.0.113.9", 443))
                .isTrue();
        assertThat(src().toString()).isEqualTo("198.18.1.1");
        assertThat(translate(p, w, "trust", "2001:db8::5", 40000, "2001:db8:1::9", 443))
                .isTrue();
        assertThat(src().toString()).isEqualTo("2001:db8:1::1");
    }

    @Test
    void dynamicIpGivesEachSourceOnePoolAddressUntilThePoolIsUsedUp() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: dip, from: [trust], to: [untrust],
                     source-translation: {type: dynamic-ip, translated-addresses: [198.18.1.60-198.18.1.61]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "trust", "198.18.0.5", 40000, "203.0.113.9", 443))
                .isTrue();
        Ip first = src();
        assertThat(out.srcPort()).as("no port translation").isEqualTo(40000);
        assertThat(out.sourceKind()).isEqualTo(SourceNatKind.DYNAMIC_IP);
        assertThat(translate(p, w, "trust", "198.18.0.5", 40001, "203.0.113.10", 443))
                .isTrue();
        assertThat(src()).as("same source, same address").isEqualTo(first);
        assertThat(translate(p, w, "trust", "198.18.0.6", 40000, "203.0.113.9", 443))
                .isTrue();
        Ip second = src();
        assertThat(second).isNotEqualTo(first);
        assertThat(translate(p, w, "trust", "198.18.0.7", 40000, "203.0.113.9", 443))
                .isFalse();
        assertThat(out.outcome()).isEqualTo(NatOutcome.ADDRESS_EXHAUSTED);
        // The first source has two sessions: its address frees only after both end.
        assertThat(w.releaseAddress(4, first.hi(), first.lo())).isTrue();
        assertThat(translate(p, w, "trust", "198.18.0.7", 40000, "203.0.113.9", 443))
                .isFalse();
        assertThat(w.releaseAddress(4, first.hi(), first.lo())).isTrue();
        assertThat(w.addressUsers(4, first.hi(), first.lo())).isZero();
        assertThat(translate(p, w, "trust", "198.18.0.7", 40000, "203.0.113.9", 443))
                .isTrue();
        assertThat(src()).isEqualTo(first);
    }

    @Test
    void staticIpMapsPrefixOntoEqualPrefixKeepingHostBits() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: static, from: [trust], to: [untrust], source: [198.18.0.0/24],
                     source-translation: {type: static-ip, translated-addresses: [203.0.113.0/24]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "trust", "198.18.0.7", 40000, "192.0.2.1", 443))
                .isTrue();
        assertThat(src().toString()).isEqualTo("203.0.113.7");
        assertThat(out.srcPort()).isEqualTo(40000);
        assertThat(out.sourceKind()).isEqualTo(SourceNatKind.STATIC_IP);
        assertThat(translate(p, w, "trust", "198.18.0.255", 40000, "192.0.2.1", 443))
                .isTrue();
        assertThat(src().toString()).isEqualTo("203.0.113.255");
    }

    @Test
    void staticIpMapsRangeOntoEqualSizeRange() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: static, from: [trust], to: [untrust], source: [198.18.0.10-198.18.0.19],
                     source-translation: {type: static-ip, translated-addresses: [198.18.1.100-198.18.1.109]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "trust", "198.18.0.10", 1, "192.0.2.1", 443)).isTrue();
        assertThat(src().toString()).isEqualTo("198.18.1.100");
        assertThat(translate(p, w, "trust", "198.18.0.19", 1, "192.0.2.1", 443)).isTrue();
        assertThat(src().toString()).isEqualTo("198.18.1.109");
    }

    @Test
    void staticIpManyToOne() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: static, from: [trust], to: [untrust], source: [198.18.0.0/24],
                     source-translation: {type: static-ip, translated-addresses: [198.18.1.99]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        for (String s : new String[] {"198.18.0.1", "198.18.0.77", "198.18.0.254"}) {
            assertThat(translate(p, w, "trust", s, 5000, "192.0.2.1", 443)).isTrue();
            assertThat(src().toString()).isEqualTo("198.18.1.99");
            assertThat(out.srcPort()).isEqualTo(5000);
        }
    }

    @Test
    void biDirectionalStaticTranslatesInboundDestinationBack() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: servers, from: [dmz], to: [untrust], source: [198.18.2.0/28],
                     source-translation: {type: static-ip, translated-addresses: [198.18.1.32/28], bi-directional: true}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "dmz", "198.18.2.5", 40000, "203.0.113.9", 443))
                .isTrue();
        assertThat(src().toString()).isEqualTo("198.18.1.37");
        // A client outside opens a session to the public address; the reverse entry restores the server address.
        assertThat(translate(p, w, "untrust", "203.0.113.9", 50000, "198.18.1.37", 22))
                .isTrue();
        assertThat(out.destinationTranslated()).isTrue();
        assertThat(dst().toString()).isEqualTo("198.18.2.5");
        assertThat(out.dstPort()).isEqualTo(22);
        assertThat(src().toString()).as("inbound source unchanged").isEqualTo("203.0.113.9");
        assertThat(out.sourceKind()).isEqualTo(SourceNatKind.NONE);
    }

    @Test
    void destinationNatWithAndWithoutPortTranslation() {
        CompiledPolicy p = TestConfigs.compile("""
                addresses:
                  - {name: web-server, ip-netmask: 198.18.2.10}
                nat-rules:
                  - {name: web, from: [untrust], to: [untrust], destination: [198.18.1.100],
                     destination-translation: {translated-address: web-server, translated-port: 8080}}
                  - {name: ssh, from: [untrust], to: [untrust], destination: [198.18.1.101],
                     destination-translation: {translated-address: 198.18.2.11}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "untrust", "203.0.113.9", 50000, "198.18.1.100", 80))
                .isTrue();
        assertThat(dst().toString()).isEqualTo("198.18.2.10");
        assertThat(out.dstPort()).isEqualTo(8080);
        assertThat(out.srcPort()).isEqualTo(50000);
        assertThat(translate(p, w, "untrust", "203.0.113.9", 50000, "198.18.1.101", 22))
                .isTrue();
        assertThat(dst().toString()).isEqualTo("198.18.2.11");
        assertThat(out.dstPort()).isEqualTo(22);
    }

    @Test
    void sourceAndDestinationTranslationInOneRule() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: both, from: [trust], to: [trust], destination: [198.18.0.200],
                     source-translation: {type: dynamic-ip-and-port, interface: ethernet1/1},
                     destination-translation: {translated-address: 198.18.0.20, translated-port: 8443}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        Ip s = Ip.parse("198.18.0.5");
        Ip d = Ip.parse("198.18.0.200");
        int id = p.matchNat(p.zoneId("trust"), p.zoneId("trust"), 4, 0, s.lo(), 0, d.lo(), AppPort.TCP, 443, -1, false);
        assertThat(w.translate(id, 4, 0, s.lo(), 40000, 0, d.lo(), 443, null, out))
                .isTrue();
        assertThat(src().toString()).isEqualTo("198.18.0.1");
        assertThat(dst().toString()).isEqualTo("198.18.0.20");
        assertThat(out.dstPort()).isEqualTo(8443);
    }

    @Test
    void poolOfTheOtherIpVersionIsAFamilyMismatch() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: v4-pool, from: [trust], to: [untrust],
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.50]}}
                """);
        NatWorkerState w = NatWorkerState.create(p.natTable(), 0, 1, null);
        assertThat(translate(p, w, "trust", "2001:db8::5", 40000, "2001:db8:1::9", 443))
                .isFalse();
        assertThat(out.outcome()).isEqualTo(NatOutcome.FAMILY_MISMATCH);
    }
}

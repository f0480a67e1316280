package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.dataplane.nat.NatEntry;
import io.palisade.dataplane.route.Ip;
import org.junit.jupiter.api.Test;

/** NAT rule matching: original packet, ingress zone and original egress zone, first match, device binding. */
class NatPolicyTest {
    static final String AA = """
            high-availability:
              enabled: true
              mode: active-active
              device-id: 0
              ha1: {local: 127.0.0.1:28769, peer: 127.0.0.1:28779}
              ha1-encryption: {enabled: false}
              ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}
              ha3: {local: 127.0.0.1:29381, peer: 127.0.0.1:29391}
            """;

    /** The matched entry, or null; owner -1 outside active/active. */
    static NatEntry match(
            CompiledPolicy p,
            String from,
            String to,
            String src,
            String dst,
            int protocol,
            int port,
            int owner,
            boolean primary) {
        Ip s = Ip.parse(src);
        Ip d = Ip.parse(dst);
        int id = p.matchNat(
                p.zoneId(from),
                p.zoneId(to),
                s.version(),
                s.hi(),
                s.lo(),
                d.hi(),
                d.lo(),
                protocol,
                port,
                owner,
                primary);
        return id == CompiledPolicy.NO_NAT ? null : p.natTable().entry(id);
    }

    static String rule(CompiledPolicy p, String from, String to, String src, String dst) {
        NatEntry e = match(p, from, to, src, dst, AppPort.TCP, 80, -1, false);
        return e == null ? "none" : e.ruleName() + (e.reverse() ? " (reverse)" : "");
    }

    @Test
    void matchesOnOriginalPacketWithIngressAndOriginalEgressZone() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - name: web-dnat
                    from: [untrust]
                    to: [untrust]
                    destination: [198.18.1.100]
                    destination-translation: {translated-address: 198.18.2.10}
                  - name: hide-trust
                    from: [trust]
                    to: [untrust]
                    source: [198.18.0.0/24]
                    source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.50]}
                """);
        // Destination NAT: the original destination routes to untrust, so "to" is untrust, not the server's dmz.
        assertThat(rule(p, "untrust", "untrust", "203.0.113.5", "198.18.1.100")).isEqualTo("web-dnat");
        assertThat(rule(p, "untrust", "dmz", "203.0.113.5", "198.18.1.100")).isEqualTo("none");
        assertThat(rule(p, "trust", "untrust", "198.18.0.5", "203.0.113.9")).isEqualTo("hide-trust");
        assertThat(rule(p, "trust", "dmz", "198.18.0.5", "198.18.2.9")).isEqualTo("none");
        assertThat(rule(p, "trust", "untrust", "198.18.9.5", "203.0.113.9")).isEqualTo("none");
    }

    @Test
    void firstNatRuleWinsAndDisabledRulesAreSkipped() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: off, from: [trust], to: [untrust], disabled: true,
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.40]}}
                  - {name: specific, from: [trust], to: [untrust], source: [198.18.0.5],
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.41]}}
                  - {name: general, from: [trust], to: [untrust],
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.42]}}
                """);
        assertThat(rule(p, "trust", "untrust", "198.18.0.5", "203.0.113.9")).isEqualTo("specific");
        assertThat(rule(p, "trust", "untrust", "198.18.0.6", "203.0.113.9")).isEqualTo("general");
        NatEntry e = match(p, "trust", "untrust", "198.18.0.6", "203.0.113.9", AppPort.TCP, 80, -1, false);
        assertThat(e.ruleIndex()).isEqualTo(2);
    }

    @Test
    void natServiceRestrictsProtocolAndPort() {
        CompiledPolicy p = TestConfigs.compile("""
                services:
                  - {name: https, protocol: tcp, destination-port: '443'}
                nat-rules:
                  - {name: https-only, from: [untrust], to: [untrust], service: https, destination: [198.18.1.100],
                     destination-translation: {translated-address: 198.18.2.10, translated-port: 8443}}
                """);
        assertThat(match(p, "untrust", "untrust", "203.0.113.5", "198.18.1.100", AppPort.TCP, 443, -1, false))
                .isNotNull();
        assertThat(match(p, "untrust", "untrust", "203.0.113.5", "198.18.1.100", AppPort.TCP, 80, -1, false))
                .isNull();
        assertThat(match(p, "untrust", "untrust", "203.0.113.5", "198.18.1.100", AppPort.UDP, 443, -1, false))
                .isNull();
    }

    @Test
    void activeActiveSkipsRulesBoundToTheOtherDevice() {
        CompiledPolicy p = TestConfigs.compile(AA + """
                nat-rules:
                  - {name: dev0, from: [trust], to: [untrust], active-active-device-binding: '0',
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.40]}}
                  - {name: dev1, from: [trust], to: [untrust], active-active-device-binding: '1',
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: [198.18.1.41]}}
                """);
        String src = "198.18.0.5";
        String dst = "203.0.113.9";
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, 0, false)
                        .ruleName())
                .isEqualTo("dev0");
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, 1, true)
                        .ruleName())
                .isEqualTo("dev1");
        // Outside active/active (owner -1) bindings do not filter: the first rule wins.
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, -1, false)
                        .ruleName())
                .isEqualTo("dev0");
    }

    @Test
    void activeActiveBothAndPrimaryBindings() {
        CompiledPolicy p = TestConfigs.compile(AA + """
                nat-rules:
                  - {name: primary-only, from: [trust], to: [untrust], active-active-device-binding: primary,
                     source-translation: {type: static-ip, translated-addresses: [198.18.1.60]}}
                  - {name: both, from: [trust], to: [untrust], active-active-device-binding: both,
                     source-translation: {type: static-ip, translated-addresses: [198.18.1.61]}}
                """);
        String src = "198.18.0.5";
        String dst = "203.0.113.9";
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, 1, true)
                        .ruleName())
                .isEqualTo("primary-only");
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, 0, true)
                        .ruleName())
                .isEqualTo("primary-only");
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, 1, false)
                        .ruleName())
                .isEqualTo("both");
        assertThat(match(p, "trust", "untrust", src, dst, AppPort.TCP, 80, 0, false)
                        .ruleName())
                .isEqualTo("both");
    }

    @Test
    void biDirectionalStaticAddsAReverseEntryFromAnyZone() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - name: server-static
                    from: [dmz]
                    to: [untrust]
                    source: [198.18.2.10]
                    source-translation: {type: static-ip, translated-addresses: [198.18.1.80], bi-directional: true}
                """);
        assertThat(rule(p, "dmz", "untrust", "198.18.2.10", "203.0.113.9")).isEqualTo("server-static");
        // New sessions towards the translated address, from any zone, whose original destination routes to untrust.
        assertThat(rule(p, "untrust", "untrust", "203.0.113.9", "198.18.1.80")).isEqualTo("server-static (reverse)");
        assertThat(rule(p, "trust", "untrust", "198.18.0.9", "198.18.1.80")).isEqualTo("server-static (reverse)");
        assertThat(rule(p, "untrust", "untrust", "203.0.113.9", "198.18.1.81")).isEqualTo("none");
    }

    @Test
    void ipv6NatRules() {
        CompiledPolicy p = TestConfigs.compile("""
                nat-rules:
                  - {name: v6, from: [trust], to: [untrust], source: ['2001:db8::/64'],
                     source-translation: {type: dynamic-ip-and-port, translated-addresses: ['2001:db8:1::99']}}
                """);
        assertThat(rule(p, "trust", "untrust", "2001:db8::5", "2001:db8:1::9")).isEqualTo("v6");
        assertThat(rule(p, "trust", "untrust", "198.18.0.5", "198.18.1.9")).isEqualTo("none");
    }
}

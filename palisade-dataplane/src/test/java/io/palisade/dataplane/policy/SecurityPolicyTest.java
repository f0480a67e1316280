package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.RuleAction;
import org.junit.jupiter.api.Test;

/** PAN-OS security rule semantics, one per test. */
class SecurityPolicyTest {

    private static SecurityProbe probe(String body) {
        return SecurityProbe.on(TestConfigs.compile(body));
    }

    @Test
    void firstMatchWinsTopDown() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: deny-web, from: [trust], to: [untrust], service: [any], destination: [198.18.1.10], action: deny}
                  - {name: allow-all, from: [trust], to: [untrust], service: [any], action: allow}
                  - {name: never, from: [trust], to: [untrust], service: [any], action: drop}
                """);
        assertThat(SecurityProbe.on(p).dst("198.18.1.10").rule()).isEqualTo("deny-web");
        assertThat(SecurityProbe.on(p).dst("198.18.1.11").rule()).isEqualTo("allow-all");
        assertThat(p.ruleAction(SecurityProbe.on(p).dst("198.18.1.10").index())).isEqualTo(RuleAction.DENY);
    }

    @Test
    void intrazoneDefaultAllowsAndInterzoneDefaultDenies() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: dmz-only, from: [dmz], to: [dmz], source: [198.18.2.99], service: [any], action: deny}
                """);
        int intra = SecurityProbe.on(p).zones("trust", "trust").index();
        int inter = SecurityProbe.on(p).zones("trust", "untrust").index();
        assertThat(intra).isEqualTo(CompiledPolicy.INTRAZONE_DEFAULT);
        assertThat(inter).isEqualTo(CompiledPolicy.INTERZONE_DEFAULT);
        assertThat(p.ruleName(intra)).isEqualTo("intrazone-default");
        assertThat(p.ruleAction(intra)).isEqualTo(RuleAction.ALLOW);
        assertThat(p.ruleName(inter)).isEqualTo("interzone-default");
        assertThat(p.ruleAction(inter)).isEqualTo(RuleAction.DENY);
        assertThat(p.securityRule(inter).isDefault()).isTrue();
        // A configured rule overrides the intrazone default.
        assertThat(SecurityProbe.on(p).zones("dmz", "dmz").src("198.18.2.99").rule())
                .isEqualTo("dmz-only");
    }

    @Test
    void unknownZoneGetsTheDenyDefault() {
        CompiledPolicy p = TestConfigs.compile("security-rules: []\n");
        int index = p.matchSecurity(-1, -1, 4, 0, 1, 0, 2, 6, 80, 0, null);
        assertThat(index).isEqualTo(CompiledPolicy.INTERZONE_DEFAULT);
    }

    @Test
    void zoneAnyMatchesEveryZone() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: to-dmz, from: [any], to: [dmz], service: [any], action: allow}
                  - {name: multi, from: [trust, dmz], to: [any], service: [any], action: deny}
                """);
        assertThat(SecurityProbe.on(p).zones("untrust", "dmz").rule()).isEqualTo("to-dmz");
        assertThat(SecurityProbe.on(p).zones("dmz", "untrust").rule()).isEqualTo("multi");
        assertThat(SecurityProbe.on(p).zones("untrust", "trust").rule()).isEqualTo("interzone-default");
    }

    @Test
    void negatedSourceAndDestinationMatchEverythingElse() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: not-admin, from: [trust], to: [untrust], source: [198.18.0.10], negate-source: true,
                     service: [any], action: deny}
                  - {name: not-dns, from: [trust], to: [untrust], destination: [198.18.1.53], negate-destination: true,
                     service: [any], action: allow}
                """);
        assertThat(SecurityProbe.on(p).src("198.18.0.11").rule()).isEqualTo("not-admin");
        assertThat(SecurityProbe.on(p).src("198.18.0.10").dst("198.18.1.99").rule())
                .isEqualTo("not-dns");
        assertThat(SecurityProbe.on(p).src("198.18.0.10").dst("198.18.1.53").rule())
                .isEqualTo("interzone-default");
        // Negation is per address family: an IPv4-only negated list matches every IPv6 source.
        assertThat(SecurityProbe.on(p).src("2001:db8::10").dst("2001:db8:1::10").rule())
                .isEqualTo("not-admin");
    }

    @Test
    void nestedGroupsResolveToTheirObjects() {
        CompiledPolicy p = TestConfigs.compile("""
                addresses:
                  - {name: web1, ip-netmask: 198.18.1.10}
                  - {name: web2, ip-netmask: 198.18.1.11}
                  - {name: db, ip-range: 198.18.1.20-198.18.1.29}
                address-groups:
                  - {name: web, members: [web1, web2]}
                  - {name: servers, members: [web, db]}
                  - {name: everything, members: [servers]}
                security-rules:
                  - {name: to-servers, from: [trust], to: [untrust], destination: [everything], service: [any], action: allow}
                """);
        for (String hit : new String[] {"198.18.1.10", "198.18.1.11", "198.18.1.20", "198.18.1.29"}) {
            assertThat(SecurityProbe.on(p).dst(hit).rule()).as(hit).isEqualTo("to-servers");
        }
        for (String miss : new String[] {"198.18.1.12", "198.18.1.19", "198.18.1.30"}) {
            assertThat(SecurityProbe.on(p).dst(miss).rule()).as(miss).isEqualTo("interzone-default");
        }
    }

    @Test
    void literalAddressesAndPrefixes() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: literal, from: [trust], to: [untrust], source: [198.18.0.10, 198.18.0.128/25],
                     destination: [198.18.1.0/24], service: [any], action: allow}
                """);
        assertThat(SecurityProbe.on(p).src("198.18.0.10").rule()).isEqualTo("literal");
        assertThat(SecurityProbe.on(p).src("198.18.0.200").rule()).isEqualTo("literal");
        assertThat(SecurityProbe.on(p).src("198.18.0.11").rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).src("198.18.0.200").dst("198.18.2.1").rule())
                .isEqualTo("interzone-default");
    }

    @Test
    void rangesIncludeBothEnds() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: range, from: [trust], to: [untrust], source: [198.18.0.100-198.18.0.110],
                     service: [any], action: allow}
                """);
        assertThat(SecurityProbe.on(p).src("198.18.0.99").rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).src("198.18.0.100").rule()).isEqualTo("range");
        assertThat(SecurityProbe.on(p).src("198.18.0.110").rule()).isEqualTo("range");
        assertThat(SecurityProbe.on(p).src("198.18.0.111").rule()).isEqualTo("interzone-default");
    }

    @Test
    void ipv6AddressesPrefixesAndRanges() {
        CompiledPolicy p = TestConfigs.compile("""
                addresses:
                  - {name: v6net, ip-netmask: '2001:db8:1::/64'}
                security-rules:
                  - {name: v6-range, from: [trust], to: [untrust], source: ['2001:db8::10-2001:db8::20'],
                     destination: [v6net], service: [any], action: allow}
                  - {name: v4-only, from: [trust], to: [untrust], source: [198.18.0.0/24], service: [any], action: deny}
                """);
        assertThat(SecurityProbe.on(p)
                        .src("2001:db8::15")
                        .dst("2001:db8:1::1234")
                        .rule())
                .isEqualTo("v6-range");
        assertThat(SecurityProbe.on(p)
                        .src("2001:db8::21")
                        .dst("2001:db8:1::1234")
                        .rule())
                .isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).src("2001:db8::15").dst("2001:db8:2::1").rule())
                .isEqualTo("interzone-default");
        // An IPv4 literal never matches IPv6 traffic, and the reverse.
        assertThat(SecurityProbe.on(p).src("198.18.0.5").dst("198.18.1.5").rule())
                .isEqualTo("v4-only");
    }

    @Test
    void sourceUserNamedKnownUnknownAndGroups() {
        CompiledPolicy p = TestConfigs.compile("""
                user-id:
                  mappings:
                    - {ip: 198.18.0.10, user: 'acme\\alice'}
                  groups:
                    - {name: admins, members: ['acme\\alice']}
                    - {name: staff, members: [admins, 'acme\\bob']}
                security-rules:
                  - {name: staff-rule, from: [trust], to: [untrust], source-user: [staff], destination: [198.18.1.1],
                     service: [any], action: allow}
                  - {name: carol-rule, from: [trust], to: [untrust], source-user: ['acme\\carol'],
                     destination: [198.18.1.1], service: [any], action: deny}
                  - {name: known-users, from: [trust], to: [untrust], source-user: [known-user], destination: [198.18.1.2],
                     service: [any], action: allow}
                  - {name: unknown-users, from: [trust], to: [untrust], source-user: [unknown], destination: [198.18.1.2],
                     service: [any], action: drop}
                """);
        SecurityProbe toOne = SecurityProbe.on(p).dst("198.18.1.1");
        assertThat(toOne.user("acme\\alice").rule()).isEqualTo("staff-rule");
        assertThat(toOne.user("acme\\bob").rule()).isEqualTo("staff-rule");
        assertThat(toOne.user("acme\\carol").rule()).isEqualTo("carol-rule");
        assertThat(toOne.user("acme\\dave").rule()).isEqualTo("interzone-default");
        assertThat(toOne.user(null).rule()).isEqualTo("interzone-default");
        SecurityProbe toTwo = SecurityProbe.on(p).dst("198.18.1.2");
        assertThat(toTwo.user("acme\\dave").rule()).isEqualTo("known-users");
        assertThat(toTwo.user("acme\\alice").rule()).isEqualTo("known-users");
        assertThat(toTwo.user(null).rule()).isEqualTo("unknown-users");
        assertThat(p.userOf(
                        4,
                        0,
                        io.palisade.dataplane.route.Ip.parse("198.18.0.10").lo()))
                .isEqualTo("acme\\alice");
        assertThat(p.userOf(
                        4,
                        0,
                        io.palisade.dataplane.route.Ip.parse("198.18.0.11").lo()))
                .isNull();
    }

    @Test
    void applicationAnyVersusListed() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: ssh-only, from: [trust], to: [untrust], application: [ssh], service: [any], action: allow}
                  - {name: any-app, from: [trust], to: [dmz], application: [any], service: [any], action: allow}
                """);
        assertThat(SecurityProbe.on(p).tcp(22).rule()).isEqualTo("ssh-only");
        assertThat(SecurityProbe.on(p).tcp(80).rule()).isEqualTo("interzone-default");
        // With service any, the listed application matches on any port once identified as that application.
        assertThat(SecurityProbe.on(p).tcp(2222).app("ssh").rule()).isEqualTo("ssh-only");
        assertThat(SecurityProbe.on(p).zones("trust", "dmz").tcp(4444).rule()).isEqualTo("any-app");
        assertThat(SecurityProbe.on(p).zones("trust", "dmz").udp(4444).rule()).isEqualTo("any-app");
    }

    @Test
    void applicationDefaultWithListedApplicationsUsesTheirDefaultPorts() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: web, from: [trust], to: [untrust], application: [web-browsing, ssl],
                     service: [application-default], action: allow}
                """);
        assertThat(SecurityProbe.on(p).tcp(80).rule()).isEqualTo("web");
        assertThat(SecurityProbe.on(p).tcp(443).rule()).isEqualTo("web");
        // web-browsing identified on a non-default port does not match application-default.
        assertThat(SecurityProbe.on(p).tcp(8081).app("web-browsing").rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).udp(443).rule()).isEqualTo("interzone-default");
    }

    @Test
    void applicationDefaultWithAnyApplicationUsesTheIdentifiedApplicationsPorts() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: default-ports, from: [trust], to: [untrust], application: [any],
                     service: [application-default], action: allow}
                """);
        assertThat(SecurityProbe.on(p).tcp(22).rule()).isEqualTo("default-ports");
        assertThat(SecurityProbe.on(p).udp(53).rule()).isEqualTo("default-ports");
        // ssh identified on port 80 is not on its own default port.
        assertThat(SecurityProbe.on(p).tcp(80).app("ssh").rule()).isEqualTo("interzone-default");
        // Unknown applications have no default ports, so application-default never matches them.
        assertThat(SecurityProbe.on(p).tcp(4444).rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).udp(4444).rule()).isEqualTo("interzone-default");
    }

    @Test
    void serviceObjectsAndGroupsWithPortRanges() {
        CompiledPolicy p = TestConfigs.compile("""
                services:
                  - {name: high-tcp, protocol: tcp, destination-port: 8000-8100}
                  - {name: dns-udp, protocol: udp, destination-port: '53'}
                  - {name: mixed, protocol: tcp, destination-port: '21,990-991'}
                service-groups:
                  - {name: inner, members: [dns-udp, mixed]}
                  - {name: outer, members: [inner, high-tcp]}
                security-rules:
                  - {name: svc, from: [trust], to: [untrust], service: [outer], action: allow}
                """);
        assertThat(SecurityProbe.on(p).tcp(8000).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).tcp(8100).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).tcp(8101).rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).udp(53).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).tcp(53).rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).tcp(21).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).tcp(991).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).tcp(992).rule()).isEqualTo("interzone-default");
        assertThat(SecurityProbe.on(p).icmp(8).rule()).isEqualTo("interzone-default");
    }

    @Test
    void serviceSourcePortsAreHonouredPerService() {
        CompiledPolicy p = TestConfigs.compile("""
                services:
                  - {name: ntp-from-123, protocol: udp, destination-port: '123', source-port: '123'}
                  - {name: web, protocol: tcp, destination-port: '80'}
                security-rules:
                  - {name: svc, from: [trust], to: [untrust], service: [ntp-from-123, web], action: allow}
                """);
        assertThat(SecurityProbe.on(p).udp(123).srcPort(123).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).udp(123).srcPort(40000).rule()).isEqualTo("interzone-default");
        // The source-port condition belongs to ntp-from-123 only: web matches from any source port.
        assertThat(SecurityProbe.on(p).tcp(80).srcPort(123).rule()).isEqualTo("svc");
        assertThat(SecurityProbe.on(p).tcp(80).srcPort(55555).rule()).isEqualTo("svc");
        // Destination port 80 with source port 123 over UDP matches neither service.
        assertThat(SecurityProbe.on(p).udp(80).srcPort(123).rule()).isEqualTo("interzone-default");
        // Without a source port, the source-port service cannot match.
        assertThat(SecurityProbe.on(p).udp(123).srcPort(-1).rule()).isEqualTo("interzone-default");
    }

    @Test
    void disabledRulesNeverMatch() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: off, from: [trust], to: [untrust], service: [any], action: deny, disabled: true}
                  - {name: on, from: [trust], to: [untrust], service: [any], action: allow}
                """);
        int index = SecurityProbe.on(p).index();
        assertThat(p.ruleName(index)).isEqualTo("on");
        assertThat(index).isEqualTo(1);
    }

    @Test
    void ruleAccessorsGiveNameActionAndLogging() {
        CompiledPolicy p = TestConfigs.compile("""
                security-rules:
                  - {name: r0, from: [trust], to: [untrust], service: [any], action: reset-both, log-start: true,
                     log-end: false}
                """);
        SecurityRuleInfo info = p.securityRule(0);
        assertThat(info.name()).isEqualTo("r0");
        assertThat(info.action()).isEqualTo(RuleAction.RESET_BOTH);
        assertThat(p.logStart(0)).isTrue();
        assertThat(p.logEnd(0)).isFalse();
        assertThat(info.isDefault()).isFalse();
    }

    @Test
    void defaultServiceIsApplicationDefault() {
        SecurityProbe probe = probe("""
                security-rules:
                  - {name: dns, from: [trust], to: [untrust], application: [dns], action: allow}
                """);
        assertThat(probe.udp(53).rule()).isEqualTo("dns");
        assertThat(probe.udp(5353).app("dns").rule()).isEqualTo("interzone-default");
    }

    @Test
    void moreThanSixtyFourRulesSpanSeveralWords() {
        StringBuilder body = new StringBuilder("security-rules:\n");
        for (int i = 0; i < 200; i++) {
            body.append("  - {name: r")
                    .append(i)
                    .append(", from: [trust], to: [untrust], source: [198.18.0.")
                    .append(i)
                    .append("], service: [any], action: allow}\n");
        }
        CompiledPolicy p = TestConfigs.compile(body.toString());
        for (int i = 0; i < 200; i += 7) {
            assertThat(SecurityProbe.on(p).src("198.18.0." + i).index()).isEqualTo(i);
        }
        assertThat(SecurityProbe.on(p).src("198.18.0.250").index()).isEqualTo(CompiledPolicy.INTERZONE_DEFAULT);
    }
}

package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.dataplane.nat.NatResult;
import io.palisade.dataplane.nat.NatWorkerState;
import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.RouteLookup;
import io.palisade.dataplane.route.RouteTable;
import org.junit.jupiter.api.Test;

/**
 * The slow path composed the way the engine does it (PAN-OS packet flow): ingress zone, route lookup of the original
 * destination for the original egress zone, NAT match on the original packet, translation, route lookup of the
 * translated destination for the post-NAT zone, then security with pre-NAT addresses and the post-NAT zone.
 */
class PacketFlowScenarioTest {
    private static final String BODY = """
            virtual-router:
              static-routes:
                - {name: default, destination: 0.0.0.0/0, interface: ethernet1/2, next-hop: 198.18.1.254}
            addresses:
              - {name: web-public, ip-netmask: 198.18.1.100}
              - {name: web-private, ip-netmask: 198.18.2.10}
              - {name: inside-net, ip-netmask: 198.18.0.0/24}
            services:
              - {name: http, protocol: tcp, destination-port: '80'}
            nat-rules:
              - {name: web-in, from: [untrust], to: [untrust], destination: [web-public], service: http,
                 destination-translation: {translated-address: web-private, translated-port: 8080}}
              - {name: hide-inside, from: [trust], to: [untrust], source: [inside-net],
                 source-translation: {type: dynamic-ip-and-port, interface: ethernet1/2}}
            security-rules:
              - {name: sees-post-nat-address, from: [untrust], to: [dmz], destination: [web-private], service: [any],
                 action: deny}
              - {name: untrust-to-public, from: [untrust], to: [untrust], destination: [web-public], service: [any],
                 action: deny}
              - {name: web-in, from: [untrust], to: [dmz], destination: [web-public], service: [http], action: allow}
              - {name: sees-translated-source, from: [trust], to: [untrust], source: [198.18.1.1], service: [any],
                 action: deny}
              - {name: inside-out, from: [trust], to: [untrust], source: [inside-net], service: [any], action: allow}
            """;

    private final CompiledPolicy policy = TestConfigs.compile(BODY);
    private final RouteTable routes = policy.routes();
    private final NatWorkerState nat = NatWorkerState.create(policy.natTable(), 0, 1, null);
    private final RouteLookup route = new RouteLookup();
    private final NatResult translated = new NatResult();

    /** What the slow path decided for one new TCP session. */
    record Decision(String drop, String natRule, String securityRule, String egress, String source, String dest) {}

    private Decision admit(String ingressName, String src, int srcPort, String dst, int dstPort) {
        Ip s = Ip.parse(src);
        Ip d = Ip.parse(dst);
        int srcZone = policy.zoneOfInterface(policy.interfaceId(ingressName));
        if (!routes.lookup(d.version(), d.hi(), d.lo(), route)) {
            return new Decision("flow_no_route", null, null, null, null, null);
        }
        int originalZone = policy.zoneOfInterface(route.interfaceId());
        int natId = policy.matchNat(
                srcZone, originalZone, d.version(), s.hi(), s.lo(), d.hi(), d.lo(), AppPort.TCP, dstPort, -1, false);
        int postNatZone = originalZone;
        int egress = route.interfaceId();
        String natRule = null;
        Ip outSrc = s;
        Ip outDst = d;
        int outSrcPort = srcPort;
        int outDstPort = dstPort;
        if (natId != CompiledPolicy.NO_NAT) {
            natRule = policy.natTable().entry(natId).ruleName();
            if (!nat.translate(
                    natId, d.version(), s.hi(), s.lo(), srcPort, d.hi(), d.lo(), dstPort, null, translated)) {
                return new Decision(translated.outcome().counterName(), natRule, null, null, null, null);
            }
            outSrc = new Ip(d.version(), translated.srcHi(), translated.srcLo());
            outDst = new Ip(d.version(), translated.dstHi(), translated.dstLo());
            outSrcPort = translated.srcPort();
            outDstPort = translated.dstPort();
            if (translated.destinationTranslated()) {
                // Destination NAT: a second route lookup on the translated address gives the post-NAT zone.
                if (!routes.lookup(outDst.version(), outDst.hi(), outDst.lo(), route)) {
                    return new Decision("flow_no_route", natRule, null, null, null, null);
                }
                postNatZone = policy.zoneOfInterface(route.interfaceId());
                egress = route.interfaceId();
            }
        }
        int app = policy.identifyApplication(AppPort.TCP, dstPort);
        String user = policy.userOf(s.version(), s.hi(), s.lo());
        int rule = policy.matchSecurity(
                srcZone,
                postNatZone,
                s.version(),
                s.hi(),
                s.lo(),
                d.hi(),
                d.lo(),
                AppPort.TCP,
                srcPort,
                dstPort,
                app,
                user);
        return new Decision(
                null,
                natRule,
                policy.ruleName(rule),
                policy.interfaces().name(egress),
                outSrc + ":" + outSrcPort,
                outDst + ":" + outDstPort);
    }

    @Test
    void inboundDestinationNatUsesPreNatAddressAndPostNatZone() {
        Decision d = admit("ethernet1/2", "203.0.113.9", 50000, "198.18.1.100", 80);
        assertThat(d.drop()).isNull();
        assertThat(d.natRule()).isEqualTo("web-in");
        assertThat(d.dest()).isEqualTo("198.18.2.10:8080");
        assertThat(d.egress()).isEqualTo("ethernet1/3");
        // Neither "post-NAT address" nor "pre-NAT zone" rules match: pre-NAT address, post-NAT zone.
        assertThat(d.securityRule()).isEqualTo("web-in");
    }

    @Test
    void outboundSourceNatUsesPreNatSource() {
        Decision d = admit("ethernet1/1", "198.18.0.5", 40000, "203.0.113.9", 443);
        assertThat(d.natRule()).isEqualTo("hide-inside");
        assertThat(d.source()).startsWith("198.18.1.1:");
        assertThat(d.dest()).isEqualTo("203.0.113.9:443");
        assertThat(d.egress()).isEqualTo("ethernet1/2");
        assertThat(d.securityRule()).isEqualTo("inside-out");
    }

    @Test
    void sessionWithoutNatSeesTheOriginalZone() {
        // Port 22 is not in the DNAT rule's service: no NAT, the public address routes to untrust.
        Decision d = admit("ethernet1/2", "203.0.113.9", 50000, "198.18.1.100", 22);
        assertThat(d.natRule()).isNull();
        assertThat(d.egress()).isEqualTo("ethernet1/2");
        assertThat(d.securityRule()).isEqualTo("untrust-to-public");
    }

    @Test
    void destinationWithoutRouteIsDropped() {
        Decision d = admit("ethernet1/1", "2001:db8::5", 40000, "2001:db8:99::1", 443);
        assertThat(d.drop()).isEqualTo("flow_no_route");
    }
}

package io.palisade.dataplane.engine;

import static io.palisade.dataplane.engine.Frames.tcp;
import static io.palisade.testkit.packets.FrameBuilder.ACK;
import static io.palisade.testkit.packets.FrameBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.testkit.packets.FrameBuilder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Layer 3 and NAT through the engine: routing, ARP, echo, source and destination NAT, PAN-OS zone rule. */
class Layer3NatEngineTest {
    static final String L3 = """
            device: {hostname: t, management: {api-key: test-key-0001}}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.10.1/24]}
              - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.20.1/24]}
              - {name: ethernet1/3, backing: {type: memory}, mode: layer3, addresses: [198.18.30.1/24]}
            zones:
              - {name: inside, interfaces: [ethernet1/1]}
              - {name: outside, interfaces: [ethernet1/2]}
              - {name: dmz, interfaces: [ethernet1/3]}
            virtual-router:
              static-routes:
                - {name: far, destination: 198.18.40.0/24, interface: ethernet1/2, next-hop: 198.18.20.254}
            nat-rules:
              - name: publish-web
                from: [outside]
                to: [outside]
                destination: [198.18.20.100]
                destination-translation: {translated-address: 198.18.30.10, translated-port: 8080}
              - name: hide
                from: [inside]
                to: [outside]
                source-translation: {type: dynamic-ip-and-port, interface: ethernet1/2}
            security-rules:
              - {name: out, from: inside, to: outside, service: any, action: allow, log-end: true}
              - {name: wrong-web, from: outside, to: dmz, destination: [198.18.30.10], service: any, action: allow}
              - {name: web-in, from: outside, to: dmz, destination: [198.18.20.100], service: any, action: allow}
            """;
    static final String SERVER_MAC = Frames.SERVER_MAC;
    static final String ROUTER_MAC = "02:00:00:00:00:fe";
    static final String DMZ_MAC = "02:00:00:00:00:d0";

    private EngineHarness h = harness(1);

    private EngineHarness harness(int workers) {
        EngineHarness x = new EngineHarness(L3, workers);
        learn(x, "ethernet1/1", "198.18.10.5", Frames.CLIENT_MAC);
        learn(x, "ethernet1/2", "198.18.20.9", SERVER_MAC);
        learn(x, "ethernet1/2", "198.18.20.254", ROUTER_MAC);
        learn(x, "ethernet1/3", "198.18.30.10", DMZ_MAC);
        return x;
    }

    private static void learn(EngineHarness x, String ifName, String ip, String mac) {
        x.neighbors.learn(
                x.rc.policy().interfaceId(ifName), ipv4(ip), Frames.mac(mac), x.clock.nanoTime(), Long.MAX_VALUE);
    }

    private static int ipv4(String text) {
        String[] p = text.split("\\.");
        return Integer.parseInt(p[0]) << 24
                | Integer.parseInt(p[1]) << 16
                | Integer.parseInt(p[2]) << 8
                | Integer.parseInt(p[3]);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private long ifMac(String name) {
        return h.rc.interfaceMac(h.rc.policy().interfaceId(name));
    }

    @Test
    void sourceNatRewritesOutboundAndTranslatesRepliesBack() {
        EngineHarness.Result out = h.send("ethernet1/1", tcp("198.18.10.5", 40000, "198.18.20.9", 80, SYN));
        assertThat(out.egress()).isEqualTo("ethernet1/2");
        PacketMeta m = Frames.parse(out.frame());
        assertThat(Frames.ipv4(m.srcAddrLo())).isEqualTo("198.18.20.1");
        int natPort = m.srcPort();
        assertThat(natPort).isBetween(1024, 65535);
        assertThat(m.ttl()).as("TTL decremented").isEqualTo(63);
        assertThat(m.dstMac()).isEqualTo(Frames.mac(SERVER_MAC));
        assertThat(m.srcMac()).isEqualTo(ifMac("ethernet1/2"));

        EngineHarness.Result back = h.send(
                "ethernet1/2",
                FrameBuilder.ethernet()
                        .macs(SERVER_MAC, "02:50:4c:00:00:01")
                        .ipv4("198.18.20.9", "198.18.20.1")
                        .tcp(80, natPort)
                        .flags(SYN | ACK)
                        .build());
        assertThat(back.egress()).isEqualTo("ethernet1/1");
        PacketMeta r = Frames.parse(back.frame());
        assertThat(Frames.ipv4(r.dstAddrLo())).isEqualTo("198.18.10.5");
        assertThat(r.dstPort()).isEqualTo(40000);
        assertThat(r.dstMac()).isEqualTo(Frames.mac(Frames.CLIENT_MAC));
        assertThat(h.counter(FlowCounter.NAT_TRANSLATED)).isEqualTo(1);
    }

    @Test
    void staticRouteUsesItsNextHop() {
        EngineHarness.Result out = h.send("ethernet1/1", tcp("198.18.10.5", 40000, "198.18.40.7", 443, SYN));
        assertThat(out.egress()).isEqualTo("ethernet1/2");
        assertThat(Frames.parse(out.frame()).dstMac()).isEqualTo(Frames.mac(ROUTER_MAC));
    }

    @Test
    void noRouteIsCounted() {
        assertThat(h.send("ethernet1/1", tcp("198.18.10.5", 40000, "203.0.113.7", 443, SYN))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void unresolvedNextHopSendsArpAndDrops() {
        assertThat(h.send("ethernet1/1", tcp("198.18.10.5", 40000, "198.18.20.77", 22, SYN))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.ARP_UNRESOLVED_DROP)).isEqualTo(1);
        assertThat(h.emitted).singleElement().satisfies(s -> {
            assertThat(s.interfaceName()).isEqualTo("ethernet1/2");
            PacketMeta arp = Frames.parse(s.frame());
            assertThat(arp.arpOp()).isEqualTo(1);
            assertThat(arp.arpTargetIp()).isEqualTo(ipv4("198.18.20.77"));
            assertThat(arp.arpSenderIp()).isEqualTo(ipv4("198.18.20.1"));
        });
    }

    @Test
    void answersArpAndEchoForOwnAddresses() {
        byte[] who = FrameBuilder.ethernet()
                .macs(Frames.CLIENT_MAC, "ff:ff:ff:ff:ff:ff")
                .arp(1, Frames.CLIENT_MAC, "198.18.10.6", "00:00:00:00:00:00", "198.18.10.1")
                .build();
        assertThat(h.send("ethernet1/1", who).verdict()).isEqualTo(SessionEngine.CONSUMED);
        PacketMeta reply = Frames.parse(h.emitted.getFirst().frame());
        assertThat(reply.arpOp()).isEqualTo(2);
        assertThat(reply.arpSenderMac()).isEqualTo(ifMac("ethernet1/1"));
        assertThat(h.neighbors.lookup(h.rc.policy().interfaceId("ethernet1/1"), ipv4("198.18.10.6")))
                .as("the requester was learned")
                .isEqualTo(Frames.mac(Frames.CLIENT_MAC));

        byte[] ping =
                Frames.c2s("198.18.10.5", "198.18.10.1").icmpEchoRequest(9, 1).build();
        EngineHarness.Result pong = h.send("ethernet1/1", ping);
        assertThat(pong.egress()).isEqualTo("ethernet1/1");
        PacketMeta e = Frames.parse(pong.frame());
        assertThat(e.icmpType()).isZero();
        assertThat(Frames.ipv4(e.srcAddrLo())).isEqualTo("198.18.10.1");
    }

    /** PAN-OS: security sees the pre-NAT destination address and the post-NAT destination zone. */
    @Test
    void destinationNatIsMatchedOnPreNatAddressAndPostNatZone() {
        EngineHarness.Result in = h.send(
                "ethernet1/2",
                FrameBuilder.ethernet()
                        .macs(SERVER_MAC, "02:50:4c:00:00:01")
                        .ipv4("198.18.20.9", "198.18.20.100")
                        .tcp(5555, 80)
                        .flags(SYN)
                        .build());
        assertThat(in.egress()).isEqualTo("ethernet1/3");
        PacketMeta m = Frames.parse(in.frame());
        assertThat(Frames.ipv4(m.dstAddrLo())).isEqualTo("198.18.30.10");
        assertThat(m.dstPort()).isEqualTo(8080);
        assertThat(m.dstMac()).isEqualTo(Frames.mac(DMZ_MAC));

        EngineHarness.Result back = h.send(
                "ethernet1/3",
                FrameBuilder.ethernet()
                        .macs(DMZ_MAC, "02:50:4c:00:00:02")
                        .ipv4("198.18.30.10", "198.18.20.9")
                        .tcp(8080, 5555)
                        .flags(SYN | ACK)
                        .build());
        PacketMeta r = Frames.parse(back.frame());
        assertThat(Frames.ipv4(r.srcAddrLo())).isEqualTo("198.18.20.100");
        assertThat(r.srcPort()).isEqualTo(80);
        var t = h.engines.getFirst().v4;
        for (int rec = 0; rec < t.capacity(); rec++) {
            if (t.isLive(rec)) {
                assertThat(h.rc.policy().ruleName(t.rule(rec))).isEqualTo("web-in");
            }
        }
    }

    @Test
    void trafficLogCarriesTheTranslation() {
        h.send("ethernet1/1", tcp("198.18.10.5", 40000, "198.18.20.9", 80, SYN));
        var t = h.engines.getFirst().v4;
        for (int rec = 0; rec < t.capacity(); rec++) {
            if (t.isLive(rec)) {
                h.engines
                        .getFirst()
                        .closeSession(t, rec, io.palisade.dataplane.session.EndReason.FLUSHED, h.clock.nanoTime());
            }
        }
        assertThat(h.logs).singleElement().satisfies(l -> {
            assertThat(l.natSource()).isEqualTo("198.18.20.1");
            assertThat(l.natSourcePort()).isBetween(1024, 65535);
            assertThat(l.source()).isEqualTo("198.18.10.5");
            assertThat(l.sessionEndReason()).isEqualTo("session-flushed");
            assertThat(l.egressInterface()).isEqualTo("ethernet1/2");
        });
    }

    /** Two workers: both directions of every flow (translated or not) are processed by the flow's owner. */
    @Test
    void ownerSelectionHoldsWithAndWithoutNat() {
        h.close();
        h = harness(2);
        Set<Integer> ownersSeen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int sport = 20000 + i;
            EngineHarness.Result out =
                    h.sendAt(i % 2, "ethernet1/1", tcp("198.18.10.5", sport, "198.18.20.9", 80, SYN));
            assertThat(out.forwarded()).isTrue();
            int natPort = Frames.parse(out.frame()).srcPort();
            // The reply arrives at whichever worker the kernel picks; it must reach the session's owner.
            EngineHarness.Result back = h.sendAt(
                    (i + 1) % 2,
                    "ethernet1/2",
                    FrameBuilder.ethernet()
                            .macs(SERVER_MAC, "02:50:4c:00:00:01")
                            .ipv4("198.18.20.9", "198.18.20.1")
                            .tcp(80, natPort)
                            .flags(SYN | ACK)
                            .build());
            assertThat(back.forwarded()).as("reply of flow %d", i).isTrue();
            assertThat(back.worker()).isEqualTo(out.worker());
            ownersSeen.add(out.worker());
        }
        assertThat(ownersSeen).as("flows spread over both workers").containsExactlyInAnyOrder(0, 1);
        for (int i = 0; i < 20; i++) {
            int sport = 30000 + i;
            EngineHarness.Result in = h.sendAt(
                    0,
                    "ethernet1/2",
                    FrameBuilder.ethernet()
                            .macs(SERVER_MAC, "02:50:4c:00:00:01")
                            .ipv4("198.18.20.9", "198.18.20.100")
                            .tcp(sport, 80)
                            .flags(SYN)
                            .build());
            assertThat(in.forwarded()).isTrue();
            EngineHarness.Result back = h.sendAt(
                    1,
                    "ethernet1/3",
                    FrameBuilder.ethernet()
                            .macs(DMZ_MAC, "02:50:4c:00:00:02")
                            .ipv4("198.18.30.10", "198.18.20.9")
                            .tcp(8080, sport)
                            .flags(SYN | ACK)
                            .build());
            assertThat(back.forwarded())
                    .as("destination-NAT reply %d reaches the owner", i)
                    .isTrue();
            assertThat(back.worker()).isEqualTo(in.worker());
        }
    }
}

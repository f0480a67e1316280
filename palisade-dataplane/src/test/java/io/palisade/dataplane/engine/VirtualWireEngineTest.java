package io.palisade.dataplane.engine;

import static io.palisade.dataplane.engine.Frames.tcp;
import static io.palisade.dataplane.engine.Frames.tcpBack;
import static io.palisade.dataplane.engine.Frames.udp;
import static io.palisade.dataplane.engine.Frames.udpBack;
import static io.palisade.testkit.packets.FrameBuilder.ACK;
import static io.palisade.testkit.packets.FrameBuilder.FIN;
import static io.palisade.testkit.packets.FrameBuilder.RST;
import static io.palisade.testkit.packets.FrameBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.TcpState;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine on a virtual wire: sessions, TCP tracking, policy defaults, discard sessions, timeouts, logs. */
class VirtualWireEngineTest {
    static final String VWIRE = """
            device: {hostname: t, management: {api-key: test-key-0001}}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: virtual-wire}
              - {name: ethernet1/2, backing: {type: memory}, mode: virtual-wire}
            virtual-wires: [{name: vw, interfaces: [ethernet1/1, ethernet1/2]}]
            zones:
              - {name: trust, interfaces: [ethernet1/1]}
              - {name: untrust, interfaces: [ethernet1/2]}
            services:
              - {name: tcp-7, protocol: tcp, destination-port: '7'}
            security-rules:
              - {name: reset-echo, from: trust, to: untrust, service: tcp-7, action: reset-client}
              - {name: web, from: trust, to: untrust, application: web-browsing, service: application-default,
                 action: allow, log-start: true}
              - {name: out, from: trust, to: untrust, service: any, action: allow}
            """;

    private EngineHarness h = new EngineHarness(VWIRE, 1);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void hostsSeenInArpAreAnnouncedOnTheOtherSideAfterATakeover() {
        byte[] arp = io.palisade.testkit.packets.FrameBuilder.ethernet()
                .macs(Frames.SERVER_MAC, "ff:ff:ff:ff:ff:ff")
                .arp(1, Frames.SERVER_MAC, "198.18.1.10", "00:00:00:00:00:00", "198.18.0.10")
                .build();
        assertThat(h.send("ethernet1/2", arp).egress()).isEqualTo("ethernet1/1"); // the wire passes ARP on

        h.engines.getFirst().layer3.announce();

        assertThat(h.emitted).singleElement().satisfies(s -> {
            assertThat(s.interfaceName()).as("out the side the host is not on").isEqualTo("ethernet1/1");
            PacketMeta g = Frames.parse(s.frame());
            assertThat(g.srcMac()).isEqualTo(Frames.mac(Frames.SERVER_MAC));
            assertThat(g.arpSenderMac()).isEqualTo(Frames.mac(Frames.SERVER_MAC));
            assertThat(g.arpSenderIp()).isEqualTo(g.arpTargetIp());
        });
    }

    private SessionTable table() {
        return h.engines.getFirst().v4;
    }

    private int onlySession() {
        SessionTable t = table();
        for (int r = 0; r < t.capacity(); r++) {
            if (t.isLive(r)) {
                return r;
            }
        }
        throw new AssertionError("no session");
    }

    @Test
    void tcpConnectionLifecycle() {
        assertThat(h.send("ethernet1/1", tcp("198.18.0.5", 40000, "198.18.1.9", 8080, SYN))
                        .egress())
                .isEqualTo("ethernet1/2");
        int rec = onlySession();
        assertThat(table().tcpState(rec)).isEqualTo(TcpState.SYN_SENT);
        assertThat(h.send("ethernet1/2", tcpBack("198.18.1.9", 8080, "198.18.0.5", 40000, SYN | ACK))
                        .egress())
                .isEqualTo("ethernet1/1");
        assertThat(table().tcpState(rec)).isEqualTo(TcpState.SYN_RECEIVED);
        h.send("ethernet1/1", tcp("198.18.0.5", 40000, "198.18.1.9", 8080, ACK));
        assertThat(table().tcpState(rec)).isEqualTo(TcpState.ESTABLISHED);
        h.send("ethernet1/1", tcp("198.18.0.5", 40000, "198.18.1.9", 8080, FIN | ACK));
        assertThat(table().tcpState(rec)).isEqualTo(TcpState.HALF_CLOSED);
        h.send("ethernet1/2", tcpBack("198.18.1.9", 8080, "198.18.0.5", 40000, FIN | ACK));
        assertThat(table().tcpState(rec)).isEqualTo(TcpState.TIME_WAIT);
        assertThat(table().packets(rec, SessionTable.C2S)).isEqualTo(3);
        assertThat(table().packets(rec, SessionTable.S2C)).isEqualTo(2);

        h.advance(14, TimeUnit.SECONDS);
        h.ageAll();
        assertThat(h.sessions()).as("time-wait is 15 s").isEqualTo(1);
        h.advance(2, TimeUnit.SECONDS);
        h.ageAll();
        assertThat(h.sessions()).isZero();
        assertThat(h.logs).extracting(TrafficLogRecord::type).containsExactly("end");
        TrafficLogRecord end = h.logs.getFirst();
        assertThat(end.sessionEndReason()).isEqualTo("tcp-fin");
        assertThat(end.rule()).isEqualTo("out");
        assertThat(end.fromZone()).isEqualTo("trust");
        assertThat(end.toZone()).isEqualTo("untrust");
        assertThat(end.packetsSent()).isEqualTo(3);
        assertThat(h.sink.inserts).isEqualTo(1);
        assertThat(h.sink.deletes).isEqualTo(1);
        assertThat(h.sink.updates).isGreaterThanOrEqualTo(4);
    }

    @Test
    void nonSynWithoutSessionIsDropped() {
        assertThat(h.send("ethernet1/1", tcp("198.18.0.5", 40000, "198.18.1.9", 8080, ACK))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.TCP_NON_SYN_DROP)).isEqualTo(1);
        assertThat(h.sessions()).isZero();
    }

    @Test
    void interzoneDefaultDeniesAndADiscardSessionDropsTheRest() {
        assertThat(h.send("ethernet1/2", tcpBack("198.18.1.9", 5000, "198.18.0.5", 22, SYN))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.POLICY_DENY)).isEqualTo(1);
        assertThat(h.counter(FlowCounter.SESSION_DISCARD_INSTALLED)).isEqualTo(1);
        assertThat(h.send("ethernet1/2", tcpBack("198.18.1.9", 5000, "198.18.0.5", 22, SYN))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.DISCARD_SESSION_DROP)).isEqualTo(1);
        h.advance(91, TimeUnit.SECONDS);
        h.ageAll();
        assertThat(h.sessions()).as("discard-tcp timeout 90 s").isZero();
    }

    @Test
    void resetClientAnswersWithARst() {
        assertThat(h.send("ethernet1/1", tcp("198.18.0.5", 40001, "198.18.1.9", 7, SYN))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.emitted).hasSize(1);
        assertThat(h.emitted.getFirst().interfaceName()).isEqualTo("ethernet1/1");
        PacketMeta rst = Frames.parse(h.emitted.getFirst().frame());
        assertThat(Frames.ipv4(rst.srcAddrLo())).isEqualTo("198.18.1.9");
        assertThat(Frames.ipv4(rst.dstAddrLo())).isEqualTo("198.18.0.5");
        assertThat(rst.srcPort()).isEqualTo(7);
        assertThat(rst.dstPort()).isEqualTo(40001);
        assertThat(rst.tcpFlags() & RST).isNotZero();
        assertThat(rst.tcpAck()).as("acknowledges the SYN").isEqualTo(1000 + 1);
        assertThat(h.counter(FlowCounter.POLICY_RESET)).isEqualTo(1);
    }

    @Test
    void applicationDefaultMatchesOnlyTheDefaultPort() {
        h.send("ethernet1/1", tcp("198.18.0.5", 40000, "198.18.1.9", 80, SYN));
        assertThat(h.logs).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo("start");
            assertThat(l.rule()).isEqualTo("web");
            assertThat(l.application()).isEqualTo("web-browsing");
        });
        h.send("ethernet1/1", tcp("198.18.0.5", 40001, "198.18.1.9", 8080, SYN));
        assertThat(h.logs)
                .as("8080 falls through to rule 'out', which logs only at the end")
                .hasSize(1);
    }

    @Test
    void udpSessionsAgeAfterThirtySeconds() {
        h.send("ethernet1/1", udp("198.18.0.5", 5353, "198.18.1.9", 53));
        assertThat(h.send("ethernet1/2", udpBack("198.18.1.9", 53, "198.18.0.5", 5353))
                        .forwarded())
                .isTrue();
        h.advance(29, TimeUnit.SECONDS);
        h.ageAll();
        assertThat(h.sessions()).isEqualTo(1);
        h.advance(2, TimeUnit.SECONDS);
        h.ageAll();
        assertThat(h.sessions()).isZero();
        assertThat(h.counter(FlowCounter.SESSION_AGED_OUT)).isEqualTo(1);
    }

    @Test
    void icmpEchoAndErrorsFollowTheirSession() {
        byte[] request =
                Frames.c2s("198.18.0.5", "198.18.1.9").icmpEchoRequest(77, 1).build();
        assertThat(h.send("ethernet1/1", request).forwarded()).isTrue();
        byte[] reply =
                Frames.s2c("198.18.1.9", "198.18.0.5").icmpEchoReply(77, 1).build();
        assertThat(h.send("ethernet1/2", reply).egress()).isEqualTo("ethernet1/1");

        byte[] quoted = Frames.c2s("198.18.0.5", "198.18.1.9")
                .udp(5000, 9999)
                .payload("x")
                .buildIpPacket();
        h.send("ethernet1/1", udp("198.18.0.5", 5000, "198.18.1.9", 9999));
        byte[] unreachable =
                Frames.s2c("198.18.1.9", "198.18.0.5").icmpError(3, 3, quoted).build();
        assertThat(h.send("ethernet1/2", unreachable).egress()).isEqualTo("ethernet1/1");
        assertThat(h.counter(FlowCounter.ICMP_ERROR_MATCHED)).isEqualTo(1);

        byte[] unrelated =
                Frames.c2s("198.18.0.5", "198.18.1.9").udp(1, 2).payload("x").buildIpPacket();
        byte[] stray = Frames.s2c("198.18.1.9", "198.18.0.5")
                .icmpError(3, 3, unrelated)
                .build();
        assertThat(h.send("ethernet1/2", stray).verdict()).isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.ICMP_ERROR_NO_SESSION)).isEqualTo(1);
    }

    @Test
    void nonIpFramesCrossTheWire() {
        byte[] arp = io.palisade.testkit.packets.FrameBuilder.ethernet()
                .macs(Frames.CLIENT_MAC, "ff:ff:ff:ff:ff:ff")
                .arp(1, Frames.CLIENT_MAC, "198.18.0.5", "00:00:00:00:00:00", "198.18.0.1")
                .build();
        assertThat(h.send("ethernet1/1", arp).egress()).isEqualTo("ethernet1/2");
    }

    @Test
    void aCommitThatDeniesClosesOpenSessionsOnTheirNextPacket() {
        h.send("ethernet1/1", udp("198.18.0.5", 5353, "198.18.1.9", 53));
        h.commit(VWIRE.replace("service: any, action: allow", "service: any, action: deny"));
        assertThat(h.send("ethernet1/1", udp("198.18.0.5", 5353, "198.18.1.9", 53))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.POLICY_RECHECK_DENY)).isEqualTo(1);
    }

    @Test
    void passiveNodeDiscardsEverything() {
        h.forwardingSwitch.set(ForwardingMode.DISCARD);
        assertThat(h.send("ethernet1/1", tcp("198.18.0.5", 40000, "198.18.1.9", 8080, SYN))
                        .verdict())
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.HA_NOT_ACTIVE_DROP)).isEqualTo(1);
        assertThat(h.sessions()).isZero();
    }
}

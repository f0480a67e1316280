package io.palisade.dataplane.engine;

import static io.palisade.dataplane.engine.Frames.tcp;
import static io.palisade.testkit.packets.FrameBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zone protection, NAT exhaustion and fragments through the engine. */
class ProtectionEngineTest {
    static final String BASE = """
            device: {hostname: t, management: {api-key: test-key-0001}}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.10.1/24]}
              - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.20.1/24]}
            zones:
              - {name: inside, interfaces: [ethernet1/1], protection-profile: zp}
              - {name: outside, interfaces: [ethernet1/2]}
            zone-protection-profiles:
              - name: zp
                flood:
                  syn: {enabled: true, alarm-rate: 5, activate-rate: 10, maximum-rate: 30}
                reconnaissance:
                  udp-port-scan: {enabled: true, action: block-ip, interval-s: 2, threshold: 20, block-duration-s: 60}
                packet-based:
                  spoofed-ip-discard: true
                  unknown-ip-option-discard: true
                  tcp-syn-with-data-discard: true
            security-rules:
              - {name: out, from: inside, to: outside, service: any, action: allow}
            """;

    private EngineHarness h;

    private EngineHarness harness(String yaml) {
        EngineHarness x = new EngineHarness(yaml, 1);
        x.neighbors.learn(
                x.rc.policy().interfaceId("ethernet1/2"),
                0xC6121409,
                Frames.mac(Frames.SERVER_MAC),
                x.clock.nanoTime(),
                Long.MAX_VALUE);
        return x;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void synFloodAlarmsThenRandomEarlyDropThenMaximum() {
        h = harness(BASE);
        int passed = 0;
        for (int i = 0; i < 60; i++) {
            h.advance(1, TimeUnit.MILLISECONDS);
            String src = "198.18.10." + (10 + i % 200);
            if (h.send("ethernet1/1", tcp(src, 10000 + i, "198.18.20.9", 80, SYN))
                    .forwarded()) {
                passed++;
            }
        }
        assertThat(h.counter(FlowCounter.FLOOD_ALARM)).isEqualTo(1);
        assertThat(h.counter(FlowCounter.FLOOD_RED_DROP)).isPositive();
        assertThat(h.counter(FlowCounter.FLOOD_MAX_DROP))
                .as("above 30 per second everything drops")
                .isEqualTo(30);
        assertThat(passed).isBetween(10, 30);

        h.advance(3, TimeUnit.SECONDS);
        assertThat(h.send("ethernet1/1", tcp("198.18.10.250", 999, "198.18.20.9", 80, SYN))
                        .forwarded())
                .as("the rate falls once the flood stops")
                .isTrue();
    }

    @Test
    void udpPortScanBlocksTheSourceIp() {
        h = harness(BASE);
        for (int port = 1; port <= 40; port++) {
            h.send("ethernet1/1", Frames.udp("198.18.10.66", 5000, "198.18.20.9", port));
        }
        assertThat(h.counter(FlowCounter.SCAN_DETECTED)).isEqualTo(1);
        assertThat(h.send("ethernet1/1", tcp("198.18.10.66", 6000, "198.18.20.9", 443, SYN))
                        .verdict())
                .as("block-ip drops everything from the scanner")
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.SCAN_BLOCK_DROP)).isPositive();
        assertThat(h.send("ethernet1/1", tcp("198.18.10.67", 6000, "198.18.20.9", 443, SYN))
                        .forwarded())
                .as("others pass")
                .isTrue();
    }

    @Test
    void packetBasedChecks() {
        h = harness(BASE);
        byte[] synData = Frames.c2s("198.18.10.5", "198.18.20.9")
                .tcp(1, 80)
                .flags(SYN)
                .payload("early")
                .build();
        assertThat(h.send("ethernet1/1", synData).verdict()).isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.SYN_WITH_DATA_DROP)).isEqualTo(1);

        byte[] spoofed = tcp("198.18.20.50", 1, "198.18.20.9", 80, SYN);
        assertThat(h.send("ethernet1/1", spoofed).verdict()).isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.SPOOFED_IP_DROP)).isEqualTo(1);

        byte[] options = Frames.c2s("198.18.10.5", "198.18.20.9")
                .ipOptions(0x9e, 4, 0, 0)
                .tcp(2, 80)
                .flags(SYN)
                .build();
        assertThat(h.send("ethernet1/1", options).verdict()).isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.IP_OPTION_UNKNOWN_DROP)).isEqualTo(1);
    }

    @Test
    void dynamicIpPoolExhaustionIsACountedDrop() {
        h = harness(BASE.replace("security-rules:", """
                nat-rules:
                  - name: dip
                    from: [inside]
                    to: [outside]
                    source-translation: {type: dynamic-ip, translated-addresses: [198.18.20.200]}
                security-rules:"""));
        assertThat(h.send("ethernet1/1", tcp("198.18.10.5", 1000, "198.18.20.9", 80, SYN))
                        .forwarded())
                .isTrue();
        assertThat(h.send("ethernet1/1", tcp("198.18.10.5", 1001, "198.18.20.9", 80, SYN))
                        .forwarded())
                .as("same source keeps its address")
                .isTrue();
        assertThat(h.send("ethernet1/1", tcp("198.18.10.6", 1000, "198.18.20.9", 80, SYN))
                        .verdict())
                .as("a second source finds the one-address pool used up")
                .isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.NAT_PORT_EXHAUSTED)).isEqualTo(1);
        assertThat(h.engines.getFirst().natCounters().get(io.palisade.dataplane.nat.NatOutcome.ADDRESS_EXHAUSTED))
                .isEqualTo(1);
    }

    @Test
    void fragmentsFollowTheirFirstFragmentAndOverlapsAreDropped() {
        h = harness(BASE.replace(
                "tcp-syn-with-data-discard: true",
                "tcp-syn-with-data-discard: true\n      overlapping-fragment-discard: true"));
        byte[] first = Frames.c2s("198.18.10.5", "198.18.20.9")
                .ipId(77)
                .ipv4Fragment(0, true)
                .udp(5000, 53)
                .payload(new byte[32])
                .build();
        byte[] second = Frames.c2s("198.18.10.5", "198.18.20.9")
                .ipId(77)
                .ipv4Fragment(40, true)
                .protocol(17)
                .payload(new byte[16])
                .build();
        byte[] overlapping = Frames.c2s("198.18.10.5", "198.18.20.9")
                .ipId(77)
                .ipv4Fragment(48, false)
                .protocol(17)
                .payload(new byte[16])
                .build();
        byte[] orphan = Frames.c2s("198.18.10.5", "198.18.20.9")
                .ipId(78)
                .ipv4Fragment(40, false)
                .protocol(17)
                .payload(new byte[16])
                .build();

        assertThat(h.send("ethernet1/1", first).forwarded()).isTrue();
        assertThat(h.send("ethernet1/1", second).egress()).isEqualTo("ethernet1/2");
        assertThat(h.send("ethernet1/1", overlapping).verdict()).isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.OVERLAPPING_FRAGMENT_DROP)).isEqualTo(1);
        assertThat(h.send("ethernet1/1", orphan).verdict()).isEqualTo(SessionEngine.DROP);
        assertThat(h.counter(FlowCounter.FRAGMENT_NO_SESSION)).isEqualTo(1);
    }
}

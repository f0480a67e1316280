package io.palisade.lab.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.lab.inproc.LabPorts;
import io.palisade.node.Node;
import io.palisade.ops.CounterValue;
import io.palisade.ops.SessionFilter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against one in-JVM node (a virtual wire over udp-tunnel ports, HA off, tcp-reject-non-syn on):
 * every connection completes its handshake through the node's session engine and keeps exchanging data, the
 * probe stream arrives, and nothing is dropped for a bad checksum or a missing SYN.
 */
class TrafficGeneratorTest {
    private static final int FLOWS = 200;

    @TempDir
    Path dir;

    private Path config(LabPorts p) throws Exception {
        Path file = dir.resolve("fw.yaml");
        Files.writeString(file, """
                device:
                  hostname: fw-gen
                  workers: 1
                  management: {listen: 127.0.0.1:%d, api-key: test-key-gen-0001}
                interfaces:
                  - name: ethernet1/1
                    backing: {type: udp-tunnel, local: 127.0.0.1:%d, remote: 127.0.0.1:%d}
                    mode: virtual-wire
                  - name: ethernet1/2
                    backing: {type: udp-tunnel, local: 127.0.0.1:%d, remote: 127.0.0.1:%d}
                    mode: virtual-wire
                virtual-wires:
                  - {name: vw1, interfaces: [ethernet1/1, ethernet1/2]}
                zones:
                  - {name: trust, interfaces: [ethernet1/1]}
                  - {name: untrust, interfaces: [ethernet1/2]}
                security-rules:
                  - {name: out, from: [trust], to: [untrust], service: [any], action: allow}
                session: {tcp-reject-non-syn: true, capacity: 8192}
                """.formatted(p.managementA(), p.wireA1(), p.clientSide(), p.wireA2(), p.serverSide()));
        return file;
    }

    private static InetSocketAddress lo(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    void everyConnectionExchangesDataThroughTheSessionEngine() throws Exception {
        LabPorts p = LabPorts.choose();
        Node node = Node.start(
                config(p), Node.Options.standard().withLogging(false, false).withStateDirectory(dir.resolve("state")));
        TrafficGenerator.Wire wire = new TrafficGenerator.Wire(
                lo(p.clientSide()), lo(p.serverSide()), List.of(lo(p.wireA1())), List.of(lo(p.wireA2())));
        try (TrafficGenerator g = TrafficGenerator.start(wire, TrafficGenerator.Settings.of(FLOWS))) {
            TrafficStats s = awaitExchanges(g, 2);
            assertThat(s.established()).isEqualTo(FLOWS);
            assertThat(s.exchanging()).isEqualTo(FLOWS);
            assertThat(s.outOfOrder()).isZero();
            assertThat(s.probesReceived()).isPositive();

            long mark = g.mark(Duration.ofSeconds(3));
            awaitExchanges(g, 4);
            TrafficStats.Survival survival = g.survival(mark);
            assertThat(survival.activeAtMark()).isEqualTo(FLOWS);
            assertThat(survival.survived()).isEqualTo(FLOWS);
            assertThat(survival.failedSample()).isEmpty();

            var sessions =
                    node.ops().sessions(new SessionFilter(null, null, null, 80, 6, null, null, null, null, null), 1000);
            assertThat(sessions).hasSize(FLOWS);
            assertThat(sessions).allSatisfy(x -> assertThat(x.fromZone()).isEqualTo("trust"));
            assertThat(node.ops().globalCounters())
                    .extracting(CounterValue::name)
                    .doesNotContain("tcp_non_syn_drop")
                    .noneSatisfy(n -> assertThat(n).contains("checksum"));
        } finally {
            node.close();
        }
    }

    /** Waits (at most 20 s) until every connection has completed {@code perFlow} exchanges on average. */
    private static TrafficStats awaitExchanges(TrafficGenerator g, int perFlow) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        TrafficStats s = g.stats();
        long target = s.exchanges() + (long) perFlow * FLOWS;
        while ((s.exchanges() < target || s.exchanging() < FLOWS) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = g.stats();
        }
        return s;
    }
}

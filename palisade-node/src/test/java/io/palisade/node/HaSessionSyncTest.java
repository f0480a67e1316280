package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.port.MemoryPort;
import io.palisade.ha.election.HaState;
import io.palisade.ops.SessionFilter;
import io.palisade.ops.SessionSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HA2 session state: bulk sync to a late-joining peer, and established sessions surviving a failover. */
class HaSessionSyncTest {
    private static final int FLOWS = 8;

    @TempDir
    Path dir;

    private HaPairHarness pair;

    @BeforeEach
    void setUp() {
        pair = new HaPairHarness(dir);
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void lateJoiningPeerBecomesPassiveAndGetsEverySessionByBulkSync() {
        HaTestNode a = pair.start(pair.a());
        Poll.until("A active alone", () -> a.is(HaState.ACTIVE), pair.context(a));
        assertThat(a.reason()).startsWith("Peer not found, going active alone");
        List<TcpFlow> flows = establish(a, FLOWS);

        HaTestNode b = pair.start(pair.b());
        Poll.until(
                "B passive with a complete bulk sync",
                () -> b.is(HaState.PASSIVE) && b.bulkSyncComplete(),
                pair.context(a, b));
        assertThat(b.reason()).isEqualTo("Peer is active");
        Poll.until("B holds every session", () -> peerSessions(b).size() == FLOWS, pair.context(a, b));
        assertThat(peerSessions(b))
                .extracting(SessionSummary::sourcePort)
                .containsExactlyInAnyOrderElementsOf(
                        flows.stream().map(TcpFlow::clientPort).toList());
        var sync = b.ops().haStateSynchronization();
        assertThat(sync.bulkSync()).isEqualTo("complete");
        assertThat(sync.sessionsFromPeer()).isGreaterThanOrEqualTo(FLOWS);
        // The active's own sessions are its own, not the peer's.
        assertThat(a.ops().sessions(SessionFilter.ALL, 100)).hasSize(FLOWS).noneMatch(SessionSummary::syncedFromPeer);
    }

    @Test
    void establishedSessionsSurviveFailoverAndTheirNextSegmentIsForwarded() {
        // Two workers per node: the receiver routes each session to its owner worker, packets are handed off.
        HaTestNode[] nodes = pair.startPair(pair.a().withWorkers(2), pair.b().withWorkers(2));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        List<TcpFlow> flows = establish(a, FLOWS);
        Poll.until("B holds every session", () -> peerSessions(b).size() == FLOWS, pair.context(a, b));

        a.crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));
        assertThat(b.node.configService().running().config().session().tcpRejectNonSyn())
                .isTrue();

        MemoryPort trust = b.port(HaPairHarness.TRUST);
        MemoryPort untrust = b.port(HaPairHarness.UNTRUST);
        trust.drainSent();
        untrust.drainSent();
        long nonSynBefore = counter(b, "flow_tcp_non_syn_drop");
        List<byte[]> c2s = new ArrayList<>();
        List<byte[]> s2c = new ArrayList<>();
        for (TcpFlow f : flows) {
            c2s.add(f.clientData("after failover " + f.clientPort()));
            s2c.add(f.serverData("reply " + f.clientPort()));
        }
        c2s.forEach(trust::inject);
        s2c.forEach(untrust::inject);
        List<byte[]> outUntrust = new ArrayList<>();
        List<byte[]> outTrust = new ArrayList<>();
        Poll.until(
                "every mid-stream segment forwarded by B",
                () -> {
                    outUntrust.addAll(untrust.drainSent());
                    outTrust.addAll(trust.drainSent());
                    return outUntrust.size() >= FLOWS && outTrust.size() >= FLOWS;
                },
                pair.context(b));
        assertThat(c2s).allMatch(f -> TcpFlow.containsFrame(outUntrust, f));
        assertThat(s2c).allMatch(f -> TcpFlow.containsFrame(outTrust, f));
        assertThat(counter(b, "flow_tcp_non_syn_drop")).isEqualTo(nonSynBefore);

        // Control: a mid-stream segment of a flow B never heard of is dropped as non-SYN.
        trust.inject(TcpFlow.number(99).clientData("unknown flow"));
        Poll.until(
                "the unknown flow's segment dropped as non-SYN",
                () -> counter(b, "flow_tcp_non_syn_drop") == nonSynBefore + 1,
                pair.context(b));
        assertThat(untrust.drainSent()).isEmpty();
    }

    /** Runs {@code count} handshakes through the active node and waits until it forwarded all of them. */
    private List<TcpFlow> establish(HaTestNode active, int count) {
        MemoryPort trust = active.port(HaPairHarness.TRUST);
        MemoryPort untrust = active.port(HaPairHarness.UNTRUST);
        List<TcpFlow> flows =
                IntStream.range(0, count).mapToObj(TcpFlow::number).toList();
        for (TcpFlow f : flows) {
            f.handshake(trust, untrust);
        }
        List<byte[]> outUntrust = new ArrayList<>();
        List<byte[]> outTrust = new ArrayList<>();
        Poll.until(
                "the handshakes forwarded by " + active.name(),
                () -> {
                    outUntrust.addAll(untrust.drainSent());
                    outTrust.addAll(trust.drainSent());
                    return outUntrust.size() >= 2 * count && outTrust.size() >= count;
                },
                pair.context(active));
        for (TcpFlow f : flows) {
            assertThat(TcpFlow.containsFrame(outUntrust, f.syn())).isTrue();
            assertThat(TcpFlow.containsFrame(outTrust, f.synAck())).isTrue();
            assertThat(TcpFlow.containsFrame(outUntrust, f.ack())).isTrue();
        }
        Poll.until(
                "sessions established on " + active.name(),
                () -> active.ops().sessions(SessionFilter.ALL, 100).size() == count,
                pair.context(active));
        return flows;
    }

    private static List<SessionSummary> peerSessions(HaTestNode n) {
        return n.ops().sessions(SessionFilter.ALL, 100).stream()
                .filter(SessionSummary::syncedFromPeer)
                .toList();
    }

    private static long counter(HaTestNode n, String name) {
        return n.node.dataplane().counterTotals().getOrDefault(name, 0L);
    }
}

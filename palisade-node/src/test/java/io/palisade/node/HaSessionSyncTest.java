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
    private static final long RESEND_MS = 500;

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
        long nonSynBefore = counter(b, "flow_tcp_non_syn_drop");
        assertForwarded(b, flows, "by B");
        assertThat(counter(b, "flow_tcp_non_syn_drop")).isEqualTo(nonSynBefore);

        // Control: a mid-stream segment of a flow B never heard of is dropped as non-SYN.
        trust.inject(TcpFlow.number(99).clientData("unknown flow"));
        Poll.until(
                "the unknown flow's segment dropped as non-SYN",
                () -> counter(b, "flow_tcp_non_syn_drop") == nonSynBefore + 1,
                pair.context(b));
        assertThat(untrust.drainSent()).isEmpty();
    }

    @Test
    void sessionsSurviveAFailoverAndTheFailbackToTheRestartedPreferredNode() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode b = nodes[1];
        List<TcpFlow> flows = establish(nodes[0], FLOWS);
        Poll.until("B holds every session", () -> peerSessions(b).size() == FLOWS, pair.context(b));
        nodes[0].crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));
        assertForwarded(b, flows, "on B");
        // New connections while A is away: B's own sessions.
        List<TcpFlow> newFlows = establish(b, FLOWS, 4);

        // A restarts with an empty session table, becomes passive, gets B's sessions (those B picked up from A
        // and those it created), and preempts.
        HaTestNode a = pair.start(pair.a());
        Poll.until("A active again by preemption", () -> a.is(HaState.ACTIVE), pair.context(a, b));
        assertThat(a.reason()).startsWith("Preempting lower priority peer");
        assertThat(a.ops().sessions(SessionFilter.ALL, 100)).hasSize(FLOWS + 4);
        assertForwarded(a, flows, "back on A");
        assertForwarded(a, newFlows, "created on B, now on A");
    }

    @Test
    void thePassiveForwardsNothing() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode b = nodes[1];
        MemoryPort trust = b.port(HaPairHarness.TRUST);
        MemoryPort untrust = b.port(HaPairHarness.UNTRUST);
        long before = counter(b, "flow_ha_not_active");
        trust.inject(TcpFlow.number(1).syn());
        Poll.until(
                "B counted the SYN as not forwarded", () -> counter(b, "flow_ha_not_active") > before, pair.context(b));
        assertThat(untrust.drainSent()).isEmpty();
        assertThat(b.ops().sessions(SessionFilter.ALL, 10)).isEmpty();
    }

    /** Injects a mid-stream segment of each flow in both directions and checks that the node forwards them. */
    private void assertForwarded(HaTestNode n, List<TcpFlow> flows, String tag) {
        MemoryPort trust = n.port(HaPairHarness.TRUST);
        MemoryPort untrust = n.port(HaPairHarness.UNTRUST);
        trust.drainSent();
        untrust.drainSent();
        List<byte[]> c2s = new ArrayList<>();
        List<byte[]> s2c = new ArrayList<>();
        for (TcpFlow f : flows) {
            c2s.add(f.clientData("data " + tag + " " + f.clientPort()));
            s2c.add(f.serverData("reply " + tag + " " + f.clientPort()));
        }
        c2s.forEach(trust::inject);
        s2c.forEach(untrust::inject);
        List<byte[]> outUntrust = new ArrayList<>();
        List<byte[]> outTrust = new ArrayList<>();
        Poll.untilResending(
                "every mid-stream segment forwarded " + tag,
                () -> {
                    missing(c2s, outUntrust).forEach(trust::inject);
                    missing(s2c, outTrust).forEach(untrust::inject);
                },
                RESEND_MS,
                () -> {
                    outUntrust.addAll(untrust.drainSent());
                    outTrust.addAll(trust.drainSent());
                    return missing(c2s, outUntrust).isEmpty()
                            && missing(s2c, outTrust).isEmpty();
                },
                () -> pair.describe(n) + "  counters: " + n.node.dataplane().counterTotals());
    }

    private static List<byte[]> missing(List<byte[]> frames, List<byte[]> seen) {
        return frames.stream().filter(f -> !TcpFlow.containsFrame(seen, f)).toList();
    }

    /**
     * Runs {@code count} handshakes through the active node, one step at a time as real endpoints would (the
     * server answers a SYN it has received), and waits until the node forwarded each step.
     */
    private List<TcpFlow> establish(HaTestNode active, int count) {
        return establish(active, 0, count);
    }

    /** Flows number {@code first} to {@code first + count - 1}. */
    private List<TcpFlow> establish(HaTestNode active, int first, int count) {
        MemoryPort trust = active.port(HaPairHarness.TRUST);
        MemoryPort untrust = active.port(HaPairHarness.UNTRUST);
        List<TcpFlow> flows =
                IntStream.range(first, first + count).mapToObj(TcpFlow::number).toList();
        step(active, trust, untrust, flows.stream().map(TcpFlow::syn).toList(), "SYN");
        step(active, untrust, trust, flows.stream().map(TcpFlow::synAck).toList(), "SYN-ACK");
        step(active, trust, untrust, flows.stream().map(TcpFlow::ack).toList(), "ACK");
        Poll.until(
                "sessions established on " + active.name(),
                () -> {
                    var ports = active.ops().sessions(SessionFilter.ALL, 100).stream()
                            .map(SessionSummary::sourcePort)
                            .toList();
                    return flows.stream().allMatch(f -> ports.contains(f.clientPort()));
                },
                pair.context(active));
        return flows;
    }

    private void step(HaTestNode n, MemoryPort in, MemoryPort out, List<byte[]> frames, String what) {
        frames.forEach(in::inject);
        List<byte[]> sent = new ArrayList<>();
        Poll.untilResending(
                "every " + what + " forwarded by " + n.name(),
                () -> missing(frames, sent).forEach(in::inject),
                RESEND_MS,
                () -> {
                    sent.addAll(out.drainSent());
                    return missing(frames, sent).isEmpty();
                },
                () -> pair.describe(n) + "  counters: " + n.node.dataplane().counterTotals());
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

package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.port.MemoryPort;
import io.palisade.ha.election.HaState;
import io.palisade.ops.SessionFilter;
import io.palisade.ops.SessionSummary;
import io.palisade.testkit.packets.FrameBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A layer-3 pair with source NAT (dynamic-ip-and-port to the outside interface address): translated sessions
 * survive a failover, new sessions on the node that took over get translations of their own, and the neighbours
 * the active node knew are known to the one that takes over.
 */
class HaNatFailoverTest {
    private static final int FLOWS = 6;
    private static final int CLIENT_ISN = 1000;
    private static final int SERVER_ISN = 70_000;
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

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2})
    void translatedSessionsSurviveFailoverAndNewSessionsGetTheirOwnPorts(int workers) {
        HaTestNode[] nodes = pair.startPair(
                pair.a().withLayer3Nat(true).withWorkers(workers),
                pair.b().withLayer3Nat(true).withWorkers(workers));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        announceHosts(a);
        int[] natPorts = new int[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            natPorts[i] = connect(a, i);
        }
        assertThat(Arrays.stream(natPorts).distinct()).hasSize(FLOWS);
        Poll.until("B holds every session", () -> peerSessions(b) == FLOWS, pair.context(a, b));

        a.crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));
        announceHosts(b); // neighbour sync is the other test's subject

        // The old connections go on with the same translation, in both directions.
        for (int i = 0; i < FLOWS; i++) {
            int port = natPorts[i];
            int client = i;
            expectOut(
                    b,
                    HaPairHarness.TRUST,
                    L3Hosts.c2s(i, FrameBuilder.PSH | FrameBuilder.ACK, CLIENT_ISN + 1, SERVER_ISN + 1, "more"),
                    HaPairHarness.UNTRUST,
                    t -> t.srcIp().equals(L3Hosts.FW_OUTSIDE) && t.srcPort() == port,
                    "flow " + i + " client data with its translation");
            expectOut(
                    b,
                    HaPairHarness.UNTRUST,
                    L3Hosts.s2c(port, FrameBuilder.PSH | FrameBuilder.ACK, SERVER_ISN + 1, CLIENT_ISN + 5, "reply"),
                    HaPairHarness.TRUST,
                    t -> t.dstIp().equals(L3Hosts.client(client)) && t.dstPort() == L3Hosts.clientPort(client),
                    "flow " + i + " server data back to its client");
        }

        // New connections on B must not reuse a translation that a taken-over session holds: the server would
        // answer the new connection into an old one.
        for (int i = FLOWS; i < 2 * FLOWS; i++) {
            announceClient(b, i);
            int port = connect(b, i);
            assertThat(natPorts).as("translated port of new flow %d", i).doesNotContain(port);
        }
    }

    @Test
    void theNodeThatTakesOverKnowsTheNeighboursOfTheActive() {
        HaTestNode[] nodes =
                pair.startPair(pair.a().withLayer3Nat(true), pair.b().withLayer3Nat(true));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        announceHosts(a);
        int natPort = connect(a, 0);
        Poll.until("B holds the session", () -> peerSessions(b) == 1, pair.context(a, b));
        // The passive learns the active's neighbours over HA2 (ARP table sync).
        Poll.until(
                "B knows A's neighbours",
                () -> b.node.dataplane().neighbors().size()
                        == a.node.dataplane().neighbors().size(),
                () -> pair.describe(a, b) + "  A "
                        + a.node.dataplane().neighbors().entries() + "\n  B "
                        + b.node.dataplane().neighbors().entries() + "\n  B's peer records "
                        + b.node.sessionSync().ha2().peerRecords().all());
        assertThat(b.node.dataplane().neighbors().size()).isEqualTo(FLOWS + 1);

        a.crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));
        // No host announces itself again: the first segment after the failover must go straight out.
        MemoryPort untrust = b.port(HaPairHarness.UNTRUST);
        untrust.drainSent();
        b.port(HaPairHarness.TRUST)
                .inject(L3Hosts.c2s(0, FrameBuilder.PSH | FrameBuilder.ACK, CLIENT_ISN + 1, SERVER_ISN + 1, "x"));
        List<byte[]> out = new ArrayList<>();
        // The takeover's gratuitous ARP may come out after the drain above: wait for the segment or an ARP request.
        Poll.until(
                "B sent the segment, or asked for the server's MAC",
                () -> {
                    out.addAll(untrust.drainSent());
                    return out.stream().anyMatch(f -> L3Hosts.parse(f) != null)
                            || !L3Hosts.arpRequests(out).isEmpty();
                },
                pair.context(b));
        assertThat(L3Hosts.arpRequests(out))
                .as("ARP requests after the failover")
                .isEmpty();
        assertThat(out).map(L3Hosts::parse).anySatisfy(t -> {
            assertThat(t).isNotNull();
            assertThat(t.srcPort()).isEqualTo(natPort);
            assertThat(t.dstMac()).isEqualTo(L3Hosts.SERVER_MAC);
        });
    }

    /** The server and the first clients announce themselves (ARP), as hosts on a LAN do. */
    private void announceHosts(HaTestNode n) {
        n.port(HaPairHarness.UNTRUST).inject(L3Hosts.arpFromServer());
        for (int i = 0; i < FLOWS; i++) {
            announceClient(n, i);
        }
        Poll.until(
                n.name() + " knows the hosts",
                () -> n.node.dataplane().neighbors().size() >= FLOWS + 1,
                pair.context(n));
    }

    private void announceClient(HaTestNode n, int i) {
        n.port(HaPairHarness.TRUST).inject(L3Hosts.arpFromClient(i));
    }

    /** Runs a handshake of client {@code i} through {@code n}; returns the translated source port. */
    private int connect(HaTestNode n, int i) {
        L3Hosts.Tcp syn = expectOut(
                n,
                HaPairHarness.TRUST,
                L3Hosts.c2s(i, FrameBuilder.SYN, CLIENT_ISN, 0, ""),
                HaPairHarness.UNTRUST,
                t -> t.srcIp().equals(L3Hosts.FW_OUTSIDE) && t.dstIp().equals(L3Hosts.SERVER),
                "SYN of client " + i + " translated");
        int port = syn.srcPort();
        expectOut(
                n,
                HaPairHarness.UNTRUST,
                L3Hosts.s2c(port, FrameBuilder.SYN | FrameBuilder.ACK, SERVER_ISN, CLIENT_ISN + 1, ""),
                HaPairHarness.TRUST,
                t -> t.dstIp().equals(L3Hosts.client(i)) && t.dstPort() == L3Hosts.clientPort(i),
                "SYN-ACK to client " + i);
        expectOut(
                n,
                HaPairHarness.TRUST,
                L3Hosts.c2s(i, FrameBuilder.ACK, CLIENT_ISN + 1, SERVER_ISN + 1, ""),
                HaPairHarness.UNTRUST,
                t -> t.srcPort() == port,
                "ACK of client " + i);
        return port;
    }

    /** Injects {@code frame} on {@code in} and waits for a matching TCP segment on {@code out}. */
    private L3Hosts.Tcp expectOut(
            HaTestNode n, String in, byte[] frame, String out, Predicate<L3Hosts.Tcp> match, String what) {
        MemoryPort outPort = n.port(out);
        outPort.drainSent();
        n.port(in).inject(frame);
        List<L3Hosts.Tcp> seen = new ArrayList<>();
        Poll.untilResending(
                what,
                () -> n.port(in).inject(frame),
                RESEND_MS,
                () -> {
                    outPort.drainSent().stream()
                            .map(L3Hosts::parse)
                            .filter(t -> t != null)
                            .forEach(seen::add);
                    return seen.stream().anyMatch(match);
                },
                () -> pair.describe(n) + "  seen " + seen + "\n  counters " + nonZeroCounters(n));
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    private static java.util.Map<String, Long> nonZeroCounters(HaTestNode n) {
        java.util.Map<String, Long> out =
                new java.util.TreeMap<>(n.node.dataplane().counterTotals());
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static long peerSessions(HaTestNode n) {
        return n.ops().sessions(SessionFilter.ALL, 100).stream()
                .filter(SessionSummary::syncedFromPeer)
                .count();
    }
}

package io.palisade.ha.sync;

import static io.palisade.ha.sync.Ha2Node.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.FreePorts;
import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;
import io.palisade.dataplane.session.TcpState;
import java.net.InetAddress;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM over loopback UDP with authenticated frames: replication, bulk sync, records, restarts. */
class Ha2SyncLoopbackTest {

    @Test
    void sessionsReplicateToTheOwningWorkerAndDeletesFollow() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(2);
            Ha2Node b = pair.startB(2);
            await(
                    "both nodes hear each other",
                    () -> a.sync.receiver().contacted() && b.sync.receiver().contacted());
            await("B's bulk sync from A completes", b.sync::bulkSyncComplete);

            a.insert(0, 1000);
            await("B holds A's 1000 sessions", () -> b.sessions() == 1000);
            assertThat(IntStream.range(0, 1000).allMatch(b::has)).isTrue();

            int sample = 3; // NATed
            int owner = b.owner(sample);
            b.workers.run(owner, context -> {
                SessionTable table = context.table(4);
                int rec = TestSessions.find(table, sample);
                assertThat(table.syncState(rec)).isEqualTo(SyncState.FROM_PEER);
                assertThat(table.flags(rec) & SessionFlags.MIDSTREAM).isNotZero();
                assertThat(table.flags(rec) & SessionFlags.NAT_SRC).isNotZero();
                assertThat(table.tcpState(rec)).isEqualTo(TcpState.ESTABLISHED);
                assertThat(table.natRule(rec)).isEqualTo(3);
                assertThat(table.dstPort(rec, SessionTable.S2C)).isEqualTo(20_000 + sample);
                assertThat(table.nextSeq(rec, SessionTable.S2C)).isEqualTo(0x2000_0000 + sample);
            });
            assertThat(b.workers.sessionsFromPeer(0) + b.workers.sessionsFromPeer(1))
                    .isEqualTo(1000);

            for (int i = 0; i < 100; i++) {
                a.delete(i);
            }
            await("B drops the 100 deleted sessions", () -> b.sessions() == 900);
            assertThat(b.has(5)).isFalse();
            assertThat(b.has(500)).isTrue();

            Ha2SyncStatus status = b.sync.status();
            assertThat(status.bulkSync()).isEqualTo("complete");
            assertThat(status.linkStatus()).isEqualTo("up");
            assertThat(status.authentication()).isEqualTo("hmac-sha256 (ecdh)");
            assertThat(status.sessionsFromPeer()).isEqualTo(1000);
            assertThat(status.messagesReceived()).isEqualTo(1100);
            assertThat(a.sync.status().messagesSent()).isEqualTo(1100);
            assertThat(status.framesLost()).isZero();
            assertThat(a.counter(Ha2Counter.MSG_UPSERT_SENT)).isEqualTo(1000);
        }
    }

    @Test
    void aLateJoinerGetsEveryPreExistingSessionByBulkSync() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(2);
            int sessions = 6000;
            a.insert(0, sessions);
            await("A holds its sessions", () -> a.sessions() == sessions);
            assertThat(a.counter(Ha2Counter.MSG_UPSERT_SENT)).isZero();

            Ha2Node b = pair.startB(2);
            await("B's bulk sync completes", b.sync::bulkSyncComplete);

            assertThat(b.sessions()).isEqualTo(sessions);
            for (int w = 0; w < 2; w++) {
                int worker = w;
                long inTable = b.workers.call(
                        worker, context -> (long) context.table(4).size());
                long owned = IntStream.range(0, sessions)
                        .filter(i -> TestSessions.owner(i, 2) == worker)
                        .count();
                assertThat(inTable).isEqualTo(owned).isPositive();
            }
            assertThat(IntStream.range(0, sessions).allMatch(b::has)).isTrue();
            assertThat(a.counter(Ha2Counter.BULK_STARTED)).isEqualTo(2);
            assertThat(b.sync.status().bulkSessions()).isEqualTo(sessions);
            assertThat(b.events(Ha2Event.BulkSyncChanged.class))
                    .extracting(Ha2Event.BulkSyncChanged::state)
                    .contains(BulkSyncState.REQUESTED, BulkSyncState.IN_PROGRESS, BulkSyncState.COMPLETE);
        }
    }

    @Test
    void recordsReplicateAndWithdraw() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(1);
            Ha2Node b = pair.startB(1);
            Ha2Record arp = new Ha2Record.Neighbor(InetAddress.ofLiteral("198.18.0.20"), 0x0200_0000_0014L, 1);
            Ha2Record route = new Ha2Record.Route(
                    InetAddress.ofLiteral("198.51.100.0"), 24, InetAddress.ofLiteral("198.18.0.254"), 1, 10);
            Ha2Record sa = new Ha2Record.IpsecSa(
                    "branch",
                    0x1001,
                    true,
                    Ha2Record.IpsecSa.ESP,
                    InetAddress.ofLiteral("198.18.0.1"),
                    InetAddress.ofLiteral("203.0.113.7"),
                    28_800);
            a.sync.publishRecord(arp);
            a.sync.publishRecord(route);
            a.sync.publishRecord(sa);
            await("B has A's three records", () -> b.sync.peerRecords().size() == 3);
            assertThat(b.sync.peerRecords().table("ipsec-sa")).containsExactly(sa);

            a.sync.withdrawRecord(route);
            await(
                    "the route is withdrawn on B",
                    () -> b.sync.peerRecords().table("route").isEmpty());
            assertThat(b.sync.peerRecords().table("arp")).containsExactly(arp);
        }
    }

    @Test
    void aRestartedPeerIsBulkSyncedAgain() {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node a = pair.startA(2);
            Ha2Node b = pair.startB(2);
            a.insert(0, 500);
            await("B holds A's sessions", () -> b.sessions() == 500);

            b.close();
            Ha2Node b2 = pair.startB(2);
            await("the new B completes a bulk sync", b2.sync::bulkSyncComplete);
            assertThat(b2.sessions()).isEqualTo(500);
            await(
                    "A saw B restart",
                    () -> !a.events(Ha2Event.PeerRestarted.class).isEmpty());
        }
    }

    @Test
    void nodesStartFromTheirHaConfigurationWithCleartextHa1() throws Exception {
        java.net.InetSocketAddress aAddress = new java.net.InetSocketAddress(Ha2Node.A, FreePorts.udp(Ha2Node.A));
        java.net.InetSocketAddress bAddress = new java.net.InetSocketAddress(Ha2Node.B, FreePorts.udp(Ha2Node.B));
        TestWorkers workersA = new TestWorkers(2, 4096);
        TestWorkers workersB = new TestWorkers(2, 4096);
        try (Ha2Sync a = Ha2Sync.fromConfig(
                        config(aAddress, bAddress),
                        2,
                        workersA,
                        Ha2EventListener.NONE,
                        io.palisade.common.NanoClock.SYSTEM);
                Ha2Sync b = Ha2Sync.fromConfig(
                        config(bAddress, aAddress),
                        2,
                        workersB,
                        Ha2EventListener.NONE,
                        io.palisade.common.NanoClock.SYSTEM)) {
            workersA.sink(a.sink());
            workersB.sink(b.sink());
            await("both bulk syncs complete", () -> a.bulkSyncComplete() && b.bulkSyncComplete());
            for (int i = 0; i < 300; i++) {
                int id = i;
                workersA.submit(
                        TestSessions.owner(id, 2),
                        (context, nowNs) -> TestSessions.insert(context, a.sink(), id, nowNs));
            }
            await("B holds A's sessions", () -> b.status().sessionsFromPeer() == 300);
            assertThat(b.status().authentication()).isEqualTo("none");
            assertThat(b.status().transport()).isEqualTo("udp");
            assertThat(b.status().enabled()).isTrue();
        } finally {
            workersA.close();
            workersB.close();
        }
    }

    private static io.palisade.config.model.HaConfig config(
            java.net.InetSocketAddress local, java.net.InetSocketAddress peer) {
        io.palisade.config.model.HaConfig.DataLink ha2 = new io.palisade.config.model.HaConfig.DataLink(
                new io.palisade.config.model.HostPort(local.getAddress(), local.getPort()),
                new io.palisade.config.model.HostPort(peer.getAddress(), peer.getPort()),
                null,
                null);
        return new io.palisade.config.model.HaConfig(
                true,
                1,
                null,
                io.palisade.config.model.HaMode.ACTIVE_PASSIVE,
                null,
                null,
                null,
                null,
                new io.palisade.config.model.HaConfig.Ha1Encryption(false, null, null, null),
                false,
                ha2,
                null,
                new io.palisade.config.model.HaConfig.StateSynchronization(
                        true, io.palisade.config.model.Ha2Transport.UDP, null),
                null,
                true,
                null,
                null,
                null,
                null,
                null);
    }
}

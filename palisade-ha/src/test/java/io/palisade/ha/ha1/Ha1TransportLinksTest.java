package io.palisade.ha.ha1;

import static io.palisade.ha.ha1.Ha1Fixture.A;
import static io.palisade.ha.ha1.Ha1Fixture.B;
import static io.palisade.ha.ha1.Ha1Fixture.C;
import static io.palisade.ha.ha1.Ha1Fixture.FAST;
import static io.palisade.ha.ha1.Ha1Fixture.await;
import static io.palisade.ha.ha1.Ha1Fixture.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.FreePorts;
import io.palisade.common.NanoClock;
import io.palisade.ha.ha1.Ha1Fixture.NodeKeys;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A primary and a backup link into one inbox, and one link to a set of peers. */
class Ha1TransportLinksTest {
    static final InetAddress BACKUP_A = InetAddress.ofLiteral("127.0.1.1");
    static final InetAddress BACKUP_B = InetAddress.ofLiteral("127.0.1.2");

    @TempDir
    static Path keys;

    static NodeKeys keysA;
    static NodeKeys keysB;
    static NodeKeys keysC;

    @BeforeAll
    static void generateKeys() {
        keysA = NodeKeys.generate(keys, "a");
        keysB = NodeKeys.generate(keys, "b");
        keysC = NodeKeys.generate(keys, "c");
    }

    @Test
    void theBackupLinkCarriesOnWhenThePrimaryIsBlocked() {
        Ha1Inbox inboxA = new Ha1Inbox();
        Ha1Inbox inboxB = new Ha1Inbox();
        int primaryB = FreePorts.tcp(B);
        int backupB = FreePorts.tcp(BACKUP_B);
        try (Ha1Transport primaryOfA = start(Ha1Transport.PRIMARY, A, 0, B, primaryB, keysA.pinning(keysB), inboxA);
                Ha1Transport backupOfA =
                        start(Ha1Transport.BACKUP, BACKUP_A, 0, BACKUP_B, backupB, keysA.pinning(keysB), inboxA);
                Ha1Transport primaryOfB = start(
                        Ha1Transport.PRIMARY,
                        B,
                        primaryB,
                        A,
                        primaryOfA.localAddress().getPort(),
                        keysB.pinning(keysA),
                        inboxB);
                Ha1Transport backupOfB = start(
                        Ha1Transport.BACKUP,
                        BACKUP_B,
                        backupB,
                        BACKUP_A,
                        backupOfA.localAddress().getPort(),
                        keysB.pinning(keysA),
                        inboxB)) {
            await(
                    "all four links up",
                    () -> primaryOfA.isUp() && backupOfA.isUp() && primaryOfB.isUp() && backupOfB.isUp());

            primaryOfA.send(new Goodbye("over primary"));
            Ha1Received overPrimary = receive(inboxB);
            backupOfA.send(new Goodbye("over backup"));
            Ha1Received overBackup = receive(inboxB);
            assertThat(overPrimary.link()).isEqualTo("ha1");
            assertThat(overBackup.link()).isEqualTo("ha1-backup");
            assertThat(overBackup.from().getAddress()).isEqualTo(BACKUP_A);

            primaryOfA.faults().setBlocked(true);
            await("primary down on B", () -> !primaryOfB.isUp());
            assertThat(primaryOfA.send(new Goodbye("lost"))).isEqualTo(SendResult.NOT_CONNECTED);
            assertThat(backupOfA.send(new Goodbye("still here"))).isEqualTo(SendResult.QUEUED);
            Ha1Received viaBackup = receive(inboxB);
            assertThat(viaBackup.message()).isEqualTo(new Goodbye("still here"));
            assertThat(viaBackup.link()).isEqualTo("ha1-backup");
            backupOfB.send(new Goodbye("answer"));
            assertThat(receive(inboxA).link()).isEqualTo("ha1-backup");
        }
    }

    @Test
    void oneLinkServesASetOfPeersEachPinnedToItsOwnCertificate() throws Exception {
        Ha1Inbox inboxA = new Ha1Inbox();
        Ha1Inbox inboxB = new Ha1Inbox();
        Ha1Inbox inboxC = new Ha1Inbox();
        int portB = FreePorts.tcp(B);
        int portC = FreePorts.tcp(C);
        List<Ha1Transport.Peer> peersOfA = List.of(
                new Ha1Transport.Peer(new InetSocketAddress(B, portB), keysA.pinning(keysB)),
                new Ha1Transport.Peer(new InetSocketAddress(C, portC), keysA.pinning(keysC)));
        try (Ha1Transport a = Ha1Transport.start(
                        "ha1", new InetSocketAddress(A, 0), peersOfA, inboxA, NanoClock.SYSTEM, FAST);
                Ha1Transport b = start("ha1", B, portB, A, a.localAddress().getPort(), keysB.pinning(keysA), inboxB);
                Ha1Transport c = start("ha1", C, portC, A, a.localAddress().getPort(), keysC.pinning(keysA), inboxC)) {
            await("A connected to both peers", () -> a.isUp() && b.isUp() && c.isUp());
            assertThat(a.status()).hasSize(2);

            assertThat(a.send(new Goodbye("to all"))).isEqualTo(SendResult.QUEUED);
            assertThat(receive(inboxB).message()).isEqualTo(new Goodbye("to all"));
            assertThat(receive(inboxC).message()).isEqualTo(new Goodbye("to all"));

            assertThat(a.peer(C).send(new Goodbye("only c"))).isEqualTo(SendResult.QUEUED);
            assertThat(receive(inboxC).message()).isEqualTo(new Goodbye("only c"));

            b.send(new Goodbye("from b"));
            c.send(new Goodbye("from c"));
            List<InetAddress> senders = new ArrayList<>();
            senders.add(receive(inboxA).from().getAddress());
            senders.add(receive(inboxA).from().getAddress());
            assertThat(senders).containsExactlyInAnyOrder(B, C);
            assertThat(inboxB.poll()).isNull();
        }
    }

    @Test
    void twoPeersOnOneAddressAreRefused() {
        List<Ha1Transport.Peer> twice = List.of(
                new Ha1Transport.Peer(new InetSocketAddress(B, 1000), Ha1Security.cleartext()),
                new Ha1Transport.Peer(new InetSocketAddress(B, 2000), Ha1Security.cleartext()));

        assertThatThrownBy(() -> Ha1Transport.start(
                        "ha1", new InetSocketAddress(A, 0), twice, new Ha1Inbox(), NanoClock.SYSTEM, FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists peer address 127.0.0.2 twice");
    }

    @Test
    void anAddressInUseIsReportedWithTheLinkName() throws Exception {
        try (Ha1Transport first = start("ha1", A, 0, B, 1, Ha1Security.cleartext(), new Ha1Inbox())) {
            int taken = first.localAddress().getPort();
            assertThatThrownBy(() -> Ha1Transport.start(
                            "ha1-backup",
                            new InetSocketAddress(A, taken),
                            List.of(new Ha1Transport.Peer(new InetSocketAddress(B, 1), Ha1Security.cleartext())),
                            new Ha1Inbox(),
                            NanoClock.SYSTEM,
                            FAST))
                    .hasMessageContaining("HA1 link ha1-backup cannot listen on 127.0.0.1:" + taken);
        }
    }

    @Test
    void theInboxDrainsInArrivalOrder() {
        Ha1Inbox inbox = new Ha1Inbox(2);
        assertThat(inbox.offer(received("1"))).isTrue();
        assertThat(inbox.offer(received("2"))).isTrue();
        assertThat(inbox.offer(received("3"))).isFalse();

        List<String> order = new ArrayList<>();
        assertThat(inbox.drain(r -> order.add(((Goodbye) r.message()).reason()), 10))
                .isEqualTo(2);
        assertThat(order).containsExactly("1", "2");
        assertThat(inbox.poll()).isNull();
    }

    @Test
    void aFullInboxDropsAndCountsWhileTheConnectionStaysUp() throws Exception {
        Ha1Inbox tiny = new Ha1Inbox(1);
        try (Ha1Transport a = start("ha1", A, 0, B, FreePorts.tcp(B), Ha1Security.cleartext(), tiny);
                Socket fromB = Ha1Fixture.connectFrom(B, a.localAddress())) {
            for (int i = 0; i < 3; i++) {
                fromB.getOutputStream().write(Ha1Codec.encode(new Goodbye("m" + i)));
            }
            fromB.getOutputStream().flush();

            await("two dropped", () -> a.counters().get(Ha1Counter.INBOX_FULL) == 2);
            assertThat(a.counters().get(Ha1Counter.MSG_RECEIVED)).isEqualTo(1);
            assertThat(tiny.poll().message()).isEqualTo(new Goodbye("m0"));
            fromB.getOutputStream().write(Ha1Codec.encode(new Goodbye("after")));
            assertThat(receive(tiny).message()).isEqualTo(new Goodbye("after"));
        }
    }

    private static Ha1Received received(String reason) {
        return new Ha1Received("ha1", new InetSocketAddress(B, 1), new Goodbye(reason), 0);
    }

    private static Ha1Transport start(
            String name,
            InetAddress local,
            int localPort,
            InetAddress peer,
            int peerPort,
            Ha1Security security,
            Ha1Inbox inbox) {
        return Ha1Fixture.start(
                name,
                new InetSocketAddress(local, localPort),
                new InetSocketAddress(peer, peerPort),
                security,
                inbox,
                FAST);
    }
}

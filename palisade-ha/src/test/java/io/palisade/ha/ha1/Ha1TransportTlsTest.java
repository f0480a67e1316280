package io.palisade.ha.ha1;

import static io.palisade.ha.ha1.Ha1Fixture.A;
import static io.palisade.ha.ha1.Ha1Fixture.B;
import static io.palisade.ha.ha1.Ha1Fixture.C;
import static io.palisade.ha.ha1.Ha1Fixture.FAST;
import static io.palisade.ha.ha1.Ha1Fixture.await;
import static io.palisade.ha.ha1.Ha1Fixture.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import io.palisade.config.model.HaConfig;
import io.palisade.ha.ha1.Ha1Fixture.NodeKeys;
import io.palisade.ha.ha1.Ha1Fixture.Pair;
import io.palisade.ha.ha1.Ha1Message.ConfigSync;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.ha1.Ha1Message.Heartbeat;
import io.palisade.ha.tls.PemFiles;
import io.palisade.ha.tls.PinnedTrustManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes over real loopback sockets with keys from {@code HaKeygen}: who gets in and who does not. */
class Ha1TransportTlsTest {
    @TempDir
    static Path keys;

    static NodeKeys keysA;
    static NodeKeys keysB;
    static NodeKeys intruder;

    @BeforeAll
    static void generateKeys() {
        keysA = NodeKeys.generate(keys, "fw-a");
        keysB = NodeKeys.generate(keys, "fw-b");
        intruder = NodeKeys.generate(keys, "fw-intruder");
    }

    @Test
    void pinnedPeersExchangeMessagesBothWaysOverTls13() throws Exception {
        try (Pair pair = new Pair(keysA.pinning(keysB), keysB.pinning(keysA), FAST).awaitUp()) {
            assertThat(pair.a.send(Ha1Samples.hello())).isEqualTo(SendResult.QUEUED);
            Ha1Received atB = receive(pair.inboxB);
            assertThat(atB.message()).isEqualTo(Ha1Samples.hello());
            assertThat(atB.link()).isEqualTo("ha1");
            assertThat(atB.from().getAddress()).isEqualTo(A);

            Heartbeat heartbeat = new Heartbeat(1, System.nanoTime(), 0, 0, 0);
            assertThat(pair.b.send(heartbeat)).isEqualTo(SendResult.QUEUED);
            Ha1Received atA = receive(pair.inboxA);
            assertThat(atA.message()).isEqualTo(heartbeat);
            assertThat(atA.from().getAddress()).isEqualTo(B);

            // A configuration sync of several MiB crosses in one frame.
            String yaml = "# big\n" + "zone-entry: value\n".repeat(200_000);
            ConfigSync sync = new ConfigSync(3, ConfigDigest.sha256Of(yaml), yaml);
            assertThat(pair.a.send(sync)).isEqualTo(SendResult.QUEUED);
            assertThat(receive(pair.inboxB).message()).isEqualTo(sync);

            // Counters are bumped just after the write and the enqueue, so they may trail the inbox a little.
            await("A counts two sent", () -> pair.a.counters().get(Ha1Counter.MSG_SENT) == 2);
            await("B counts two received", () -> pair.b.counters().get(Ha1Counter.MSG_RECEIVED) == 2);
            assertThat(pair.a.counters().get(Ha1Counter.PEER_AUTH_FAILED)).isZero();
        }
    }

    @Test
    void aPeerWithAnotherCertificateIsRefusedAndLogged() throws Exception {
        try (LogCapture log = LogCapture.attach();
                Pair pair = new Pair(keysA.pinning(keysB), intruder.pinning(keysA), FAST)) {
            await("A refuses the intruder", () -> pair.a.counters().get(Ha1Counter.PEER_AUTH_FAILED) > 0);
            await(
                    "the refusal is logged",
                    () -> log.has(
                            "WARN HA1 peer authentication failed:",
                            "is not the pinned peer certificate",
                            "(from 127.0.0.2:"));
            assertThat(log.has("HA1 peer authentication failed:", "CN=fw-intruder"))
                    .isTrue();

            pair.b.send(new Goodbye("let me in"));
            long refusals = pair.a.counters().get(Ha1Counter.PEER_AUTH_FAILED);
            await("another attempt refused", () -> pair.a.counters().get(Ha1Counter.PEER_AUTH_FAILED) > refusals);
            assertThat(pair.a.status().getFirst().receiving()).isFalse();
            assertThat(pair.a.counters().get(Ha1Counter.MSG_RECEIVED)).isZero();
            assertThat(pair.inboxA.poll()).isNull();
        }
    }

    @Test
    void aConnectionFromAnAddressOtherThanThePeersIsRefusedBeforeTls() throws Exception {
        // The intruder holds B's real key; only its source address (127.0.0.3, B is 127.0.0.2) is wrong.
        try (LogCapture log = LogCapture.attach();
                Pair pair = new Pair(keysA.pinning(keysB), keysB.pinning(keysA), FAST);
                Ha1Transport fromC = Ha1Fixture.start(
                        "ha1",
                        new InetSocketAddress(C, 0),
                        new InetSocketAddress(A, pair.portA),
                        keysB.pinning(keysA),
                        new Ha1Inbox(),
                        FAST)) {
            pair.awaitUp();
            await("A refuses 127.0.0.3", () -> pair.a.counters().get(Ha1Counter.PEER_ADDRESS_REFUSED) > 0);
            assertThat(log.has(
                            "WARN HA1 peer authentication failed: address 127.0.0.3 is not a configured HA1 peer",
                            "(expected 127.0.0.2)",
                            "(from 127.0.0.3:"))
                    .isTrue();
            assertThat(fromC.status().getFirst().sending()).isFalse();
            assertThat(pair.a.counters().get(Ha1Counter.PEER_AUTH_FAILED)).isZero();
            // The genuine peer is unaffected.
            pair.b.send(new Goodbye("still here"));
            assertThat(receive(pair.inboxA).message()).isEqualTo(new Goodbye("still here"));
        }
    }

    @Test
    void aTls12ClientWithTheRightKeyIsRefused() throws Exception {
        try (LogCapture log = LogCapture.attach();
                Pair pair = new Pair(keysA.pinning(keysB), keysB.pinning(keysA), FAST)) {
            SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
            tls12.init(
                    keyManagers(keysB),
                    new TrustManager[] {
                        new PinnedTrustManager(PemFiles.readCertificate(keysA.certificate(), "certificate"))
                    },
                    new SecureRandom());
            try (Socket plain = Ha1Fixture.connectFrom(B, pair.a.localAddress());
                    SSLSocket socket =
                            (SSLSocket) tls12.getSocketFactory().createSocket(plain, "127.0.0.1", pair.portA, true)) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
                await(
                        "A logs the refusal",
                        () -> log.has(
                                "HA1 peer authentication failed: TLS handshake failed:",
                                "(from 127.0.0.2:" + socket.getLocalPort()));
            }
        }
    }

    @Test
    void cleartextAndTlsDoNotTalkToEachOther() throws Exception {
        try (LogCapture log = LogCapture.attach();
                Pair pair = new Pair(keysA.pinning(keysB), Ha1Security.cleartext(), FAST)) {
            await("A (TLS) refuses B's cleartext", () -> pair.a.counters().get(Ha1Counter.PEER_AUTH_FAILED) > 0);
            await("B (cleartext) refuses A's TLS hello", () -> pair.b.counters().get(Ha1Counter.MALFORMED) > 0);
            assertThat(log.has("HA1 malformed message from 127.0.0.1:", "bad magic"))
                    .isTrue();

            pair.b.send(new Goodbye("in the clear"));
            pair.a.send(new Goodbye("encrypted"));
            // B's cleartext side holds each of A's connections until the first bytes arrive; A's TLS side never
            // gets as far as holding one.
            assertThat(pair.a.status().getFirst().receiving()).isFalse();
            assertThat(pair.a.counters().get(Ha1Counter.MSG_RECEIVED)).isZero();
            assertThat(pair.b.counters().get(Ha1Counter.MSG_RECEIVED)).isZero();
        }
    }

    @Test
    void cleartextWorksWhenBothSidesAreConfiguredForIt() {
        HaConfig.Ha1Encryption off = new HaConfig.Ha1Encryption(false, null, null, null);
        try (Pair pair = new Pair(Ha1Security.fromConfig(off), Ha1Security.fromConfig(off), FAST).awaitUp()) {
            pair.a.send(new Goodbye("plain"));
            assertThat(receive(pair.inboxB).message()).isEqualTo(new Goodbye("plain"));
        }
    }

    @Test
    void encryptionIsOnUnlessDisabledInSoManyWords() {
        assertThat(Ha1Security.fromConfig(new HaConfig.Ha1Encryption(false, null, null, null)))
                .isInstanceOf(Ha1Security.Cleartext.class);
        assertThatThrownBy(() -> Ha1Security.fromConfig(null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("enabled: false");
        assertThatThrownBy(() -> Ha1Security.fromConfig(
                        new HaConfig.Ha1Encryption(true, keysA.certificate().toString(), null, null)))
                .isInstanceOf(UserError.class)
                .hasMessage("ha.ha1-encryption.key is missing (HA1 encryption is enabled)");
        assertThatThrownBy(() -> Ha1Security.fromConfig(new HaConfig.Ha1Encryption(
                        true, keysA.certificate().toString(), keysA.key().toString(), "/nonexistent/peer.crt")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("HA1 peer certificate file /nonexistent/peer.crt does not exist");
        assertThat(keysA.pinning(keysB)).isInstanceOf(Ha1Security.Tls.class);
    }

    @Test
    void reconnectsAfterThePeerRestarts() throws Exception {
        try (Pair pair = new Pair(keysA.pinning(keysB), keysB.pinning(keysA), FAST).awaitUp()) {
            long connectsBefore = pair.a.status().getFirst().sendConnects();
            pair.b.close();
            await("A sees B gone", () -> !pair.a.isUp());

            pair.b = pair.startB();
            pair.awaitUp();

            assertThat(pair.a.status().getFirst().sendConnects()).isGreaterThan(connectsBefore);
            pair.a.send(new Goodbye("welcome back"));
            assertThat(receive(pair.inboxB).message()).isEqualTo(new Goodbye("welcome back"));
            pair.b.send(new Goodbye("thanks"));
            assertThat(receive(pair.inboxA).message()).isEqualTo(new Goodbye("thanks"));
        }
    }

    @Test
    void aGoodbyeQueuedJustBeforeCloseStillReachesThePeer() {
        try (Pair pair = new Pair(keysA.pinning(keysB), keysB.pinning(keysA), FAST).awaitUp()) {
            pair.a.send(new Goodbye("shutting down"));
            pair.a.close();

            assertThat(receive(pair.inboxB).message()).isEqualTo(new Goodbye("shutting down"));
            assertThat(pair.a.send(new Goodbye("too late"))).isEqualTo(SendResult.CLOSED);
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(NodeKeys node) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", PemFiles.readPrivateKey(node.key()), new char[0], new Certificate[] {
            PemFiles.readCertificate(node.certificate(), "certificate")
        });
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        return factory.getKeyManagers();
    }
}

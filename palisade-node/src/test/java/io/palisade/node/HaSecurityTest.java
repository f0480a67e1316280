package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.palisade.ha.election.HaState;
import io.palisade.ha.ha1.Ha1Counter;
import io.palisade.ha.ha1.Ha1Transport;
import io.palisade.ha.tls.PinnedTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HA1 authentication (pinned certificates) and robustness against garbage on the HA1 port. */
class HaSecurityTest {
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
    void nodeWithAnUnexpectedCertificateNeverPairs() {
        // A pins a certificate that is not B's: neither direction of HA1 authenticates, nor does HA2's HMAC.
        HaTestNode a = pair.start(pair.a().withPeerCertificate("intruder"));
        HaTestNode b = pair.start(pair.b());

        Poll.until(
                "the refusal logged and counted",
                () -> pair.log.contains("HA1 peer authentication failed")
                        && a.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.PEER_AUTH_FAILED) > 0
                        && b.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.PEER_AUTH_FAILED) > 0,
                pair.context(a, b));
        long dialsBefore = b.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.CONNECTED);
        Poll.holds(
                "no hello or heartbeat ever accepted on either side",
                Duration.ofMillis(2000),
                () -> a.peer() == null && b.peer() == null,
                pair.context(a, b));
        assertThat(a.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.MSG_RECEIVED))
                .isZero();
        assertThat(b.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.MSG_RECEIVED))
                .isZero();
        // A refused dialer backs off (100 ms doubling to 2 s) instead of redialling in a tight loop.
        assertThat(b.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.CONNECTED) - dialsBefore)
                .isLessThan(10);
        assertThat(pair.log.matching("HA1 peer authentication failed"))
                .anyMatch(m -> m.contains("is not the pinned peer certificate"));
        // HA2 frames are keyed from the HA1 key pairs, so they are refused too.
        assertThat(b.node.sessionSync().ha2().counters()).containsKey("ha2_rcv_auth_failed");
        Poll.until(
                "HA2 frames refused by their HMAC",
                () -> b.node.sessionSync().ha2().counters().getOrDefault("ha2_rcv_auth_failed", 0L) > 0,
                pair.context(a, b));
    }

    @Test
    void garbageOnTheHa1PortIsLoggedAndClosedAndThePairStaysHealthy() throws Exception {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        int historyA = a.history().size();
        int historyB = b.history().size();
        InetSocketAddress ha1 = a.ha1Link(Ha1Transport.PRIMARY).localAddress();

        // 1. Plain bytes instead of a TLS handshake: refused as an authentication failure, connection closed.
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            s.connect(ha1, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedByPeer(s.getInputStream());
        }
        Poll.until(
                "the refusal logged",
                () -> pair.log.matching("HA1 peer authentication failed").stream()
                        .anyMatch(m -> m.contains("TLS handshake failed")),
                pair.context(a, b));

        // 2. An authenticated connection (B's key, which the test holds) carrying a frame with a bad magic.
        long malformedBefore = a.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.MALFORMED);
        PinnedTls asB = PinnedTls.load(
                pair.keys().resolve("fw-b.crt"),
                pair.keys().resolve("fw-b.key"),
                pair.keys().resolve("fw-a.crt"));
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress("127.0.0.1", 0));
        plain.connect(ha1, 2000);
        try (SSLSocket tls = asB.client(plain, ha1)) {
            tls.setSoTimeout(5000);
            tls.startHandshake();
            byte[] frame = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0, 1, 0, 1, 0, 0, 0, 4, 1, 2, 3, 4};
            tls.getOutputStream().write(frame);
            tls.getOutputStream().flush();
            assertClosedByPeer(tls.getInputStream());
        }
        Poll.until(
                "the malformed frame logged and counted",
                () -> pair.log.matching("HA1 malformed message from").stream().anyMatch(m -> m.contains("bad magic"))
                        && a.ha1Link(Ha1Transport.PRIMARY).counters().get(Ha1Counter.MALFORMED) > malformedBefore,
                pair.context(a, b));
        // ... and shown with the node's global counters (show counter global), as a drop
        assertThat(a.ops().globalCounters()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("ha1_rcv_malformed");
            assertThat(c.value()).isPositive();
            assertThat(c.severity()).isEqualTo("drop");
        });

        // The pair never noticed: the real peer connection comes back and nobody changed state.
        Poll.until(
                "HA1 up again on both",
                () -> a.ha1Link(Ha1Transport.PRIMARY).isUp()
                        && b.ha1Link(Ha1Transport.PRIMARY).isUp(),
                pair.context(a, b));
        Poll.holds(
                "A active, B passive",
                Duration.ofMillis(1000),
                () -> a.is(HaState.ACTIVE) && b.is(HaState.PASSIVE),
                pair.context(a, b));
        assertThat(a.history()).hasSize(historyA);
        assertThat(b.history()).hasSize(historyB);
    }

    /** The node closed the connection: end of stream, a reset, or a TLS alert; never a timeout. */
    private static void assertClosedByPeer(InputStream in) {
        Throwable t = catchThrowable(() -> {
            byte[] buffer = new byte[256];
            for (int i = 0; i < 100; i++) {
                if (in.read(buffer) < 0) {
                    return;
                }
            }
            throw new AssertionError("the node kept sending data instead of closing");
        });
        if (t != null) {
            assertThat(t).isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
        }
    }
}

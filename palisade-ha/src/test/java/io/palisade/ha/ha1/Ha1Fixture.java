package io.palisade.ha.ha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.palisade.common.FreePorts;
import io.palisade.common.NanoClock;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HostPort;
import io.palisade.ha.tls.HaKeygen;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback HA1 nodes for transport tests: every 127.0.0.x address is on lo, ports are free ones. */
final class Ha1Fixture {
    static final InetAddress A = InetAddress.ofLiteral("127.0.0.1");
    static final InetAddress B = InetAddress.ofLiteral("127.0.0.2");
    static final InetAddress C = InetAddress.ofLiteral("127.0.0.3");
    /** Short reconnect backoff so that reconnect tests do not wait long; nothing asserts on speed. */
    static final Ha1Options FAST = Ha1Options.DEFAULTS.withReconnect(20, 200);
    /** Bound of every wait: far above what loopback needs, so only a real failure reaches it. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Ha1Fixture() {}

    /** The key pair of a node, generated with {@link HaKeygen} into a temporary directory. */
    record NodeKeys(Path certificate, Path key) {
        static NodeKeys generate(Path dir, String name) {
            HaKeygen.Generated generated = HaKeygen.generate(dir, name, false);
            return new NodeKeys(generated.certificateFile(), generated.keyFile());
        }

        /** TLS for this node pinning {@code peer}, loaded the way the node loads its configuration. */
        Ha1Security pinning(NodeKeys peer) {
            return Ha1Security.fromConfig(new HaConfig.Ha1Encryption(
                    true,
                    certificate.toString(),
                    key.toString(),
                    peer.certificate().toString()));
        }
    }

    /** Starts one node's link from an HA1 link configuration. */
    static Ha1Transport start(
            String name,
            InetSocketAddress local,
            InetSocketAddress peer,
            Ha1Security security,
            Ha1Inbox inbox,
            Ha1Options options) {
        HaConfig.Ha1Link link = new HaConfig.Ha1Link(
                new HostPort(local.getAddress(), local.getPort()),
                new HostPort(peer.getAddress(), peer.getPort()),
                3000);
        try {
            return Ha1Transport.startPair(name, link, security, inbox, NanoClock.SYSTEM, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two nodes A (127.0.0.1) and B (127.0.0.2) connected over one link. */
    static final class Pair implements AutoCloseable {
        final Ha1Inbox inboxA = new Ha1Inbox();
        final Ha1Inbox inboxB = new Ha1Inbox();
        final int portB;
        final Ha1Transport a;
        final int portA;
        final Ha1Security securityB;
        final Ha1Options options;
        Ha1Transport b;

        Pair(Ha1Security securityA, Ha1Security securityB, Ha1Options options) {
            this.securityB = securityB;
            this.options = options;
            portB = FreePorts.tcp(B);
            a = start(
                    Ha1Transport.PRIMARY,
                    new InetSocketAddress(A, 0),
                    new InetSocketAddress(B, portB),
                    securityA,
                    inboxA,
                    options);
            portA = a.localAddress().getPort();
            b = startB();
        }

        Ha1Transport startB() {
            return start(
                    Ha1Transport.PRIMARY,
                    new InetSocketAddress(B, portB),
                    new InetSocketAddress(A, portA),
                    securityB,
                    inboxB,
                    options);
        }

        Pair awaitUp() {
            await("both nodes connected both ways", () -> a.isUp() && b.isUp());
            return this;
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            sleep(10);
        }
    }

    static Ha1Received receive(Ha1Inbox inbox) {
        try {
            Ha1Received received = inbox.poll(PATIENCE);
            assertThat(received).as("a message within " + PATIENCE).isNotNull();
            return received;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A plain TCP connection from {@code source} (any port) to {@code target}. */
    static Socket connectFrom(InetAddress source, InetSocketAddress target) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(target, 5000);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    /** The other end closed the connection: end of stream (or a reset), never a timeout. */
    static void assertClosedByPeer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            for (int i = 0; i < 1_000_000; i++) {
                if (in.read() < 0) {
                    return;
                }
            }
            fail("the peer kept sending instead of closing");
        } catch (java.net.SocketTimeoutException e) {
            fail("the peer did not close the connection within " + PATIENCE);
        } catch (IOException e) {
            // A reset is a close too.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

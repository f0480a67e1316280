package io.palisade.ha.ha1;

import io.palisade.common.NanoClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HA peer over one HA1 link. Symmetric: this node sends on the connection it dials and receives on the
 * connection the peer dials (which its {@link Ha1Transport} accepts and hands over), so neither side needs a
 * tie-break to decide who connects, and each direction reconnects on its own.
 *
 * <pre>
 *   send() ──▶ outbound queue ──▶ writer thread ──▶ dialed connection ──▶ peer
 *   peer ──▶ accepted connection ──▶ reader thread (decode) ──▶ Ha1Inbox ──▶ HA agent (drains)
 *   dialer thread: connect, handshake, then wait for the dialed connection to end; back off; repeat
 * </pre>
 *
 * Every thread is virtual and none touches HA state: readers only decode and enqueue.
 */
public final class Ha1PeerChannel {
    private static final Logger LOG = LoggerFactory.getLogger(Ha1PeerChannel.class);
    private static final long BLOCKED_POLL_MS = 20;
    private static final long WRITER_POLL_MS = 100;
    private static final Duration THREAD_JOIN = Duration.ofSeconds(2);

    private final String link;
    private final InetSocketAddress local;
    private final InetSocketAddress peer;
    private final Ha1Security security;
    private final Ha1Inbox inbox;
    private final NanoClock clock;
    private final Ha1Options options;
    private final Ha1Faults faults;
    private final Ha1Counters counters;
    private final RepeatFilter dialFailures = new RepeatFilter();
    private final RepeatFilter acceptFailures = new RepeatFilter();
    private final BlockingQueue<Outbound> outbound;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicReference<Ha1Connection> sending = new AtomicReference<>();
    private final AtomicReference<Ha1Connection> receiving = new AtomicReference<>();
    private final AtomicLong sendConnects = new AtomicLong();
    private final AtomicLong receiveConnects = new AtomicLong();
    /** Wakes the dialer from its backoff when the peer connects to us (it is evidently up). */
    private final Semaphore redial = new Semaphore(0);

    private volatile boolean acceptingSends = true;
    private volatile boolean running = true;
    private Thread dialer;
    private Thread writer;

    /** A frame waiting for the writer, and the time before which the delay fault holds it back. */
    private record Outbound(byte[] frame, long dueNs) {}

    Ha1PeerChannel(
            String link,
            InetSocketAddress local,
            InetSocketAddress peer,
            Ha1Security security,
            Ha1Inbox inbox,
            NanoClock clock,
            Ha1Options options,
            Ha1Faults faults,
            Ha1Counters counters) {
        this.link = link;
        this.local = local;
        this.peer = peer;
        this.security = security;
        this.inbox = inbox;
        this.clock = clock;
        this.options = options;
        this.faults = faults;
        this.counters = counters;
        this.outbound = new ArrayBlockingQueue<>(options.outboundQueueCapacity());
    }

    void start() {
        String suffix = link + "-" + Ha1Connection.format(peer);
        dialer = Thread.ofVirtual().name("ha1-dialer-" + suffix).start(this::dialLoop);
        writer = Thread.ofVirtual().name("ha1-writer-" + suffix).start(this::writeLoop);
    }

    /** The peer's HA1 address. */
    public InetSocketAddress peer() {
        return peer;
    }

    /**
     * Queues a message for this peer. Never blocks: without a connection, or with the queue full, the message
     * is dropped and counted (hellos and heartbeats are periodic; the agent retries what needs an answer).
     */
    public SendResult send(Ha1Message message) {
        byte[] frame;
        try {
            frame = Ha1Codec.encode(message);
        } catch (IllegalArgumentException e) {
            counters.increment(Ha1Counter.SEND_REJECTED);
            LOG.warn("HA1 link {}: message to {} not sent: {}", link, Ha1Connection.format(peer), e.getMessage());
            return SendResult.REJECTED;
        }
        return sendFrame(frame);
    }

    /** Queues an encoded frame (the transport encodes once for every peer). */
    SendResult sendFrame(byte[] frame) {
        if (!acceptingSends) {
            return SendResult.CLOSED;
        }
        if (faults.blocked() || sending.get() == null) {
            counters.increment(Ha1Counter.SEND_NOT_CONNECTED);
            return SendResult.NOT_CONNECTED;
        }
        long dueNs = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(faults.outboundDelayMs());
        pendingFrames.incrementAndGet();
        if (!outbound.offer(new Outbound(frame, dueNs))) {
            pendingFrames.decrementAndGet();
            counters.increment(Ha1Counter.SEND_QUEUE_FULL);
            return SendResult.QUEUE_FULL;
        }
        return SendResult.QUEUED;
    }

    /** Connection state in both directions. */
    public Ha1PeerStatus status() {
        return new Ha1PeerStatus(
                link, peer, sending.get() != null, receiving.get() != null, sendConnects.get(), receiveConnects.get());
    }

    // ---- sending: dialer and writer --------------------------------------------------------------------------

    private void dialLoop() {
        long backoffMs = options.reconnectMinMs();
        while (running) {
            if (faults.blocked()) {
                pause(BLOCKED_POLL_MS);
                continue;
            }
            redial.drainPermits(); // only a connection from the peer during this attempt or its backoff counts
            Ha1Connection connection = dial();
            if (connection == null) {
                // A peer that starts after us is dialed only when the backoff (up to 2 s) runs out, and until then
                // it hears nothing from us: its negotiation timeout could expire and it would go active next to us
                // (HaFailoverTest saw this). Its connection to us shows it is up, so that wakes us at once.
                boolean woken = awaitRedial(backoffMs);
                backoffMs = woken ? options.reconnectMinMs() : Math.min(backoffMs * 2, options.reconnectMaxMs());
                continue;
            }
            sending.set(connection);
            // Re-checked after publishing: a concurrent block or close either sees this connection or is seen.
            if (!running || faults.blocked()) {
                sending.compareAndSet(connection, null);
                connection.close();
                continue;
            }
            sendConnects.incrementAndGet();
            counters.increment(Ha1Counter.CONNECTED);
            LOG.info("HA1 link {}: sending to peer {}", link, Ha1Connection.format(peer));
            Ended ended = watch(connection);
            sending.compareAndSet(connection, null);
            if (ended.refused()) {
                // In TLS 1.3 the peer refuses our certificate after our side of the handshake: the dial looked
                // successful, so without this the dialer reconnected at once, in a tight loop (a handshake and a
                // warning every few milliseconds, HaSecurityTest). A refusal is a failed dial: back off.
                connection.close();
                LOG.debug("HA1 link {}: peer {} refused us: {}", link, Ha1Connection.format(peer), ended.reason());
                boolean woken = awaitRedial(backoffMs);
                backoffMs = woken ? options.reconnectMinMs() : Math.min(backoffMs * 2, options.reconnectMaxMs());
                continue;
            }
            backoffMs = options.reconnectMinMs();
            connectionEnded(connection, "sending to", ended.reason());
        }
    }

    /** How a dialed connection ended; {@code refused} when the peer's TLS refused our certificate. */
    private record Ended(String reason, boolean refused) {}

    private Ha1Connection dial() {
        Socket plain = new Socket();
        try {
            Ha1Connection.tune(plain);
            // The peer pins our HA1 address: connect from it, not from whatever the route picks.
            if (!local.getAddress().isAnyLocalAddress()) {
                plain.bind(new InetSocketAddress(local.getAddress(), 0));
            }
            plain.connect(peer, options.connectTimeoutMs());
            return new Ha1Connection(security.secureClient(plain, peer, options.handshakeTimeoutMs()), peer);
        } catch (PeerAuthenticationException e) {
            authFailed(dialFailures, e.getMessage(), "to", peer);
        } catch (IOException e) {
            counters.increment(Ha1Counter.CONNECT_FAILED);
            String reason = Ha1Connection.rootMessage(e);
            if (dialFailures.warn("connect " + reason)) {
                LOG.info("HA1 link {}: cannot connect to peer {}: {}", link, Ha1Connection.format(peer), reason);
            } else {
                LOG.debug("HA1 link {}: cannot connect to peer {}: {}", link, Ha1Connection.format(peer), reason);
            }
        }
        Ha1Connection.closeQuietly(plain);
        return null;
    }

    /**
     * Blocks until the dialed connection ends. Nothing is expected on it, so a read returns only at its end;
     * reading also delivers a TLS alert, e.g. the peer refusing our certificate after the handshake.
     */
    private Ended watch(Ha1Connection connection) {
        try {
            if (connection.in().read() < 0) {
                // Not reset on connecting: in TLS 1.3 the peer refuses our certificate only after our side of
                // the handshake is done, and those refusals must not each count as a first.
                dialFailures.reset();
                return new Ended("closed by the peer", false);
            }
            counters.increment(Ha1Counter.MALFORMED);
            LOG.warn(
                    "HA1 malformed message from {}: data on the connection this node sends on",
                    Ha1Connection.format(connection.remote()));
            return new Ended("unexpected data from the peer", false);
        } catch (SSLException e) {
            if (connection.isClosed()) {
                return new Ended("closed", false);
            }
            authFailed(dialFailures, "TLS failure: " + Ha1Connection.rootMessage(e), "to", peer);
            return new Ended(Ha1Connection.rootMessage(e), true);
        } catch (IOException e) {
            dialFailures.reset();
            return new Ended(Ha1Connection.rootMessage(e), false);
        }
    }

    private void writeLoop() {
        while (running) {
            Outbound next;
            try {
                next = outbound.poll(WRITER_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) {
                try {
                    write(next);
                } finally {
                    pendingFrames.decrementAndGet();
                }
            }
        }
    }

    private void write(Outbound next) {
        long holdNs = next.dueNs() - clock.nanoTime();
        if (holdNs > 0 && !sleep(Duration.ofNanos(holdNs))) {
            return;
        }
        if (faults.dropOutbound()) {
            counters.increment(Ha1Counter.FAULT_DROP_OUT);
            return;
        }
        Ha1Connection connection = sending.get();
        if (connection == null) {
            counters.increment(Ha1Counter.SEND_NOT_CONNECTED);
            return;
        }
        try {
            connection.write(next.frame());
            counters.increment(Ha1Counter.MSG_SENT);
        } catch (IOException e) {
            counters.increment(Ha1Counter.WRITE_ERROR);
            LOG.debug("HA1 link {}: write to {} failed: {}", link, Ha1Connection.format(peer), e.getMessage());
            // The dialer's watch sees the close, reports the loss and reconnects.
            connection.close();
        }
    }

    // ---- receiving: connections the transport accepted from this peer's address ------------------------------

    /** Takes over a socket accepted from this peer's address; handshake and reading run on a new thread. */
    void onAccepted(Socket plain) {
        Thread.ofVirtual()
                .name("ha1-reader-" + link + "-" + Ha1Connection.format(peer))
                .start(() -> serve(plain));
    }

    private void serve(Socket plain) {
        InetSocketAddress from = (InetSocketAddress) plain.getRemoteSocketAddress();
        if (!running || faults.blocked()) {
            if (running) {
                counters.increment(Ha1Counter.FAULT_BLOCKED);
            }
            Ha1Connection.closeQuietly(plain);
            return;
        }
        Ha1Connection connection;
        try {
            Ha1Connection.tune(plain);
            connection = new Ha1Connection(security.secureServer(plain, options.handshakeTimeoutMs()), from);
        } catch (PeerAuthenticationException e) {
            authFailed(acceptFailures, e.getMessage(), "from", from);
            Ha1Connection.closeQuietly(plain);
            return;
        } catch (IOException e) {
            LOG.debug("HA1 link {}: connection from {} failed: {}", link, Ha1Connection.format(from), e.getMessage());
            Ha1Connection.closeQuietly(plain);
            return;
        }
        // The newest connection wins: a restarted peer reconnects before the old connection is seen to die.
        Ha1Connection previous = receiving.getAndSet(connection);
        if (previous != null) {
            previous.close();
        }
        if (!running || faults.blocked()) {
            receiving.compareAndSet(connection, null);
            connection.close();
            return;
        }
        receiveConnects.incrementAndGet();
        counters.increment(Ha1Counter.ACCEPTED);
        if (sending.get() == null) {
            redial.release();
        }
        acceptFailures.reset();
        LOG.info("HA1 link {}: receiving from peer {}", link, Ha1Connection.format(from));
        String reason = readLoop(connection);
        receiving.compareAndSet(connection, null);
        connectionEnded(connection, "receiving from", reason);
    }

    private String readLoop(Ha1Connection connection) {
        while (true) {
            Ha1Message message;
            try {
                message = Ha1Codec.read(connection.in());
            } catch (Ha1DecodeException e) {
                counters.increment(Ha1Counter.MALFORMED);
                LOG.warn(
                        "HA1 malformed message from {}: {}", Ha1Connection.format(connection.remote()), e.getMessage());
                return "malformed message";
            } catch (IOException e) {
                return Ha1Connection.rootMessage(e);
            }
            if (message == null) {
                return "closed by the peer";
            }
            long receivedNs = clock.nanoTime();
            if (faults.dropInbound()) {
                counters.increment(Ha1Counter.FAULT_DROP_IN);
            } else if (inbox.offer(new Ha1Received(link, connection.remote(), message, receivedNs))) {
                counters.increment(Ha1Counter.MSG_RECEIVED);
            } else {
                counters.increment(Ha1Counter.INBOX_FULL);
            }
        }
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    private void connectionEnded(Ha1Connection connection, String direction, String reason) {
        boolean closedHere = connection.isClosed();
        connection.close();
        if (!running) {
            return;
        }
        counters.increment(Ha1Counter.CONNECTION_LOST);
        String why =
                closedHere ? (faults.blocked() ? "link blocked (fault injection)" : "closed by this node") : reason;
        LOG.warn("HA1 link {}: stopped {} peer {}: {}", link, direction, Ha1Connection.format(peer), why);
    }

    private void authFailed(RepeatFilter filter, String reason, String direction, InetSocketAddress remote) {
        counters.increment(Ha1Counter.PEER_AUTH_FAILED);
        String message = "HA1 peer authentication failed: {} ({} {})";
        if (filter.warn(reason)) {
            LOG.warn(message, reason, direction, Ha1Connection.format(remote));
        } else {
            LOG.debug(message, reason, direction, Ha1Connection.format(remote));
        }
    }

    /** Closes both connections now; the dialer reconnects unless the link is blocked or closed. */
    void closeConnections() {
        Ha1Connection out = sending.getAndSet(null);
        if (out != null) {
            out.close();
        }
        Ha1Connection in = receiving.getAndSet(null);
        if (in != null) {
            in.close();
        }
    }

    /** Lets queued messages (a goodbye) go out for up to the close flush time, then stops everything. */
    void close() {
        acceptingSends = false;
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.closeFlushMs());
        while (pendingFrames.get() > 0 && sending.get() != null && System.nanoTime() < deadlineNs) {
            if (!sleep(Duration.ofMillis(5))) {
                break;
            }
        }
        running = false;
        closeConnections();
        stop(dialer);
        stop(writer);
    }

    private static void stop(Thread thread) {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(THREAD_JOIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits out a dial backoff; true when woken early because the peer connected to us. */
    private boolean awaitRedial(long millis) {
        try {
            return redial.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the loop sees running == false
            return false;
        }
    }

    private static void pause(long millis) {
        sleep(Duration.ofMillis(millis));
    }

    /** Sleeps on an I/O thread (never in HA logic); false when interrupted, i.e. closing. */
    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

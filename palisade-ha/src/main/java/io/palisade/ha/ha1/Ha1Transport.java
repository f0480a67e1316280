package io.palisade.ha.ha1;

import io.palisade.common.NanoClock;
import io.palisade.config.model.HaConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HA1 link ({@code ha1} or {@code ha1-backup}): a listener on this node's HA1 address and one
 * {@link Ha1PeerChannel} per peer (one in a pair; a set in a cluster). An accepted connection goes to the
 * channel of the peer whose address it comes from; any other source address is refused before TLS starts.
 * The primary and the backup link are two instances of this class sharing one {@link Ha1Inbox}.
 */
public final class Ha1Transport implements AutoCloseable {
    /** Name of the primary link. */
    public static final String PRIMARY = "ha1";
    /** Name of the backup link. */
    public static final String BACKUP = "ha1-backup";

    private static final Logger LOG = LoggerFactory.getLogger(Ha1Transport.class);
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(50);

    private final String name;
    private final ServerSocket listener;
    private final Map<InetAddress, Ha1PeerChannel> channels;
    private final Ha1Faults faults;
    private final Ha1Counters counters;
    private final RepeatFilter refusals = new RepeatFilter();
    private volatile boolean running = true;
    private Thread acceptor;

    /**
     * One peer of this link.
     *
     * @param address the peer's HA1 address: where to connect, and the only source accepted for it
     * @param security TLS pinned to this peer's certificate, or cleartext
     */
    public record Peer(InetSocketAddress address, Ha1Security security) {
        public Peer {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(security, "security");
        }
    }

    private Ha1Transport(
            String name,
            ServerSocket listener,
            Map<InetAddress, Ha1PeerChannel> channels,
            Ha1Faults faults,
            Ha1Counters counters) {
        this.name = name;
        this.listener = listener;
        this.channels = channels;
        this.faults = faults;
        this.counters = counters;
    }

    /**
     * Starts a link of an HA pair from its configuration.
     *
     * @param name {@link #PRIMARY} or {@link #BACKUP}
     * @param security from {@link Ha1Security#fromConfig}, shared by both links
     * @throws IOException when the local address cannot be bound
     */
    public static Ha1Transport startPair(
            String name,
            HaConfig.Ha1Link link,
            Ha1Security security,
            Ha1Inbox inbox,
            NanoClock clock,
            Ha1Options options)
            throws IOException {
        return start(
                name,
                link.local().toSocketAddress(),
                List.of(new Peer(link.peer().toSocketAddress(), security)),
                inbox,
                clock,
                options);
    }

    /**
     * Binds {@code local}, then starts accepting and dialing every peer.
     *
     * @param local this node's HA1 address; port 0 binds a free port (see {@link #localAddress()})
     * @param peers the peers, at most one per IP address (inbound connections are matched by source address)
     * @throws IOException when the local address cannot be bound
     */
    public static Ha1Transport start(
            String name, InetSocketAddress local, List<Peer> peers, Ha1Inbox inbox, NanoClock clock, Ha1Options options)
            throws IOException {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("HA1 link " + name + " needs at least one peer");
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(local, 64);
        } catch (IOException e) {
            listener.close();
            throw new IOException(
                    "HA1 link " + name + " cannot listen on " + Ha1Connection.format(local) + ": " + e.getMessage(), e);
        }
        Map<InetAddress, Ha1PeerChannel> channels = new LinkedHashMap<>();
        Ha1Counters counters = new Ha1Counters();
        Ha1Faults faults = new Ha1Faults(() -> channels.values().forEach(Ha1PeerChannel::closeConnections));
        for (Peer peer : peers) {
            Ha1PeerChannel channel = new Ha1PeerChannel(
                    name, local, peer.address(), peer.security(), inbox, clock, options, faults, counters);
            if (channels.putIfAbsent(peer.address().getAddress(), channel) != null) {
                listener.close();
                throw new IllegalArgumentException("HA1 link " + name + " lists peer address "
                        + peer.address().getAddress().getHostAddress() + " twice");
            }
        }
        Ha1Transport transport = new Ha1Transport(name, listener, Map.copyOf(channels), faults, counters);
        transport.acceptor = Thread.ofVirtual().name("ha1-acceptor-" + name).start(transport::acceptLoop);
        channels.values().forEach(Ha1PeerChannel::start);
        LOG.info("HA1 link {}: listening on {}", name, Ha1Connection.format(transport.localAddress()));
        return transport;
    }

    /** {@link #PRIMARY} or {@link #BACKUP}. */
    public String name() {
        return name;
    }

    /** The bound listen address (with the real port when 0 was configured). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Fault switches of this link (all its peers). */
    public LinkFaults faults() {
        return faults;
    }

    public Ha1Counters counters() {
        return counters;
    }

    /** The channel of one peer, or null. */
    public Ha1PeerChannel peer(InetAddress address) {
        return channels.get(address);
    }

    public Collection<Ha1PeerChannel> peers() {
        return channels.values();
    }

    /** Connection state per peer. */
    public List<Ha1PeerStatus> status() {
        List<Ha1PeerStatus> status = new ArrayList<>(channels.size());
        channels.values().forEach(channel -> status.add(channel.status()));
        return status;
    }

    /** Every peer is connected in both directions. */
    public boolean isUp() {
        return channels.values().stream().allMatch(channel -> channel.status().up());
    }

    /**
     * Queues a message for every peer of this link; never blocks. Returns {@link SendResult#QUEUED} when every
     * peer took it, otherwise the first peer's failure (each failure is counted).
     */
    public SendResult send(Ha1Message message) {
        byte[] frame;
        try {
            frame = Ha1Codec.encode(message);
        } catch (IllegalArgumentException e) {
            counters.increment(Ha1Counter.SEND_REJECTED);
            LOG.warn("HA1 link {}: message not sent: {}", name, e.getMessage());
            return SendResult.REJECTED;
        }
        SendResult result = SendResult.QUEUED;
        for (Ha1PeerChannel channel : channels.values()) {
            SendResult one = channel.sendFrame(frame);
            if (result == SendResult.QUEUED) {
                result = one;
            }
        }
        return result;
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                LOG.warn("HA1 link {}: accept failed: {}", name, e.getMessage());
                sleepQuietly(ACCEPT_RETRY);
                continue;
            }
            dispatch(socket);
        }
    }

    /** Peer address pinning: the source address picks the channel, and no channel means no connection. */
    private void dispatch(Socket socket) {
        InetSocketAddress from = (InetSocketAddress) socket.getRemoteSocketAddress();
        Ha1PeerChannel channel = channels.get(from.getAddress());
        if (channel != null) {
            channel.onAccepted(socket);
            return;
        }
        Ha1Connection.closeQuietly(socket);
        counters.increment(Ha1Counter.PEER_ADDRESS_REFUSED);
        String reason = "address " + from.getAddress().getHostAddress() + " is not a configured HA1 peer (expected "
                + expectedPeers() + ")";
        if (refusals.warn(reason)) {
            LOG.warn("HA1 peer authentication failed: {} (from {})", reason, Ha1Connection.format(from));
        } else {
            LOG.debug("HA1 peer authentication failed: {} (from {})", reason, Ha1Connection.format(from));
        }
    }

    private String expectedPeers() {
        return String.join(
                ", ",
                channels.keySet().stream()
                        .map(InetAddress::getHostAddress)
                        .sorted()
                        .toList());
    }

    /** Flushes queued messages (a goodbye) for up to the close flush time, then closes every connection. */
    @Override
    public void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("HA1 link {}: closing the listener: {}", name, e.getMessage());
        }
        channels.values().forEach(Ha1PeerChannel::close);
        try {
            acceptor.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("HA1 link {}: closed", name);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

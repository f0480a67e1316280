package io.palisade.ha.sync;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HA2 over UDP: a datagram channel bound to this node's HA2 address, sending to the peer's, and accepting datagrams
 * only from exactly that address and port (the peer sends from its bound port too). The channel is not connected,
 * so a datagram from anywhere else reaches this class and is counted ({@code ha2_peer_addr_refused}) instead of
 * vanishing in the kernel.
 */
public final class UdpHa2Link extends LinkBase {
    /** The PAN-OS HA2 UDP port. */
    public static final int DEFAULT_PORT = 29281;
    /** IPv4 (20) and UDP (8) headers. */
    public static final int IPV4_OVERHEAD = 28;
    /** IPv6 (40) and UDP (8) headers. */
    public static final int IPV6_OVERHEAD = 48;
    /** Socket buffers asked for; the kernel caps them at {@code net.core.rmem_max}/{@code wmem_max}. */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(UdpHa2Link.class);
    private static final int SEND_ATTEMPTS = 4;

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress peer;
    private final int maxFrameBytes;
    private final RepeatedWarning refusals = new RepeatedWarning();
    private byte[] receiveArray;
    private ByteBuffer receiveBuffer;

    private UdpHa2Link(String name, DatagramChannel channel, Selector selector, InetSocketAddress peer, int max) {
        super(name);
        this.channel = channel;
        this.selector = selector;
        this.peer = peer;
        this.maxFrameBytes = max;
    }

    /**
     * Binds {@code local} and pins {@code peer}.
     *
     * @param mtu the link MTU (1500 on Ethernet); frames are the MTU less the IP and UDP headers
     * @throws IOException when the address cannot be bound
     */
    public static UdpHa2Link open(String name, InetSocketAddress local, InetSocketAddress peer, int mtu)
            throws IOException {
        int overhead = peer.getAddress() instanceof Inet6Address ? IPV6_OVERHEAD : IPV4_OVERHEAD;
        int max = Math.min(mtu - overhead, Ha2Codec.MAX_FRAME_BYTES);
        if (max < Ha2Codec.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("HA2 MTU " + mtu + " leaves " + max + " bytes per frame (at least "
                    + Ha2Codec.MIN_FRAME_BYTES + " needed)");
        }
        DatagramChannel channel = DatagramChannel.open(
                local.getAddress() instanceof Inet6Address
                        ? java.net.StandardProtocolFamily.INET6
                        : java.net.StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(local);
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            UdpHa2Link link = new UdpHa2Link(name, channel, selector, peer, max);
            LOG.info("HA2 link {}: udp {} -> {}, frames up to {} bytes", name, link.localAddress(), peer, max);
            return link;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("HA2 link " + name + " cannot bind udp " + local + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    public InetSocketAddress peerAddress() {
        return peer;
    }

    @Override
    public String transport() {
        return "udp";
    }

    @Override
    public String describe() {
        return "udp " + localAddress() + " -> " + peer;
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    boolean transmit(byte[] frame, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(frame, offset, length);
        try {
            // Non-blocking: a full send buffer returns 0; give the kernel a moment, then drop (gap requests recover).
            for (int attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
                if (channel.send(buffer, peer) > 0) {
                    return true;
                }
                Thread.onSpinWait();
            }
            return false;
        } catch (IOException e) {
            if (!isClosed()) {
                refusals.warn(LOG, "HA2 link " + name() + ": send to " + peer + " failed: " + e.getMessage());
            }
            return false;
        }
    }

    @Override
    int read(byte[] into) throws IOException {
        if (receiveArray != into) {
            receiveArray = into;
            receiveBuffer = ByteBuffer.wrap(into);
        }
        while (true) {
            receiveBuffer.clear();
            SocketAddress from = channel.receive(receiveBuffer);
            if (from == null) {
                return 0;
            }
            if (peer.equals(from)) {
                return receiveBuffer.position();
            }
            counters().increment(Ha2Counter.PEER_ADDRESS_REFUSED);
            refusals.warn(
                    LOG,
                    "HA2 link " + name() + ": frame from " + from + " refused: the peer is " + peer
                            + " (address pinned)");
        }
    }

    @Override
    public void awaitReadable(int timeoutMs) throws IOException {
        if (timeoutMs <= 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMs);
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void close() {
        super.close();
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            LOG.debug("HA2 link {}: close: {}", name(), e.getMessage());
        }
    }
}

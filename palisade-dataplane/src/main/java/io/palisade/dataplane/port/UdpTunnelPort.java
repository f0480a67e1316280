package io.palisade.dataplane.port;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Ethernet frame per UDP datagram on loopback: the rootless lab's wire. Receives on {@code local}, sends to
 * {@code remote}. Only datagrams from {@code remote}'s address are accepted (others are counted and dropped),
 * so a stray sender cannot inject frames. Link state is a switch the lab flips to simulate carrier loss.
 */
public final class UdpTunnelPort implements Port {
    private final String name;
    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final long mac;
    private final AtomicLong foreignDatagrams = new AtomicLong();
    private volatile boolean linkUp;
    private volatile boolean adminUp = true;

    public UdpTunnelPort(String name, InetSocketAddress local, InetSocketAddress remote, boolean linkUp, long mac) {
        this.name = name;
        this.remote = remote;
        this.linkUp = linkUp;
        this.mac = mac;
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(local);
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "udp-tunnel port " + name + " cannot bind " + local + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int queues() {
        return 1;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Datagrams that arrived from an address other than the configured remote. */
    public long foreignDatagrams() {
        return foreignDatagrams.get();
    }

    @Override
    public int receive(int queue, FrameBatch batch) {
        int n = 0;
        try {
            while (!batch.isFull()) {
                ByteBuffer b = batch.nextBuffer();
                SocketAddress from = channel.receive(b);
                if (from == null) {
                    break;
                }
                if (!remote.equals(from)) {
                    foreignDatagrams.incrementAndGet();
                    continue;
                }
                if (!adminUp || !linkUp) {
                    continue; // a down link delivers nothing
                }
                batch.commit(b.position(), 0);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("udp-tunnel port " + name + " receive failed: " + e.getMessage(), e);
        }
        return n;
    }

    @Override
    public boolean send(int queue, MemorySegment frame, int length) {
        if (!adminUp || !linkUp) {
            return false;
        }
        try {
            return channel.send(frame.asSlice(0, length).asByteBuffer(), remote) > 0;
        } catch (IOException e) {
            return false; // e.g. ECONNREFUSED while the peer end is not listening: the frame is lost, as on a wire
        }
    }

    @Override
    public boolean linkUp() {
        return linkUp;
    }

    public void setLinkUp(boolean up) {
        linkUp = up;
    }

    @Override
    public void setAdminUp(boolean up) {
        adminUp = up;
    }

    @Override
    public boolean adminUp() {
        return adminUp;
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel does not fail in a way we can act on
        }
    }
}

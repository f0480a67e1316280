package io.palisade.lab.realtraffic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The server side of the real traffic: a TCP echo server (every byte read is written back) and a UDP echo server
 * on the same address, both on one thread with one selector. It runs until the process is stopped (by PID).
 */
public final class EchoServer implements AutoCloseable {
    private final Selector selector;
    private final ServerSocketChannel tcp;
    private final DatagramChannel udp;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

    public EchoServer(InetSocketAddress tcpAddress, InetSocketAddress udpAddress) throws IOException {
        selector = Selector.open();
        tcp = ServerSocketChannel.open();
        tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        tcp.bind(tcpAddress, 1024);
        tcp.configureBlocking(false);
        tcp.register(selector, SelectionKey.OP_ACCEPT);
        udp = DatagramChannel.open();
        udp.bind(udpAddress);
        udp.configureBlocking(false);
        udp.register(selector, SelectionKey.OP_READ);
    }

    /** Serves until the thread is interrupted or the selector closed. */
    public void run() throws IOException {
        while (!Thread.currentThread().isInterrupted() && selector.isOpen()) {
            selector.select(500);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.channel() == tcp) {
                    accept();
                } else if (key.channel() == udp) {
                    echoDatagrams();
                } else {
                    echoStream(key);
                }
            }
        }
    }

    private void accept() throws IOException {
        for (SocketChannel c = tcp.accept(); c != null; c = tcp.accept()) {
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.register(selector, SelectionKey.OP_READ);
        }
    }

    private void echoDatagrams() throws IOException {
        for (int i = 0; i < 256; i++) {
            buffer.clear();
            var from = udp.receive(buffer);
            if (from == null) {
                return;
            }
            buffer.flip();
            udp.send(buffer, from);
        }
    }

    /** Echoes what is readable; the client sends small requests and waits, so a write never blocks for long. */
    private void echoStream(SelectionKey key) {
        SocketChannel c = (SocketChannel) key.channel();
        try {
            buffer.clear();
            int n = c.read(buffer);
            if (n < 0) {
                key.cancel();
                c.close();
                return;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                c.write(buffer);
            }
        } catch (IOException e) {
            key.cancel();
            try {
                c.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        tcp.close();
        udp.close();
    }
}

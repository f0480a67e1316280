package io.palisade.lab.realtraffic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-lived TCP connections kept busy with request/response: each connection sends a small request, waits for the
 * whole echo, pauses for the exchange interval, and repeats. One thread and one selector serve all of them, so a
 * few hundred connections cost little CPU. A connection fails only when the kernel says so (reset, timeout); a
 * stall while the firewalls fail over is survived by TCP's retransmission, and shows up as a gap.
 */
final class ConnectionPool {
    private static final int REQUEST = 64;
    private static final long CONNECT_TIMEOUT_NS = 10_000_000_000L;

    private final InetSocketAddress server;
    private final int count;
    private final long intervalNs;
    private final SocketChannel[] channels;
    private final ByteBuffer[] buffers;
    private final long[] nextSendNs;
    private final boolean[] waiting;
    private final long[] exchanges;
    private final long[] firstOkNs;
    private final long[] lastOkNs;
    private final long[] maxGapNs;
    private final long[] maxGapEndNs;
    private final long[] errorNs;
    private final String[] errors;
    private final int[] localPorts;

    ConnectionPool(InetSocketAddress server, int count, long intervalNs) {
        this.server = server;
        this.count = count;
        this.intervalNs = intervalNs;
        channels = new SocketChannel[count];
        buffers = new ByteBuffer[count];
        nextSendNs = new long[count];
        waiting = new boolean[count];
        exchanges = new long[count];
        firstOkNs = new long[count];
        lastOkNs = new long[count];
        maxGapNs = new long[count];
        maxGapEndNs = new long[count];
        errorNs = new long[count];
        errors = new String[count];
        localPorts = new int[count];
    }

    /** Opens every connection and runs the exchanges until {@code endNs}; blocks the calling thread. */
    List<TrafficReport.Connection> run(long endNs) throws IOException {
        try (Selector selector = Selector.open()) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.connect(server);
                channels[i] = c;
                buffers[i] = ByteBuffer.allocate(REQUEST);
                nextSendNs[i] = start + intervalNs * i / Math.max(1, count); // spread the load over the interval
                c.register(selector, SelectionKey.OP_CONNECT, i);
            }
            loop(selector, start, endNs);
            for (SocketChannel c : channels) {
                c.close();
            }
        }
        List<TrafficReport.Connection> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new TrafficReport.Connection(
                    localPorts[i],
                    exchanges[i],
                    firstOkNs[i],
                    lastOkNs[i],
                    maxGapNs[i] / 1e6,
                    maxGapEndNs[i],
                    errorNs[i],
                    errors[i]));
        }
        return out;
    }

    private void loop(Selector selector, long start, long endNs) throws IOException {
        while (true) {
            long now = System.nanoTime();
            if (now >= endNs) {
                return;
            }
            sendDue(selector, now, start);
            selector.select(1);
            for (SelectionKey key : selector.selectedKeys()) {
                int i = (Integer) key.attachment();
                if (key.isValid() && key.isConnectable()) {
                    finishConnect(key, i);
                } else if (key.isValid() && key.isReadable()) {
                    read(key, i);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void finishConnect(SelectionKey key, int i) {
        try {
            if (channels[i].finishConnect()) {
                localPorts[i] = ((InetSocketAddress) channels[i].getLocalAddress()).getPort();
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            fail(key, i, e);
        }
    }

    private void sendDue(Selector selector, long now, long start) {
        for (int i = 0; i < count; i++) {
            SocketChannel c = channels[i];
            if (errorNs[i] != 0 || waiting[i] || now < nextSendNs[i] || !c.isConnected()) {
                if (errorNs[i] == 0 && !c.isConnected() && now - start > CONNECT_TIMEOUT_NS) {
                    fail(c.keyFor(selector), i, new IOException("connect timed out"));
                }
                continue;
            }
            ByteBuffer b = buffers[i];
            b.clear();
            b.putLong(0, exchanges[i]);
            try {
                while (b.hasRemaining()) {
                    c.write(b); // 64 bytes always fit in an empty send buffer
                }
                b.clear();
                waiting[i] = true;
            } catch (IOException e) {
                fail(c.keyFor(selector), i, e);
            }
        }
    }

    private void read(SelectionKey key, int i) {
        ByteBuffer b = buffers[i];
        try {
            int n = channels[i].read(b);
            if (n < 0) {
                fail(key, i, new IOException("closed by the server"));
                return;
            }
        } catch (IOException e) {
            fail(key, i, e);
            return;
        }
        if (!b.hasRemaining() && waiting[i]) {
            long now = System.nanoTime();
            waiting[i] = false;
            exchanges[i]++;
            if (firstOkNs[i] == 0) {
                firstOkNs[i] = now;
            } else if (now - lastOkNs[i] > maxGapNs[i]) {
                maxGapNs[i] = now - lastOkNs[i];
                maxGapEndNs[i] = now;
            }
            lastOkNs[i] = now;
            nextSendNs[i] = now + intervalNs;
        }
    }

    private void fail(SelectionKey key, int i, IOException e) {
        if (errorNs[i] == 0) {
            errorNs[i] = System.nanoTime();
            errors[i] = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (key != null) {
            key.cancel();
        }
    }

    int established() {
        int n = 0;
        for (long f : firstOkNs) {
            n += f != 0 ? 1 : 0;
        }
        return n;
    }
}

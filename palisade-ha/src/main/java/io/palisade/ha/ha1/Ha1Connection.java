package io.palisade.ha.ha1;

import io.palisade.config.model.HostPort;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.net.ExtendedSocketOptions;

/** One established (and, with TLS, authenticated) HA1 connection in one direction. */
final class Ha1Connection {
    private static final int KEEPALIVE_IDLE_S = 5;
    private static final int KEEPALIVE_INTERVAL_S = 2;
    private static final int KEEPALIVE_PROBES = 3;

    private final Socket socket;
    private final InetSocketAddress remote;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicBoolean closed = new AtomicBoolean();

    Ha1Connection(Socket socket, InetSocketAddress remote) throws IOException {
        this.socket = socket;
        this.remote = remote;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    InetSocketAddress remote() {
        return remote;
    }

    InputStream in() {
        return in;
    }

    /** Only the writer thread calls this: frames are never interleaved. */
    void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** Idempotent and quiet: closing is always allowed to race with I/O on the connection. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(socket);
        }
    }

    /** Whether this node closed it (as opposed to the peer or the network). */
    boolean isClosed() {
        return closed.get();
    }

    /**
     * Small frames go out at once, and keep-alive probes (where the platform lets us set them) find a peer that
     * vanished without a reset within seconds instead of the system default of hours.
     */
    static void tune(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        Set<SocketOption<?>> supported = socket.supportedOptions();
        if (supported.contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_S);
        }
        if (supported.contains(ExtendedSocketOptions.TCP_KEEPINTERVAL)) {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_S);
        }
        if (supported.contains(ExtendedSocketOptions.TCP_KEEPCOUNT)) {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the socket is gone either way.
        }
    }

    /** {@code 127.0.0.2:40123} or {@code [::1]:40123}, as logs show addresses. */
    static String format(InetSocketAddress address) {
        return address == null ? "?" : new HostPort(address.getAddress(), address.getPort()).toString();
    }

    /** The innermost message: JSSE wraps the trust manager's reason several times. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }
}

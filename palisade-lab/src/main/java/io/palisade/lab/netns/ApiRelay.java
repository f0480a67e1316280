package io.palisade.lab.netns;

import io.palisade.linux.netns.NetNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the management APIs of a kept namespace lab reachable from the host, for a browser (the dashboard) and
 * {@code ./palisade cli}: a node's API listens on the loopback of its own namespace, which the root namespace
 * cannot reach. For each route the relay listens on a port of the host's 127.0.0.1 and, for every connection
 * accepted there, opens one to the node's API from a thread inside the node's namespace (a socket belongs to the
 * namespace of the thread that created it), then copies bytes both ways until either side closes. It relays
 * bytes only: the API's own key check applies to every request.
 */
public final class ApiRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRelay.class);
    private static final int CONNECT_TIMEOUT_MS = 3000;

    /**
     * One relayed API.
     *
     * @param hostPort the port on the host's 127.0.0.1
     * @param namespace the node's namespace, or null to connect from the relay's own namespace
     * @param targetPort the API's port on the namespace's 127.0.0.1
     */
    public record Route(int hostPort, String namespace, int targetPort) {
        /** {@code HOSTPORT=NAMESPACE:TARGETPORT}, as {@link #main} takes it. */
        public String argument() {
            return hostPort + "=" + namespace + ":" + targetPort;
        }

        static Route parse(String argument) {
            int eq = argument.indexOf('=');
            int colon = argument.lastIndexOf(':');
            if (eq <= 0 || colon <= eq + 1) {
                throw new IllegalArgumentException("route '" + argument + "': expected HOSTPORT=NAMESPACE:TARGETPORT");
            }
            return new Route(
                    Integer.parseInt(argument.substring(0, eq)),
                    argument.substring(eq + 1, colon),
                    Integer.parseInt(argument.substring(colon + 1)));
        }
    }

    private final List<ServerSocket> listeners = new ArrayList<>();
    private volatile boolean closed;

    private ApiRelay() {}

    /** Binds every route's host port and starts relaying; throws when a port cannot be bound. */
    public static ApiRelay start(List<Route> routes) throws IOException {
        ApiRelay relay = new ApiRelay();
        try {
            for (Route r : routes) {
                ServerSocket listener = new ServerSocket();
                relay.listeners.add(listener);
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), r.hostPort()));
                Thread.ofPlatform()
                        .name("api-relay-" + r.hostPort())
                        .daemon(true)
                        .start(() -> relay.accept(listener, r));
            }
        } catch (IOException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** The host ports the relay listens on, in route order. */
    public List<Integer> hostPorts() {
        return listeners.stream().map(ServerSocket::getLocalPort).toList();
    }

    private void accept(ServerSocket listener, Route route) {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("relay {}: accept failed: {}", route.argument(), e.toString());
                }
                return;
            }
            Thread.ofVirtual().start(() -> relay(client, route));
        }
    }

    private void relay(Socket client, Route route) {
        try (client) {
            Socket upstream;
            try {
                upstream = connect(route);
            } catch (Exception e) {
                LOG.warn("relay {}: {}", route.argument(), e.toString());
                badGateway(client, route, e);
                return;
            }
            try (upstream) {
                Thread back = Thread.ofVirtual().start(() -> copy(upstream, client));
                copy(client, upstream);
                back.join();
            }
        } catch (Exception e) {
            LOG.warn("relay {}: {}", route.argument(), e.toString());
        }
    }

    /**
     * The node's API does not answer (its process stopped, or it is starting): an HTTP 502 that says so, rather
     * than a connection closed without a word, which HTTP clients report as an empty response.
     */
    private static void badGateway(Socket client, Route route, Exception cause) throws IOException {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        String body = "{\"error\":\"the node API at 127.0.0.1:" + route.targetPort() + " in namespace "
                + route.namespace() + " does not answer: " + reason.replace("\"", "'") + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static Socket connect(Route route) throws Exception {
        if (route.namespace() == null) {
            return open(route.targetPort());
        }
        return NetNamespace.call(route.namespace(), () -> open(route.targetPort()));
    }

    private static Socket open(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Copies until {@code from} ends, then ends the other direction's output so the peer sees the close. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // one side went away: closing both sockets (in relay) ends the other direction too
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a listener; nothing to do
            }
        }
    }

    /** {@code ApiRelay HOSTPORT=NAMESPACE:TARGETPORT...}: relays until the process is stopped. */
    public static void main(String[] args) throws Exception {
        List<Route> routes = new ArrayList<>();
        for (String a : args) {
            routes.add(Route.parse(a));
        }
        ApiRelay relay = start(routes);
        for (Route r : routes) {
            System.out.println(
                    "relaying 127.0.0.1:" + r.hostPort() + " to " + r.namespace() + " 127.0.0.1:" + r.targetPort());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
        new CountDownLatch(1).await();
    }
}

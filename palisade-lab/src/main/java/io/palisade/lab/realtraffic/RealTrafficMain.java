package io.palisade.lab.realtraffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The real traffic tool, run inside a namespace with {@code ip netns exec NS java -cp ... RealTrafficMain}:
 *
 * <pre>
 * server --address IP [--tcp-port 7000] [--udp-port 7001]
 * client --server IP [--tcp-port 7000] [--udp-port 7001] [--connections 200] [--exchange-ms 50]
 *        [--probe-us 1000] [--seconds 10] --out FILE
 * </pre>
 *
 * The client holds the connections busy and runs the probe stream for the given time, then writes a
 * {@link TrafficReport} as JSON to {@code FILE} and exits 0 (1 when nothing got through at all).
 */
public final class RealTrafficMain {
    public static final int TCP_PORT = 7000;
    public static final int UDP_PORT = 7001;

    private RealTrafficMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("server or client");
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "server" -> server(o);
            case "client" -> System.exit(client(o));
            default -> usage("unknown mode " + args[0]);
        }
    }

    private static void server(Map<String, String> o) throws IOException {
        InetAddress address = InetAddress.getByName(required(o, "address"));
        try (EchoServer server = new EchoServer(
                new InetSocketAddress(address, intOption(o, "tcp-port", TCP_PORT)),
                new InetSocketAddress(address, intOption(o, "udp-port", UDP_PORT)))) {
            System.out.println("echo server on " + address.getHostAddress());
            System.out.flush();
            server.run();
        }
    }

    private static int client(Map<String, String> o) throws Exception {
        InetAddress server = InetAddress.getByName(required(o, "server"));
        Path out = Path.of(required(o, "out"));
        int connections = intOption(o, "connections", 200);
        int exchangeMs = intOption(o, "exchange-ms", 50);
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        long probeUs = intOption(o, "probe-us", 1000);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        ProbeStream probe = new ProbeStream(
                new InetSocketAddress(server, intOption(o, "udp-port", UDP_PORT)), probeUs * 1000, seconds);
        ConnectionPool pool = new ConnectionPool(
                new InetSocketAddress(server, intOption(o, "tcp-port", TCP_PORT)),
                connections,
                exchangeMs * 1_000_000L);
        CompletableFuture<TrafficReport.Probe> probed = new CompletableFuture<>();
        Thread.ofPlatform().name("probe-tx").start(() -> {
            try {
                probed.complete(probe.run(start, end));
            } catch (Exception e) {
                probed.completeExceptionally(e);
            }
        });
        List<TrafficReport.Connection> conns = connections > 0 ? pool.run(end) : List.of();
        TrafficReport report = new TrafficReport(
                connections, pool.established(), exchangeMs, start, System.nanoTime(), conns, probed.get());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        new ObjectMapper().writeValue(tmp.toFile(), report);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return report.probe().received() > 0 || report.connectionsEstablished() > 0 ? 0 : 1;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("bad option " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            usage("--" + key + " is required");
        }
        return v;
    }

    private static int intOption(Map<String, String> o, String key, int fallback) {
        return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
    }

    private static void usage(String problem) {
        System.err.println("realtraffic: " + problem
                + " (server --address IP | client --server IP --out FILE [--connections N] [--seconds S])");
        System.exit(2);
    }
}

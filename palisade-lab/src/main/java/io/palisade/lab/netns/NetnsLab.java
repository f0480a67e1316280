package io.palisade.lab.netns;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.common.FreePorts;
import io.palisade.lab.LabState;
import io.palisade.lab.realtraffic.RealTrafficMain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A running namespace lab: the topology, the firewall node processes (one JVM per node, started inside its
 * namespace with {@code ip netns exec}), and the echo server on the server host. Every namespace carries the
 * lab's unique prefix {@code pal-<8 hex>-}; {@link #close} (and, for labs not kept for later commands, a shutdown
 * hook) stops every process by PID and deletes the namespaces. {@code lab up} keeps the lab after the command
 * ends and records it in a {@link LabState} file; {@link #down(LabState)} removes it later.
 */
public final class NetnsLab implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final LabSettings settings;
    private final Path directory;
    private final TopologyBuilder topology;
    private final Map<String, Process> nodes = new LinkedHashMap<>();
    /** Host URLs of the node APIs, when {@link ApiRelay} relays them (kept labs). */
    private final Map<String, String> hostApis = new LinkedHashMap<>();

    private final List<Process> helpers = new ArrayList<>();
    private final List<Path> configs;
    private final Thread cleanup = new Thread(this::close, "netns-lab-cleanup");
    private boolean closed;

    private NetnsLab(LabSettings settings, Path directory, String prefix) {
        this.settings = settings;
        this.directory = directory;
        this.topology = new TopologyBuilder(prefix, settings.topology());
        this.configs = NodeConfigs.write(directory, settings);
    }

    /** Why the namespace lab cannot run here (not root, no {@code ip}, ...), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name")) && !isRoot()) {
            return Optional.of("the namespace lab needs root");
        }
        for (String tool : List.of("ip", "ethtool")) {
            if (!Shell.has(tool)) {
                return Optional.of("the namespace lab needs the '" + tool + "' command");
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Builds the topology, starts the nodes and the echo server and waits until the nodes are ready (pairs: one
     * active, one passive, state synchronised; with preemption the preferred node fw-a active). On any failure everything created is removed before the error
     * is thrown.
     *
     * @param keep keep the lab after this JVM exits ({@code lab up}); otherwise a shutdown hook removes it
     */
    public static NetnsLab up(LabSettings settings, Path directory, boolean keep) {
        unavailableReason().ifPresent(r -> {
            throw LabException.of(r);
        });
        String prefix =
                "pal-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
        NetnsLab lab = new NetnsLab(settings, directory, prefix);
        Runtime.getRuntime().addShutdownHook(lab.cleanup);
        try {
            lab.topology.build();
            for (String node : settings.topology().nodes()) {
                lab.startNode(node);
            }
            lab.helpers.add(Shell.spawn(
                    directory.resolve("echo-server.log"),
                    JavaCommand.inNamespace(
                            lab.ns(TopologyBuilder.SERVER),
                            "128m",
                            RealTrafficMain.class.getName(),
                            "server",
                            "--address",
                            settings.topology().serverIp())));
            lab.awaitReady(READY_TIMEOUT);
            if (keep) {
                lab.relayApis();
            }
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        if (keep) {
            Runtime.getRuntime().removeShutdownHook(lab.cleanup);
        }
        return lab;
    }

    public LabSettings settings() {
        return settings;
    }

    public Path directory() {
        return directory;
    }

    /** Full namespace name of a short name ({@code cl}, {@code sv}, {@code sw}, {@code fwa}, {@code fwb}). */
    public String ns(String shortName) {
        return topology.ns(shortName);
    }

    /** Namespace of a node ({@code fw-a}). */
    public String nodeNamespace(String node) {
        return ns(TopologyBuilder.nodeNs(node));
    }

    /** (Re)starts a node process with its configuration and state folder. */
    public void startNode(String node) {
        int index = settings.topology().nodes().indexOf(node);
        Path log = directory.resolve(node + ".log");
        Process p = Shell.spawn(
                log,
                JavaCommand.node(
                        nodeNamespace(node),
                        -10,
                        "384m",
                        "--config",
                        configs.get(index).toString(),
                        "--state",
                        directory.resolve("state-" + node).toString()));
        nodes.put(node, p);
    }

    /** The node's process (alive or not). */
    public Process process(String node) {
        return nodes.get(node);
    }

    /** Stops a node with SIGKILL, as a crash would; returns when it is gone. */
    public void kill(String node) {
        Process p = nodes.get(node);
        p.destroyForcibly(); // SIGKILL
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** GET on a node's REST API (from inside its namespace). */
    public JsonNode api(String node, String path) {
        int index = settings.topology().nodes().indexOf(node);
        return NamespaceHttp.get(nodeNamespace(node), NodeConfigs.apiUrl(index), NodeConfigs.apiKey(node), path);
    }

    /** POST on a node's REST API. */
    public JsonNode apiPost(String node, String path) {
        int index = settings.topology().nodes().indexOf(node);
        return NamespaceHttp.post(nodeNamespace(node), NodeConfigs.apiUrl(index), NodeConfigs.apiKey(node), path);
    }

    /** The node's HA state ({@code active}, {@code passive}, ...), or {@code unreachable}. */
    public String haState(String node) {
        if (!nodes.get(node).isAlive()) {
            return "stopped";
        }
        try {
            return api(node, "/api/v1/ha").path("local").path("state").asText("unknown");
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }

    /** The node that is active now, or empty. */
    public Optional<String> activeNode() {
        return settings.topology().nodes().stream()
                .filter(n -> "active".equals(haState(n)))
                .findFirst();
    }

    /** Waits until the nodes are up: one active and (pairs) the other passive with its bulk sync complete. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, Process> e : nodes.entrySet()) {
                if (!e.getValue().isAlive()) {
                    throw LabException.of("node " + e.getKey() + " exited: " + lastLine(e.getKey()));
                }
            }
            last = readiness();
            if (last.isEmpty()) {
                return;
            }
            sleep(200);
        }
        throw LabException.of("lab not ready after " + timeout.toSeconds() + " s: " + last);
    }

    /** Empty when ready, else what is still missing. */
    private String readiness() {
        List<String> nodeNames = settings.topology().nodes();
        if (!settings.topology().pair()) {
            return "active".equals(haState(nodeNames.getFirst())) || systemUp(nodeNames.getFirst())
                    ? ""
                    : nodeNames.getFirst() + " not answering";
        }
        List<String> states = nodeNames.stream().map(this::haState).toList();
        if (!states.contains("active") || !states.contains("passive")) {
            return "HA states " + states;
        }
        if (settings.preemptive() && !"active".equals(states.getFirst())) {
            // the preferred node (priority 50) takes over after the preemption hold time: tests and faults expect it
            return "HA states " + states + ", waiting for " + nodeNames.getFirst() + " to preempt";
        }
        String passive = nodeNames.get(states.indexOf("passive"));
        String sync = api(passive, "/api/v1/ha").path("local").path("stateSync").asText("");
        return "Complete".equalsIgnoreCase(sync) ? "" : passive + " state sync " + sync;
    }

    private boolean systemUp(String node) {
        try {
            api(node, "/api/v1/system");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The last line a node wrote to its log (for one-line errors). */
    public String lastLine(String node) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(node + ".log"));
            return lines.isEmpty() ? "(no output)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** What {@code lab status} and {@code lab down} need, to be saved by {@code lab up}. */
    public LabState state() {
        List<LabState.NodeEntry> entries = new ArrayList<>();
        List<String> names = settings.topology().nodes();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            entries.add(new LabState.NodeEntry(
                    n,
                    nodes.get(n).pid(),
                    NodeConfigs.apiUrl(i),
                    NodeConfigs.apiKey(n),
                    configs.get(i).toString(),
                    nodeNamespace(n),
                    hostApis.get(n)));
        }
        return new LabState(
                "netns",
                directory.toString(),
                topology.ns(""),
                topology.created(),
                entries,
                helpers.stream().map(Process::pid).toList());
    }

    /** Removes a lab recorded by {@code lab up}: its processes by PID, then its namespaces by prefix. */
    public static void down(LabState state) {
        List<Long> pids = new ArrayList<>(state.helpers());
        state.nodes().forEach(n -> pids.add(n.pid()));
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ph -> {
                ph.destroy();
                try {
                    ph.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    ph.destroyForcibly();
                }
            });
        }
        if (state.prefix() != null && state.prefix().startsWith("pal-")) {
            TopologyBuilder.deleteNamespaces(state.prefix());
        }
    }

    /** Stops every process by PID (SIGTERM, then SIGKILL) and deletes the namespaces. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> all = new ArrayList<>(helpers);
        all.addAll(nodes.values());
        all.forEach(Process::destroy);
        for (Process p : all) {
            try {
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TopologyBuilder.deleteNamespaces(topology.ns(""));
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
    }

    /**
     * A kept lab is for people: its node APIs (inside the node namespaces) are relayed to ports of the host's
     * 127.0.0.1 by an {@link ApiRelay} process, a helper stopped with the lab, so the dashboard opens in a browser
     * and {@code ./palisade cli} runs without {@code ip netns exec}.
     */
    private void relayApis() {
        List<String> names = settings.topology().nodes();
        List<String> routes = new ArrayList<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int port = FreePorts.tcp("127.0.0.1");
            ports.put(names.get(i), port);
            routes.add(new ApiRelay.Route(port, nodeNamespace(names.get(i)), NodeConfigs.API_PORT + i).argument());
        }
        Path log = directory.resolve("api-relay.log");
        helpers.add(Shell.spawn(log, JavaCommand.here("64m", ApiRelay.class.getName(), routes.toArray(String[]::new))));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            while (!accepts(e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw LabException.of(
                            "the API relay did not listen on 127.0.0.1:" + e.getValue() + " (see " + log + ")");
                }
                sleep(50);
            }
            hostApis.put(e.getKey(), "http://127.0.0.1:" + e.getValue());
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a helper process in a namespace (traffic tools); stopped by PID on {@link #close}. */
    public Process spawn(String shortNs, Path log, List<String> javaArgsOrCommand) {
        Process p = Shell.spawn(log, javaArgsOrCommand);
        helpers.add(p);
        return p;
    }

    /** {@code ip netns exec NS java ... MAIN ARGS} for this lab's class path. */
    public List<String> javaIn(String shortNs, String heap, String mainClass, String... args) {
        return JavaCommand.inNamespace(ns(shortNs), heap, mainClass, args);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LabException.of("interrupted");
        }
    }
}

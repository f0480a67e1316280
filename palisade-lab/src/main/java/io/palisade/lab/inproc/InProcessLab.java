package io.palisade.lab.inproc;

import io.palisade.common.UserError;
import io.palisade.ha.tls.HaKeygen;
import io.palisade.lab.LabNodeStatus;
import io.palisade.lab.LabState;
import io.palisade.lab.traffic.TrafficGenerator;
import io.palisade.mgmt.shell.ApiFailure;
import io.palisade.mgmt.shell.NodeClient;
import io.palisade.node.NodeMain;
import io.palisade.ops.HaStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The rootless lab: an active/passive pair as two separate node processes on loopback (HA1 over TLS with fresh
 * keys, HA1 backup on 127.0.0.2, HA2 over UDP), data ports as udp-tunnel ports for the {@link TrafficGenerator}.
 * It writes everything into its folder ({@code /tmp/palisade-lab} by default: configurations, keys, node state
 * and output, and the {@link LabState} file), waits until fw-a is active and fw-b passive with its bulk session
 * sync complete, injects faults ({@link LabFaults}) and stops every process it started, by pid.
 */
public final class InProcessLab {
    /** The {@link LabState#kind()} of this lab. */
    public static final String KIND = "inproc";

    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * How to bring a lab up.
     *
     * @param stateFile the lab state file; the lab's folder is its parent
     * @param timerProfile {@code advanced} or {@code aggressive}
     * @param readyTimeout how long to wait for the pair to elect and sync
     */
    public record Settings(Path stateFile, String timerProfile, Duration readyTimeout) {
        /** The default folder ({@link LabState#defaultFile()}), the given profile, 90 s to come up. */
        public static Settings of(String timerProfile) {
            return new Settings(LabState.defaultFile(), timerProfile, Duration.ofSeconds(90));
        }

        public Settings in(Path folder) {
            return new Settings(folder.resolve("lab.json"), timerProfile, readyTimeout);
        }
    }

    private final Path stateFile;
    private final LabState state;
    private final LabPorts ports;

    private InProcessLab(Path stateFile, LabState state, LabPorts ports) {
        this.stateFile = stateFile;
        this.state = state;
        this.ports = ports;
    }

    // ------------------------------------------------------------------------------------------ up

    /** Generates the pair, starts both nodes and waits until they are ready; stops them again on failure. */
    public static InProcessLab up(Settings s) {
        Path dir = s.stateFile().toAbsolutePath().getParent();
        refuseIfRunning(s.stateFile());
        PairConfigs.describe(s.timerProfile()); // refuses an unknown profile before anything starts
        LabPorts ports = LabPorts.choose();
        List<LabState.NodeEntry> entries = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        try {
            prepareFolder(dir);
            for (int i = 0; i < PairConfigs.NODES.size(); i++) {
                String name = PairConfigs.NODES.get(i);
                String key = "lab-" + HexFormat.of().toHexDigits(new SplittableRandom().nextLong());
                Path config = dir.resolve(name + ".yaml");
                Files.writeString(config, PairConfigs.yaml(i, ports, s.timerProfile(), key));
                Process p = NodeProcesses.start(
                        config,
                        dir.resolve("state").resolve(name),
                        dir.resolve(name + ".out"),
                        List.of(NodeMain.SIMULATED_PATH_PROBES, NodeMain.LAB_FAULTS));
                processes.add(p);
                int port = i == 0 ? ports.managementA() : ports.managementB();
                entries.add(new LabState.NodeEntry(
                        name, p.pid(), "http://" + LabPorts.LOOPBACK + ":" + port, key, config.toString(), null, null));
            }
        } catch (IOException | RuntimeException e) {
            processes.forEach(Process::destroyForcibly);
            throw new UserError("the in-process lab could not start: " + e.getMessage(), UserError.FAILURE, e);
        }
        LabState state = new LabState(KIND, dir.toString(), null, List.of(), List.copyOf(entries), List.of());
        state.save(s.stateFile());
        InProcessLab lab = new InProcessLab(s.stateFile(), state, ports);
        try {
            lab.awaitReady(s.readyTimeout());
        } catch (RuntimeException e) {
            lab.down();
            throw e;
        }
        return lab;
    }

    private static void refuseIfRunning(Path stateFile) {
        Optional<LabState> old = LabState.load(stateFile);
        if (old.isEmpty()) {
            return;
        }
        boolean running = old.get().nodes().stream().anyMatch(n -> NodeProcesses.alive(n.pid(), n.config()));
        if (running) {
            throw new UserError("a lab is already running (" + stateFile
                    + "); see ./palisade lab status, or stop it with ./palisade lab down");
        }
        try {
            Files.deleteIfExists(stateFile); // a stale file of a lab whose processes are gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void prepareFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        deleteTree(dir.resolve("state"));
        deleteTree(dir.resolve("keys"));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        for (String name : PairConfigs.NODES) {
            HaKeygen.generate(keys, name, true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Waits until fw-a is active and fw-b passive with its bulk sync complete. */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (LabState.NodeEntry n : state.nodes()) {
                if (!NodeProcesses.alive(n.pid(), n.config())) {
                    throw new UserError(
                            "lab node " + n.name() + " exited while starting; its last output:\n"
                                    + NodeProcesses.tail(output(n.name()), 15),
                            UserError.FAILURE,
                            null);
                }
            }
            try {
                HaStatus a = client(PairConfigs.NODES.get(0)).haStatus();
                HaStatus b = client(PairConfigs.NODES.get(1)).haStatus();
                last = "fw-a " + a.local().state() + ", fw-b " + b.local().state() + " (bulk sync "
                        + b.local().stateSync() + ")";
                if (a.local().state().equals("active")
                        && b.local().state().equals("passive")
                        && b.local().stateSync().equals("Complete")) {
                    return;
                }
            } catch (ApiFailure e) {
                last = e.getMessage();
            }
            sleep(POLL);
        }
        throw new UserError(
                "the in-process lab did not become ready within " + timeout.toSeconds() + " s (" + last + ")",
                UserError.FAILURE,
                null);
    }

    // ------------------------------------------------------------------------------------------ attach

    /** The lab recorded in {@code stateFile}, if it is an in-process lab. */
    public static Optional<InProcessLab> attach(Path stateFile) {
        return LabState.load(stateFile)
                .filter(s -> KIND.equals(s.kind()))
                .map(s -> new InProcessLab(stateFile, s, null));
    }

    // ------------------------------------------------------------------------------------------ queries

    public LabState state() {
        return state;
    }

    public Path directory() {
        return Path.of(state.directory());
    }

    /** The ports chosen by {@link #up}; null for a lab found through {@link #attach}. */
    public LabPorts ports() {
        return ports;
    }

    /** Where the traffic generator sits between the two nodes (only for a lab this process brought up). */
    public TrafficGenerator.Wire wire() {
        if (ports == null) {
            throw new IllegalStateException("the wire is known only to the process that brought the lab up");
        }
        return new TrafficGenerator.Wire(
                loopback(ports.clientSide()),
                loopback(ports.serverSide()),
                List.of(loopback(ports.wireA1()), loopback(ports.wireB1())),
                List.of(loopback(ports.wireA2()), loopback(ports.wireB2())));
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LabPorts.LOOPBACK, port);
    }

    public LabState.NodeEntry node(String name) {
        return state.nodes().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UserError("no lab node named '" + name + "' (nodes: "
                        + state.nodes().stream().map(LabState.NodeEntry::name).toList() + ")"));
    }

    public NodeClient client(String name) {
        LabState.NodeEntry n = node(name);
        return new NodeClient(n.api(), n.apiKey());
    }

    public Path output(String name) {
        return directory().resolve(name + ".out");
    }

    /** Every node: name, HA state, API, key, pid, alive. */
    public List<LabNodeStatus> status() {
        List<LabNodeStatus> out = new ArrayList<>();
        for (LabState.NodeEntry n : state.nodes()) {
            boolean alive = NodeProcesses.alive(n.pid(), n.config());
            String ha = "down";
            if (alive) {
                try {
                    ha = client(n.name()).haStatus().local().state();
                } catch (ApiFailure e) {
                    ha = "unreachable";
                }
            }
            out.add(new LabNodeStatus(n.name(), ha, n.api(), n.apiKey(), n.pid(), alive));
        }
        return out;
    }

    /** The node that is active now, if any (the first one when both are, in a split brain). */
    public Optional<String> activeNode() {
        return status().stream()
                .filter(s -> s.state().equals("active"))
                .map(LabNodeStatus::name)
                .findFirst();
    }

    /** Injects a fault (see {@link LabFaults#FAULTS}) into {@code node}, or into the active node when null. */
    public LabFaults.Injected fail(String fault, String node) {
        return LabFaults.inject(this, fault, node);
    }

    // ------------------------------------------------------------------------------------------ down

    /** Stops every node (SIGTERM, then SIGKILL after a while), by pid, and removes the state file. */
    public void down() {
        List<Thread> stoppers = new ArrayList<>();
        for (LabState.NodeEntry n : state.nodes()) {
            stoppers.add(Thread.ofVirtual().start(() -> NodeProcesses.stop(n.pid(), n.config())));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stateFile + ": " + e.getMessage(), e);
        }
    }

    /** Sleeps; an interrupt ends the lab run. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

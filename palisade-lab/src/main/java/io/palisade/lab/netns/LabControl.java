package io.palisade.lab.netns;

import io.palisade.common.UserError;
import io.palisade.lab.LabNodeStatus;
import io.palisade.lab.LabState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./palisade lab up|status|fail|down} for namespace labs. {@code up} builds the lab, starts the nodes and
 * records it in the {@link LabState} file; later commands (other processes) read that file. One lab at a time:
 * {@code up} refuses while one is recorded. A node's management API listens inside its own namespace only, so
 * status and faults reach it from a thread that enters that namespace ({@link NamespaceHttp}), and a person
 * reaches it on the host through the lab's {@link ApiRelay} (the URL {@code status} shows).
 */
public final class LabControl {
    /** The kind recorded in the state file. */
    public static final String KIND = "netns";

    private final Path stateFile;
    private final PrintStream out;

    public LabControl(Path stateFile, PrintStream out) {
        this.stateFile = stateFile;
        this.out = out;
    }

    /** Builds and starts {@code topology} ({@code l3}, {@code vwire}, ...) with timers {@code timerProfile}. */
    public void up(String topologyLabel, String timerProfile) {
        Topology topology = Topology.parse(topologyLabel);
        if (!timerProfile.equals("aggressive") && !timerProfile.equals("advanced")) {
            throw new UserError("timer profile '" + timerProfile + "': aggressive or advanced");
        }
        LabState.load(stateFile).ifPresent(s -> {
            throw new UserError("a lab is already up (" + s.directory() + "); run 'lab down' first");
        });
        Path dir;
        try {
            dir = Files.createTempDirectory("palisade-lab-");
        } catch (IOException e) {
            throw LabException.of("cannot create the lab folder: " + e.getMessage());
        }
        NetnsLab lab = NetnsLab.up(LabSettings.of(topology).withTimerProfile(timerProfile), dir, true);
        LabState state = lab.state();
        try {
            state.save(stateFile);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        out.println("namespace lab " + topology.label() + " up (timers " + timerProfile + "): namespaces " + lab.ns("*")
                + ", folder " + dir);
        for (LabState.NodeEntry n : state.nodes()) {
            out.println("  " + n.name() + " pid " + n.pid() + " " + lab.haState(n.name()));
            accessLines(n).forEach(line -> out.println("    " + line));
        }
        out.println("  client " + Topology.CLIENT_IP + " in " + lab.ns(TopologyBuilder.CLIENT) + ", server "
                + topology.serverIp() + " in " + lab.ns(TopologyBuilder.SERVER) + " (echo on tcp/udp 7000/7001)");
    }

    /**
     * How a person reaches a namespace lab node: the dashboard and shell on the host when the lab relays its API,
     * and the shell from inside its namespace.
     */
    public static List<String> accessLines(LabState.NodeEntry n) {
        String inside = "API listens in namespace " + n.namespace() + " on " + n.api()
                + (n.hostApi() != null ? ", relayed to " + n.hostApi() : "") + ": ip netns exec " + n.namespace()
                + " ./palisade cli --node " + n.api() + " --key " + n.apiKey();
        if (n.hostApi() == null) {
            return List.of(inside);
        }
        return List.of(
                "dashboard: " + n.hostApi() + "/?key=" + n.apiKey() + "  shell: ./palisade cli --node " + n.hostApi()
                        + " --key " + n.apiKey(),
                inside);
    }

    /** The recorded lab's nodes with their HA state as their APIs report it. */
    public List<LabNodeStatus> status() {
        LabState s = recorded();
        return s.nodes().stream()
                .map(n -> {
                    boolean alive = ProcessHandle.of(n.pid())
                            .map(ProcessHandle::isAlive)
                            .orElse(false);
                    return new LabNodeStatus(
                            n.name(), alive ? haState(n) : "down", n.reachableApi(), n.apiKey(), n.pid(), alive);
                })
                .toList();
    }

    /**
     * Injects {@code fault} on {@code nodeName}, or on the active node when null; {@code clear} undoes every
     * fault that can be undone (links up, pings answered, suspended nodes functional). Returns what was done.
     */
    public String fail(String fault, String nodeName) {
        LabState s = recorded();
        String f = fault.toLowerCase(Locale.ROOT);
        if (f.equals("clear")) {
            RecordedLab.clear(s);
            return "clear: links up, path destination answering, suspended nodes functional (a node a monitor failed"
                    + " stays non-functional for its monitor fail hold-down time, 60 s by default, as on PAN-OS)";
        }
        LabState.NodeEntry target = s.nodes().stream()
                .filter(n -> nodeName != null
                        ? n.name().equals(nodeName)
                        : haState(n).equals("active"))
                .findFirst()
                .orElseThrow(() -> new UserError("no " + (nodeName != null ? "node " + nodeName : "active node")));
        RecordedLab.apply(s, f, target);
        return f + " on " + target.name();
    }

    /** Stops the recorded lab's processes by PID and removes its namespaces and state file. */
    public LabState down() {
        LabState s = recorded();
        NetnsLab.down(s);
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw LabException.of("cannot remove " + stateFile + ": " + e.getMessage());
        }
        return s;
    }

    private LabState recorded() {
        LabState s = LabState.load(stateFile).orElseThrow(() -> new UserError("no lab is up (" + stateFile + ")"));
        if (!KIND.equals(s.kind())) {
            throw new UserError("the recorded lab is of kind " + s.kind() + ", not a namespace lab");
        }
        return s;
    }

    private static String haState(LabState.NodeEntry n) {
        try {
            return NamespaceHttp.get(n.namespace(), n.api(), n.apiKey(), "/api/v1/ha")
                    .path("local")
                    .path("state")
                    .asText();
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }
}

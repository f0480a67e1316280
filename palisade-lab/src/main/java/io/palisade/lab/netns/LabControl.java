package io.palisade.lab.netns;

import io.palisade.common.UserError;
import io.palisade.lab.LabState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./palisade lab up [TOPOLOGY] [PROFILE] | status | fail FAULT [NODE] | down} for namespace labs. {@code up} builds the lab,
 * starts the nodes and records it in the {@link LabState} file; later commands read that file. One lab at a
 * time: {@code up} refuses while one is recorded.
 */
public final class LabControl {
    private final Path stateFile;
    private final PrintStream out;

    public LabControl(Path stateFile, PrintStream out) {
        this.stateFile = stateFile;
        this.out = out;
    }

    /** Runs one lab command; returns the exit code. */
    public int run(List<String> args) {
        if (args == null || args.isEmpty()) {
            throw new UserError(
                    "lab needs a command: up [l3|vwire|l3-single|vwire-single] [aggressive|advanced], status,"
                            + " fail FAULT [NODE], down");
        }
        return switch (args.getFirst()) {
            case "up" ->
                up(
                        args.size() > 1 ? Topology.parse(args.get(1)) : Topology.L3,
                        args.size() > 2 ? args.get(2) : "aggressive");
            case "status" -> status();
            case "fail" -> fail(args.size() > 1 ? args.get(1) : null, args.size() > 2 ? args.get(2) : null);
            case "down" -> down();
            default -> throw new UserError("unknown lab command '" + args.getFirst() + "' (up, status, fail, down)");
        };
    }

    private int up(Topology topology, String timerProfile) {
        if (!timerProfile.equals("aggressive") && !timerProfile.equals("advanced")) {
            throw new UserError("timer profile '" + timerProfile + "': aggressive or advanced");
        }
        LabState.load(stateFile).ifPresent(s -> {
            throw new UserError("a lab is already up (" + s.prefix() + "); run 'lab down' first");
        });
        Path dir;
        try {
            dir = Files.createTempDirectory("palisade-lab-");
        } catch (IOException e) {
            throw LabException.of("cannot create the lab folder: " + e.getMessage());
        }
        NetnsLab lab = NetnsLab.up(LabSettings.of(topology).withTimerProfile(timerProfile), dir, true);
        try {
            lab.state().save(stateFile);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        out.println("lab " + topology.label() + " up: namespaces " + lab.ns("*") + ", folder " + dir);
        for (String n : topology.nodes()) {
            out.println("  " + n + " pid " + lab.process(n).pid() + " " + lab.haState(n)
                    + " (cli: ip netns exec " + lab.nodeNamespace(n) + " ./palisade cli --node "
                    + NodeConfigs.apiUrl(topology.nodes().indexOf(n)) + ")");
        }
        out.println("  client " + Topology.CLIENT_IP + " in " + lab.ns(TopologyBuilder.CLIENT) + ", server "
                + topology.serverIp() + " in " + lab.ns(TopologyBuilder.SERVER) + " (echo on tcp/udp 7000/7001)");
        return 0;
    }

    private LabState recorded() {
        LabState s = LabState.load(stateFile).orElseThrow(() -> new UserError("no lab is up (" + stateFile + ")"));
        if (!"netns".equals(s.kind())) {
            throw new UserError("the recorded lab is of kind " + s.kind() + ", not a namespace lab");
        }
        return s;
    }

    private int status() {
        LabState s = recorded();
        out.println("namespace lab " + s.prefix() + "* in " + s.directory());
        for (LabState.NodeEntry n : s.nodes()) {
            boolean alive =
                    ProcessHandle.of(n.pid()).map(ProcessHandle::isAlive).orElse(false);
            String state = alive ? haState(n) : "stopped";
            out.println("  " + n.name() + " pid " + n.pid() + " " + state);
        }
        return 0;
    }

    private static String haState(LabState.NodeEntry n) {
        try {
            var ha = NamespaceHttp.get(n.namespace(), n.api(), n.apiKey(), "/api/v1/ha")
                    .path("local");
            return ha.path("state").asText() + " (" + ha.path("stateReason").asText() + ")";
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }

    private int fail(String fault, String nodeName) {
        if (fault == null) {
            throw new UserError("lab fail needs a fault: kill, ha1-down, link-down, path-down, suspend");
        }
        LabState s = recorded();
        LabState.NodeEntry target = s.nodes().stream()
                .filter(n -> nodeName != null
                        ? n.name().equals(nodeName)
                        : haState(n).startsWith("active"))
                .findFirst()
                .orElseThrow(() -> new UserError("no " + (nodeName != null ? "node " + nodeName : "active node")));
        RecordedLab.apply(s, fault.toLowerCase(Locale.ROOT), target);
        out.println("fault " + fault + " injected on " + target.name());
        return 0;
    }

    private int down() {
        LabState s = recorded();
        NetnsLab.down(s);
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw LabException.of("cannot remove " + stateFile + ": " + e.getMessage());
        }
        out.println("lab " + s.prefix() + "* removed");
        return 0;
    }
}

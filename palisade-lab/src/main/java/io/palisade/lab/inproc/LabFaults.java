package io.palisade.lab.inproc;

import io.palisade.common.UserError;
import io.palisade.lab.LabState;
import io.palisade.mgmt.shell.NodeClient;
import io.palisade.ops.CommandResult;
import io.palisade.ops.LabFault;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's faults on the in-process lab, each through a real mechanism: {@code kill} sends SIGKILL to the node
 * process; {@code ha1-down} blocks every HA1 path of the node (HA1, HA1 backup, and HA2, which carries the
 * heartbeat backup) through its lab fault switches; {@code link-down} takes the carrier of its server-side
 * udp-tunnel port down (link monitoring); {@code path-down} makes its path-monitoring destination stop answering
 * (simulated probes); {@code suspend} is the operator's {@code request high-availability state suspend}.
 * {@code clear} switches every fault off again and makes a suspended node functional.
 */
public final class LabFaults {
    /** The faults, in the order of DESIGN section 3 and {@code DemoOptions.FAULTS}, plus {@code clear}. */
    public static final List<String> FAULTS = List.of("kill", "ha1-down", "link-down", "path-down", "suspend", "clear");

    /**
     * What was done.
     *
     * @param node the node
     * @param fault the fault
     * @param atEpochMs wall-clock time just before the fault was applied
     * @param applyMs how long applying it took (the signal, or the API request over a warm connection): the
     *     uncertainty of {@code atEpochMs}
     * @param ok whether it was applied
     * @param message what happened, in one line
     */
    public record Injected(String node, String fault, long atEpochMs, long applyMs, boolean ok, String message) {}

    private LabFaults() {}

    static Injected inject(InProcessLab lab, String fault, String nodeName) {
        if (!FAULTS.contains(fault)) {
            throw new UserError("unknown fault '" + fault + "'; one of " + FAULTS);
        }
        String name = nodeName != null
                ? nodeName
                : lab.activeNode()
                        .orElseThrow(() ->
                                new UserError("no lab node is active; name one with --node", UserError.FAILURE, null));
        LabState.NodeEntry node = lab.node(name);
        NodeClient client = lab.client(name);
        warmUp(client, fault);
        long at = System.currentTimeMillis();
        long startNs = System.nanoTime();
        CommandResult r = switch (fault) {
            case "kill" ->
                NodeProcesses.kill(node.pid(), node.config())
                        ? new CommandResult(true, "SIGKILL sent to " + name + " (pid " + node.pid() + ")")
                        : new CommandResult(false, name + " (pid " + node.pid() + ") is not running");
            case "ha1-down" ->
                both(
                        client.setLabFault(LabFault.HA1_BLOCK, LabFault.ALL, true),
                        client.setLabFault(LabFault.HA2_BLOCK, LabFault.ALL, true));
            case "link-down" -> client.setLabFault(LabFault.LINK_DOWN, PairConfigs.SERVER_SIDE_INTERFACE, true);
            case "path-down" -> client.setLabFault(LabFault.PATH_UNREACHABLE, PairConfigs.PATH_DESTINATION, true);
            case "suspend" -> client.haSuspend();
            case "clear" -> clear(client);
            default -> throw new IllegalStateException(fault);
        };
        return new Injected(name, fault, at, (System.nanoTime() - startNs) / 1_000_000L, r.ok(), r.message());
    }

    /**
     * Sends the fault's own request once with the switch off (a no-op) and asks for the HA state, so that t=0
     * is not followed by opening a connection and loading the node's request handling for the first time.
     */
    private static void warmUp(NodeClient client, String fault) {
        switch (fault) {
            case "ha1-down" -> {
                client.setLabFault(LabFault.HA1_BLOCK, LabFault.ALL, false);
                client.setLabFault(LabFault.HA2_BLOCK, LabFault.ALL, false);
            }
            case "link-down" -> client.setLabFault(LabFault.LINK_DOWN, PairConfigs.SERVER_SIDE_INTERFACE, false);
            case "path-down" -> client.setLabFault(LabFault.PATH_UNREACHABLE, PairConfigs.PATH_DESTINATION, false);
            case "suspend" -> client.haStatus();
            default -> {}
        }
    }

    private static CommandResult both(CommandResult a, CommandResult b) {
        return new CommandResult(a.ok() && b.ok(), a.message() + "; " + b.message());
    }

    private static CommandResult clear(NodeClient client) {
        List<String> done = new ArrayList<>();
        for (LabFault f : client.labFaults()) {
            if (f.on()) {
                client.setLabFault(f.fault(), f.target(), false);
                done.add(f.fault() + " " + f.target());
            }
        }
        if ("suspended".equals(client.haStatus().local().state())) {
            done.add("functional: " + client.haFunctional().message());
        }
        return new CommandResult(true, done.isEmpty() ? "no fault was on" : "cleared " + String.join(", ", done));
    }
}

package io.palisade.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.common.UserError;
import io.palisade.lab.LabNodeStatus;
import io.palisade.lab.LabState;
import io.palisade.lab.inproc.InProcessLab;
import io.palisade.lab.inproc.LabFaults;
import io.palisade.lab.inproc.PairConfigs;
import io.palisade.lab.netns.LabControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./palisade lab}: manual lab control. {@code up} starts a lab and leaves it running (the in-process pair
 * without root or with {@code inproc}); {@code status} lists its nodes with their HA state, API URL and key;
 * {@code fail FAULT} injects a fault; {@code down} stops every process the lab started. The lab is found through
 * its state file ({@link LabState}).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "lab",
        description = "Lab control: up, status, fail FAULT, down.",
        subcommands = {LabCommand.Up.class, LabCommand.Status.class, LabCommand.Fail.class, LabCommand.Down.class})
final class LabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The state file option every subcommand shares. */
    static final class StateFile {
        @Option(
                names = "--lab-state",
                description = "Lab state file; the lab's folder is its parent (default: $PALISADE_LAB_STATE, else"
                        + " /tmp/palisade-lab/lab.json).")
        Path file;

        Path resolve() {
            return file != null ? file : LabState.defaultFile();
        }
    }

    /** The running lab, or a user error saying there is none. */
    static InProcessLab running(Path stateFile) {
        Optional<LabState> state = LabState.load(stateFile);
        if (state.isEmpty()) {
            throw new UserError("no lab is running (no " + stateFile + "); start one with ./palisade lab up");
        }
        if (!InProcessLab.KIND.equals(state.get().kind())) {
            throw new UserError("the running lab is a '" + state.get().kind() + "' lab, not an in-process lab");
        }
        return InProcessLab.attach(stateFile).orElseThrow();
    }

    /** Whether the lab recorded in {@code stateFile} is a namespace lab. */
    static boolean isNetns(Path stateFile) {
        return LabState.load(stateFile)
                .map(s -> LabControl.KIND.equals(s.kind()))
                .orElse(false);
    }

    static void printNodes(List<LabNodeStatus> nodes) {
        for (LabNodeStatus n : nodes) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "  %-6s %-15s pid %-8d %-6s %s  key %s",
                    n.name(),
                    n.state(),
                    n.pid(),
                    n.alive() ? "alive" : "gone",
                    n.api(),
                    n.apiKey()));
        }
    }

    /** {@code lab up [TOPOLOGY]}. */
    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Start a lab pair and leave it running. TOPOLOGY: inproc (node processes on loopback, no"
                    + " root; the default without root), or the namespace lab's netns, l3, vwire (as root).")
    static final class Up implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "TOPOLOGY", description = "inproc, netns, l3 or vwire.")
        String topology;

        @Option(
                names = "--profile",
                defaultValue = "advanced",
                description = "HA timers: advanced or aggressive (default: ${DEFAULT-VALUE}).")
        String profile;

        @CommandLine.Mixin
        StateFile state = new StateFile();

        @Override
        public Integer call() {
            if (topology != null && !LabModes.TOPOLOGIES.contains(topology)) {
                throw new UserError("unknown topology '" + topology + "'; one of " + LabModes.TOPOLOGIES);
            }
            if (!PairConfigs.PROFILES.contains(profile)) {
                throw new UserError("--profile must be one of " + PairConfigs.PROFILES);
            }
            boolean wantsNetns = topology != null ? !topology.equals("inproc") : LabModes.namespacesPossible();
            if (wantsNetns) {
                if (!LabModes.namespacesPossible()) {
                    throw new UserError("the " + topology + " lab needs root and the ip command; use: lab up inproc");
                }
                new LabControl(state.resolve(), System.out).up(LabModes.netnsTopology(topology), profile);
                System.out.println("faults: ./palisade lab fail FAULT; stop: ./palisade lab down");
                return 0;
            }
            InProcessLab lab = InProcessLab.up(
                    new InProcessLab.Settings(state.resolve(), profile, java.time.Duration.ofSeconds(90)));
            System.out.println("in-process lab up in " + lab.directory() + " (timers " + profile + "):");
            printNodes(lab.status());
            System.out.println("shell: ./palisade cli --node URL --key KEY; faults: ./palisade lab fail FAULT;"
                    + " stop: ./palisade lab down");
            return 0;
        }
    }

    /** {@code lab status [--json]}. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "List the lab's nodes: name, HA state, API URL, API key, pid, alive. Exit 1 when no lab runs.")
    static final class Status implements Callable<Integer> {
        @Option(
                names = "--json",
                description = "Print JSON: {kind, directory, nodes: [{name, state, api, apiKey," + " pid, alive}]}.")
        boolean json;

        @CommandLine.Mixin
        StateFile state = new StateFile();

        @Override
        public Integer call() throws IOException {
            Optional<LabState> s = LabState.load(state.resolve());
            Map<String, Object> out = new LinkedHashMap<>();
            List<LabNodeStatus> nodes = List.of();
            if (s.isPresent() && InProcessLab.KIND.equals(s.get().kind())) {
                nodes = InProcessLab.attach(state.resolve()).orElseThrow().status();
            } else if (s.isPresent()) {
                nodes = new LabControl(state.resolve(), System.out).status();
            }
            out.put("kind", s.map(LabState::kind).orElse(null));
            out.put("directory", s.map(LabState::directory).orElse(null));
            out.put("nodes", nodes);
            if (json) {
                System.out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(out));
            } else if (s.isEmpty()) {
                System.out.println("no lab is running");
            } else {
                System.out.println(s.get().kind() + " lab in " + s.get().directory() + ":");
                printNodes(nodes);
                if (LabControl.KIND.equals(s.get().kind())) {
                    for (LabState.NodeEntry n : s.get().nodes()) {
                        LabControl.accessLines(n).forEach(line -> System.out.println("  " + n.name() + " " + line));
                    }
                }
            }
            return s.isPresent() ? 0 : UserError.FAILURE;
        }
    }

    /** {@code lab fail FAULT [--node NAME]}. */
    @Command(
            name = "fail",
            mixinStandardHelpOptions = true,
            description =
                    "Inject a fault into a lab node (default: the active one): kill (SIGKILL), ha1-down (in-process"
                            + " lab: block HA1, HA1 backup and HA2/heartbeat backup; namespace lab: the primary HA1 link"
                            + " down, the backup holds the pair), link-down (ethernet1/2 carrier), path-down (path"
                            + " destination unreachable), suspend; clear switches every fault off again.")
    static final class Fail implements Callable<Integer> {
        @Parameters(paramLabel = "FAULT", description = "kill, ha1-down, link-down, path-down, suspend or clear.")
        String fault;

        @Option(names = "--node", description = "The node to fail (default: the active node).")
        String node;

        @CommandLine.Mixin
        StateFile state = new StateFile();

        @Override
        public Integer call() {
            if (!LabFaults.FAULTS.contains(fault)) {
                throw new UserError("FAULT must be one of " + LabFaults.FAULTS);
            }
            if (isNetns(state.resolve())) {
                System.out.println(new LabControl(state.resolve(), System.out).fail(fault, node));
                return 0;
            }
            LabFaults.Injected r = running(state.resolve()).fail(fault, node);
            System.out.println(r.fault() + " on " + r.node() + ": " + r.message());
            return r.ok() ? 0 : UserError.FAILURE;
        }
    }

    /** {@code lab down}. */
    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = "Stop every process the lab started (SIGTERM, then SIGKILL), by pid.")
    static final class Down implements Callable<Integer> {
        @CommandLine.Mixin
        StateFile state = new StateFile();

        @Override
        public Integer call() {
            if (LabState.load(state.resolve()).isEmpty()) {
                System.out.println("no lab is running");
                return 0;
            }
            if (isNetns(state.resolve())) {
                LabState s = new LabControl(state.resolve(), System.out).down();
                s.nodes().forEach(n -> System.out.println("stopped " + n.name() + " (pid " + n.pid() + ")"));
                System.out.println("removed namespaces " + s.prefix() + "*");
                return 0;
            }
            InProcessLab lab = running(state.resolve());
            lab.down();
            lab.state().nodes().forEach(n -> System.out.println("stopped " + n.name() + " (pid " + n.pid() + ")"));
            return 0;
        }
    }
}

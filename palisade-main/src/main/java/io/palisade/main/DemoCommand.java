package io.palisade.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.common.UserError;
import io.palisade.lab.LabState;
import io.palisade.lab.demo.DemoOptions;
import io.palisade.lab.demo.DemoReport;
import io.palisade.lab.demo.InProcessDemo;
import io.palisade.lab.inproc.PairConfigs;
import io.palisade.lab.netns.NetnsDemo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./palisade demo}: the main job. Starts the lab (network namespaces as root with {@code ip}, the
 * in-process lab otherwise or with {@code --inproc}), runs long-lived TCP connections and a 1 ms probe stream
 * through the active node, fails it, and reports the timeline: detection, interruption, and how many connections
 * kept working on the new active node. Exit 0 when every connection survived, 1 otherwise.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = "Run the main job: an HA pair under traffic (long-lived TCP connections and a 1 ms probe"
                + " stream), a fault on the active node, and the measured failover (detection, interruption,"
                + " connections kept). Network namespaces as root with ip available, the in-process lab"
                + " otherwise. Exit 0 when every connection survived.")
final class DemoCommand implements Callable<Integer> {
    /** Real Linux TCP connections: each is a socket pair in the client and server namespaces. */
    private static final int NETNS_FLOWS = 200;
    /** The in-process lab's connections are user-space TCP endpoints, cheap enough for more. */
    private static final int INPROC_FLOWS = 1000;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
            names = "--fault",
            defaultValue = "kill",
            description = "kill, ha1-down, link-down, path-down or suspend (default: ${DEFAULT-VALUE}).")
    String fault;

    @Option(names = "--inproc", description = "Use the in-process lab even as root.")
    boolean inproc;

    @Option(names = "--stay", description = "Leave the lab running afterwards (see ./palisade lab status).")
    boolean stay;

    @Option(
            names = "--profile",
            defaultValue = "advanced",
            description = "HA timers: advanced (sub-second: heartbeat 100 ms x 3 in the in-process lab, 50 ms x 3"
                    + " and promotion hold 50 ms in the namespace lab) or aggressive (PAN-OS: 1000 ms x 3, promotion"
                    + " hold 500 ms) (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--flows",
            description = "TCP connections to keep busy (default: 200 real Linux connections in the namespace lab,"
                    + " 1000 in the in-process lab).")
    Integer flows;

    @Option(
            names = "--steady",
            defaultValue = "3",
            description = "Seconds of traffic before the fault (default: ${DEFAULT-VALUE}).")
    double steadySeconds;

    @Option(
            names = "--after",
            description = "Seconds of traffic after the fault (default: 5 with advanced timers, 10 with aggressive).")
    Double afterSeconds;

    @Option(
            names = "--lab-state",
            description = "Lab state file; the lab's folder is its parent (default: $PALISADE_LAB_STATE, else"
                    + " /tmp/palisade-lab/lab.json).")
    Path labState;

    @Override
    public Integer call() throws IOException {
        if (!DemoOptions.FAULTS.contains(fault)) {
            throw new UserError("--fault must be one of " + DemoOptions.FAULTS);
        }
        if (!PairConfigs.PROFILES.contains(profile)) {
            throw new UserError("--profile must be one of " + PairConfigs.PROFILES);
        }
        if (flows != null && flows < 1) {
            throw new UserError("--flows must be at least 1");
        }
        double after = afterSeconds != null ? afterSeconds : profile.equals("aggressive") ? 10 : 5;
        Path stateFile = labState != null ? labState : LabState.defaultFile();
        DemoReport report = run(after, stateFile);
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
        } else {
            print(report, System.out);
        }
        if (stay) {
            (json ? System.err : System.out)
                    .println("the lab is still running: ./palisade lab status (dashboards, keys), ./palisade lab down");
        }
        return survivedAll(report) ? 0 : UserError.FAILURE;
    }

    private DemoReport run(double after, Path stateFile) {
        boolean netns = !inproc && LabModes.namespacesPossible();
        int n = flows != null ? flows : netns ? NETNS_FLOWS : INPROC_FLOWS;
        DemoOptions options = new DemoOptions(fault, profile, n, steadySeconds, after, stay);
        return netns ? NetnsDemo.run(options, stateFile) : InProcessDemo.run(options, stateFile);
    }

    static boolean survivedAll(DemoReport r) {
        return r.sessionsBefore() > 0 && r.sessionsSurvived() == r.sessionsBefore();
    }

    static void print(DemoReport r, PrintStream out) {
        Map<String, Object> d = r.details();
        out.println("Palisade demo, "
                + (r.mode().equals("inproc")
                        ? "in-process lab (two node processes on loopback, no root)"
                        : "namespace lab (" + r.mode() + ")"));
        out.println("  timers:  " + r.timerProfile());
        out.println("  traffic: " + d.getOrDefault("flowsConfigured", "?") + " TCP connections, UDP probe every "
                + r.probeIntervalMs() + " ms");
        out.println("  fault:   " + r.fault() + " on " + d.getOrDefault("faultNode", "the active node") + " at t=0"
                + (d.get("faultMessage") != null ? " (" + d.get("faultMessage") + ")" : ""));
        out.println();
        out.println("timeline (ms from the fault)");
        for (DemoReport.StateEvent e : r.states()) {
            out.println(String.format(
                    Locale.ROOT, "  %+8d  %-6s %-15s -> %-15s %s", e.atMs(), e.node(), e.from(), e.to(), e.reason()));
        }
        out.println();
        out.println("detection:     " + (r.detectionMs() < 0 ? "no takeover seen" : r.detectionMs() + " ms")
                + " (the new active node's own transition time minus the fault time)");
        out.println("interruption:  " + r.interruptionMs() + " ms (longest gap of the " + r.probeIntervalMs()
                + " ms probe stream)"
                + (d.containsKey("interruptionTargetMs")
                        ? "; target " + d.get("interruptionTargetMs") + " ms "
                                + (Boolean.TRUE.equals(d.get("interruptionTargetMet")) ? "met" : "MISSED")
                        : ""));
        if (d.containsKey("longestTcpStallMs")) {
            out.println("tcp stall:     " + d.get("longestTcpStallMs") + " ms (longest pause of any connection's"
                    + " exchanges around the fault)");
        }
        out.println("sessions:      " + r.sessionsBefore() + " exchanging data before the fault, "
                + r.sessionsSurvived() + " exchanging again through the new active node (target: all)");
        if (d.containsKey("flowRecoveryMsP50")) {
            out.println("recovery:      connections exchanged again after p50 " + d.get("flowRecoveryMsP50")
                    + " ms, p99 " + d.get("flowRecoveryMsP99") + " ms (client retransmission)");
        }
        if (d.get("statesAfter") != null) {
            out.println("after:         " + d.get("statesAfter"));
        }
        if (r.timelineSvg() != null) {
            Path svg = Path.of(r.timelineSvg());
            out.println("report:        " + svg.resolveSibling("demo.json"));
            out.println("timeline:      " + svg);
        }
        out.println(
                survivedAll(r)
                        ? "result:        every connection survived"
                        : "result:        " + (r.sessionsBefore() - r.sessionsSurvived()) + " of " + r.sessionsBefore()
                                + " connections did not survive");
    }
}

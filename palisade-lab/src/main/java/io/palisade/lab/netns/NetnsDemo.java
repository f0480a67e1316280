package io.palisade.lab.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.lab.demo.DemoOptions;
import io.palisade.lab.demo.DemoReport;
import io.palisade.lab.demo.TimelineSvg;
import io.palisade.lab.realtraffic.TrafficReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main job as root: a layer-3 HA pair in network namespaces, a real Linux client holding long-lived TCP
 * connections to a real server plus a 1 ms UDP probe stream, then a fault on the active node. The report says
 * when the peer took over, the longest time the probe stream saw nothing, and how many connections lived
 * through it; the JSON and a timeline picture are written into the demo folder.
 */
public final class NetnsDemo {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int EXCHANGE_MS = 50;
    /** Time the client JVM needs to start and open its connections before the steady phase counts. */
    private static final long CLIENT_WARMUP_MS = 2500;

    private NetnsDemo() {}

    /**
     * Runs the demo in a fresh folder under the temporary directory; with {@code --stay} the lab keeps running and
     * is recorded in {@code stateFile} for {@code lab status|fail|down}.
     */
    public static DemoReport run(DemoOptions options, Path stateFile) {
        Path directory;
        try {
            directory = Files.createTempDirectory("palisade-demo-");
        } catch (IOException e) {
            throw LabException.of("cannot create the demo folder: " + e.getMessage());
        }
        return run(options, directory, LabSettings.of(Topology.L3), options.stay() ? stateFile : null);
    }

    /** Runs the demo with the given lab settings (the timer profile comes from the options); removes the lab. */
    public static DemoReport run(DemoOptions options, Path directory, LabSettings base) {
        return run(options, directory, base, null);
    }

    /** The lab is kept and recorded in {@code keepIn} when that is given, removed otherwise. */
    private static DemoReport run(DemoOptions options, Path directory, LabSettings base, Path keepIn) {
        NetnsLab lab = NetnsLab.up(base.withTimerProfile(options.timerProfile()), directory, keepIn != null);
        try {
            DemoReport report = measure(lab, options);
            if (keepIn != null) {
                lab.state().save(keepIn);
            }
            return report;
        } finally {
            if (keepIn == null) {
                lab.close();
            }
        }
    }

    private static DemoReport measure(NetnsLab lab, DemoOptions options) {
        String victim = lab.activeNode().orElseThrow(() -> LabException.of("no node is active"));
        List<String> nodes = lab.settings().topology().nodes();
        String survivor =
                nodes.stream().filter(n -> !n.equals(victim)).findFirst().orElseThrow();
        double seconds = CLIENT_WARMUP_MS / 1000.0 + options.steadySeconds() + options.afterSeconds();
        TrafficRun traffic = TrafficRun.start(lab, "demo-traffic", options.flows(), EXCHANGE_MS, seconds);
        NetnsLab.sleep(CLIENT_WARMUP_MS + (long) (options.steadySeconds() * 1000));
        Map<String, JsonNode> transitions = new LinkedHashMap<>();
        transitions.put(victim, lab.api(victim, "/api/v1/ha/transitions")); // before a kill takes it away
        Faults.prepare(lab, options.fault(), victim);
        long faultNs = System.nanoTime();
        long faultEpochMs = System.currentTimeMillis();
        Faults.apply(lab, options.fault(), victim);
        TrafficReport traffic1 = traffic.await();
        for (String n : nodes) {
            if (lab.process(n).isAlive()) {
                transitions.put(n, lab.api(n, "/api/v1/ha/transitions"));
            }
        }
        List<DemoReport.StateEvent> states = events(transitions, faultEpochMs);
        long detection = states.stream()
                .filter(e -> e.atMs() >= 0 && e.node().equals(survivor) && e.to().equalsIgnoreCase("active"))
                .mapToLong(DemoReport.StateEvent::atMs)
                .min()
                .orElse(-1);
        double interruption = TrafficRun.longestGapMs(traffic1, faultNs - 50_000_000L);
        Path svg = lab.directory().resolve("demo-timeline.svg");
        writeSvg(svg, options, nodes, states, traffic1, faultNs);
        Map<String, Object> details = details(lab, options, traffic1, faultNs, victim, interruption);
        if (lab.process(survivor).isAlive()) {
            JsonNode sync = lab.api(survivor, "/api/v1/ha/state-synchronization");
            details.put("ha2Transport", sync.path("transport").asText());
            details.put("sessionsFromPeer", sync.path("sessionsFromPeer").asLong());
        }
        DemoReport report = new DemoReport(
                "netns",
                options.fault(),
                profileText(lab.settings()),
                detection,
                Math.round(interruption),
                (int) Math.max(1, traffic1.probe().intervalUs() / 1000),
                TrafficRun.before(traffic1, faultNs),
                TrafficRun.survived(traffic1, faultNs),
                states,
                svg.toString(),
                details);
        writeJson(lab.directory().resolve("demo.json"), report);
        return report;
    }

    private static List<DemoReport.StateEvent> events(Map<String, JsonNode> transitions, long faultEpochMs) {
        List<DemoReport.StateEvent> out = new ArrayList<>();
        transitions.forEach((node, list) -> list.forEach(t -> out.add(new DemoReport.StateEvent(
                node,
                t.path("from").asText(),
                t.path("to").asText(),
                t.path("atEpochMs").asLong() - faultEpochMs,
                t.path("reason").asText()))));
        out.sort(Comparator.comparingLong(DemoReport.StateEvent::atMs));
        return out;
    }

    /** The pass mark of the issue: 3 heartbeats + promotion hold + 50 ms; 300 ms advanced; 50 ms for links. */
    static long targetMs(LabSettings s, String fault) {
        if ("link-down".equals(fault) || "path-down".equals(fault) || "suspend".equals(fault)) {
            return 50;
        }
        return "advanced".equals(s.timerProfile()) ? 300 : 3L * s.heartbeatMs() + s.promotionHoldMs() + 50;
    }

    private static String profileText(LabSettings s) {
        return s.timerProfile() + " (heartbeat " + s.heartbeatMs() + " ms x 3, promotion hold " + s.promotionHoldMs()
                + " ms)";
    }

    private static Map<String, Object> details(
            NetnsLab lab, DemoOptions o, TrafficReport t, long faultNs, String victim, double interruption) {
        Map<String, Object> d = new LinkedHashMap<>();
        long target = targetMs(lab.settings(), o.fault());
        d.put("topology", lab.settings().topology().label());
        d.put("faultNode", victim);
        d.put("flowsConfigured", o.flows());
        d.put("client", Topology.CLIENT_IP);
        d.put("server", lab.settings().topology().serverIp());
        d.put("connectionsRequested", t.connectionsRequested());
        d.put("connectionsEstablished", t.connectionsEstablished());
        d.put("exchangeIntervalMs", t.exchangeIntervalMs());
        d.put("probesSent", t.probe().sent());
        d.put("probesReceived", t.probe().received());
        d.put(
                "longestTcpStallMs",
                Math.round(t.connections().stream()
                        .filter(c -> c.maxGapEndNs() > faultNs)
                        .mapToDouble(TrafficReport.Connection::maxGapMs)
                        .max()
                        .orElse(0)));
        d.put(
                "failedConnections",
                t.connections().stream().filter(c -> c.errorNs() != 0).count());
        d.put("interruptionTargetMs", target);
        d.put("interruptionTargetMet", interruption <= target);
        d.put("labDirectory", lab.directory().toString());
        d.put("namespacePrefix", lab.ns(""));
        return d;
    }

    private static void writeSvg(
            Path svg,
            DemoOptions o,
            List<String> nodes,
            List<DemoReport.StateEvent> states,
            TrafficReport t,
            long faultNs) {
        List<TimelineSvg.Gap> gaps = t.probe().gaps().stream()
                .map(g -> new TimelineSvg.Gap((g.fromNs() - faultNs) / 1_000_000, (g.toNs() - faultNs) / 1_000_000))
                .toList();
        long from = -(long) (o.steadySeconds() * 1000);
        long to = (long) (o.afterSeconds() * 1000);
        String title = "Palisade demo (network namespaces): fault " + o.fault() + ", " + o.timerProfile() + " timers";
        try {
            Files.writeString(svg, TimelineSvg.render(title, nodes, states, gaps, from, to));
        } catch (IOException e) {
            throw LabException.of("cannot write " + svg + ": " + e.getMessage());
        }
    }

    private static void writeJson(Path file, DemoReport report) {
        try {
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw LabException.of("cannot write " + file + ": " + e.getMessage());
        }
    }
}

package io.palisade.lab.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.common.UserError;
import io.palisade.lab.LabState;
import io.palisade.lab.inproc.InProcessLab;
import io.palisade.lab.inproc.LabFaults;
import io.palisade.lab.inproc.PairConfigs;
import io.palisade.lab.traffic.TrafficGenerator;
import io.palisade.lab.traffic.TrafficStats;
import io.palisade.mgmt.shell.ApiFailure;
import io.palisade.ops.HaTransition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo on the in-process lab (no root): bring the pair up, run {@link TrafficGenerator} traffic through the
 * active node, fail it, keep the traffic going, and measure: detection (the new active's own transition time
 * minus the fault time), interruption (the longest gap of the 1 ms probe stream), and how many connections that
 * were exchanging data before the fault exchange data again through the new active node. Writes {@code demo.json}
 * and {@code demo-timeline.svg} into the lab folder; takes the lab down unless {@link DemoOptions#stay()}.
 */
public final class InProcessDemo {
    /** The report's {@code mode}. */
    public static final String MODE = "inproc";

    /** How long after the takeover a probe gap still counts as the failover's. */
    private static final long SETTLE_MS = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DemoOptions options;
    private final Path stateFile;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private InProcessLab lab;
    private TrafficGenerator traffic;
    private long refNs;
    private long refEpochMs;

    private InProcessDemo(DemoOptions options, Path stateFile) {
        this.options = options;
        this.stateFile = stateFile;
    }

    /** Runs the demo in the default lab folder ({@link LabState#defaultFile()}). */
    public static DemoReport run(DemoOptions options) {
        return run(options, LabState.defaultFile());
    }

    /** Runs the demo with the lab state file (and so the lab folder) given. */
    public static DemoReport run(DemoOptions options, Path stateFile) {
        check(options);
        return new InProcessDemo(options, stateFile).run();
    }

    private static void check(DemoOptions o) {
        if (!DemoOptions.FAULTS.contains(o.fault())) {
            throw new UserError("fault '" + o.fault() + "' is not one of " + DemoOptions.FAULTS);
        }
        if (!PairConfigs.PROFILES.contains(o.timerProfile())) {
            throw new UserError("timer profile '" + o.timerProfile() + "' is not one of " + PairConfigs.PROFILES);
        }
        if (o.flows() < 1 || o.flows() > TrafficGenerator.MAX_FLOWS) {
            throw new UserError("flows must be 1.." + TrafficGenerator.MAX_FLOWS);
        }
        if (o.steadySeconds() < 1 || o.afterSeconds() < 1 || o.steadySeconds() > 600 || o.afterSeconds() > 600) {
            throw new UserError("steady and after times must be 1..600 s");
        }
    }

    private DemoReport run() {
        long startNs = System.nanoTime();
        lab = InProcessLab.up(new InProcessLab.Settings(stateFile, options.timerProfile(), Duration.ofSeconds(90)));
        details.put("labUpMs", (System.nanoTime() - startNs) / 1_000_000L);
        // Ctrl-C or SIGTERM during the demo still stops the nodes (unless they are meant to stay).
        Thread stopOnExit = Thread.ofPlatform().unstarted(lab::down);
        if (!options.stay()) {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }
        try {
            traffic = TrafficGenerator.start(lab.wire(), TrafficGenerator.Settings.of(options.flows()));
            try {
                return measure();
            } finally {
                traffic.close();
            }
        } finally {
            if (!options.stay()) {
                removeHook(stopOnExit);
                lab.down();
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook takes the lab down
        }
    }

    private DemoReport measure() {
        String active = PairConfigs.NODES.get(0);
        String peer = PairConfigs.NODES.get(1);
        awaitExchanging();
        InProcessLab.sleep(Duration.ofMillis((long) (options.steadySeconds() * 1000)));
        details.put("passiveSessionsFromPeerBeforeFault", sessionsFromPeer(peer));
        List<HaTransition> activeHistory = lab.client(active).haTransitions();
        Duration window = traffic.settings().exchangeInterval().multipliedBy(2);
        long markNs = traffic.mark(window);
        refNs = System.nanoTime();
        refEpochMs = System.currentTimeMillis();
        LabFaults.Injected fault = lab.fail(options.fault(), active);
        long t0 = fault.atEpochMs();
        InProcessLab.sleep(Duration.ofMillis((long) (options.afterSeconds() * 1000)));

        List<HaTransition> peerHistory = lab.client(peer).haTransitions();
        if (!options.fault().equals("kill")) {
            activeHistory = historyOr(active, activeHistory);
        }
        Optional<HaTransition> takeover = peerHistory.stream()
                .filter(t -> t.to().equals("active") && t.atEpochMs() >= t0)
                .findFirst();
        long detectionMs = takeover.map(t -> t.atEpochMs() - t0).orElse(-1L);
        long sinceNs = takeover.map(t -> nsOf(t.atEpochMs())).orElse(markNs);
        TrafficStats.Survival survival = traffic.survival(sinceNs);
        TrafficStats stats = traffic.stats();

        List<DemoReport.StateEvent> states = new ArrayList<>();
        activeHistory.forEach(t -> states.add(event(active, t, t0)));
        peerHistory.forEach(t -> states.add(event(peer, t, t0)));
        states.sort(Comparator.comparingLong(DemoReport.StateEvent::atMs));
        List<TimelineSvg.Gap> gaps = stats.probeGaps().stream()
                .map(g -> new TimelineSvg.Gap(relMs(g.fromNs(), t0), relMs(g.toNs(), t0)))
                .toList();
        // The failover's gap: the longest one that ends after the fault and starts before the takeover has had
        // time to settle. Later gaps are the machine's noise (reported apart), not the failover.
        long settledMs =
                takeover.map(t -> t.atEpochMs() - t0 + SETTLE_MS).orElse((long) (options.afterSeconds() * 1000));
        long interruptionMs = longestGap(gaps, 0, settledMs);
        details.put("probeLongestGapAfterFaultMs", longestGap(gaps, 0, Long.MAX_VALUE));
        fillDetails(fault, takeover, survival, stats, gaps, peer);
        Path svg = lab.directory().resolve("demo-timeline.svg");
        DemoReport report = new DemoReport(
                MODE,
                options.fault(),
                PairConfigs.describe(options.timerProfile()),
                detectionMs,
                interruptionMs,
                (int) traffic.settings().probeInterval().toMillis(),
                survival.activeAtMark(),
                survival.survived(),
                List.copyOf(states),
                svg.toString(),
                Map.copyOf(details));
        write(report, svg, gaps);
        return report;
    }

    /** Waits until every connection has completed an exchange (bounded: the opening time plus 20 s). */
    private void awaitExchanging() {
        TrafficGenerator.Settings s = traffic.settings();
        long limitMs = 20_000L + 1000L * s.flows() / s.opensPerSecond();
        long deadline = System.nanoTime() + limitMs * 1_000_000L;
        TrafficStats st = traffic.stats();
        while (st.exchanging() < st.flows() && System.nanoTime() < deadline) {
            InProcessLab.sleep(Duration.ofMillis(200));
            st = traffic.stats();
        }
        details.put("flowsExchangingAfterMs", (System.nanoTime() - deadline) / 1_000_000L + limitMs);
        details.put("flowsConfigured", st.flows());
        details.put("flowsEstablished", st.established());
        details.put("flowsExchangingAtStart", st.exchanging());
    }

    private long sessionsFromPeer(String node) {
        try {
            return lab.client(node).haStateSynchronization().sessionsFromPeer();
        } catch (ApiFailure e) {
            return -1;
        }
    }

    private List<HaTransition> historyOr(String node, List<HaTransition> fallback) {
        try {
            return lab.client(node).haTransitions();
        } catch (ApiFailure e) {
            return fallback;
        }
    }

    /** The longest gap ending at or after {@code fromMs} and starting at or before {@code toMs}. */
    private static long longestGap(List<TimelineSvg.Gap> gaps, long fromMs, long toMs) {
        return gaps.stream()
                .filter(g -> g.toMs() >= fromMs && g.fromMs() <= toMs)
                .mapToLong(g -> g.toMs() - g.fromMs())
                .max()
                .orElse(0);
    }

    private long nsOf(long epochMs) {
        return refNs + (epochMs - refEpochMs) * 1_000_000L;
    }

    private long relMs(long ns, long t0) {
        return refEpochMs + (ns - refNs) / 1_000_000L - t0;
    }

    private static DemoReport.StateEvent event(String node, HaTransition t, long t0) {
        return new DemoReport.StateEvent(node, t.from(), t.to(), t.atEpochMs() - t0, t.reason());
    }

    private void fillDetails(
            LabFaults.Injected fault,
            Optional<HaTransition> takeover,
            TrafficStats.Survival survival,
            TrafficStats stats,
            List<TimelineSvg.Gap> gaps,
            String peer) {
        details.put(
                "target",
                "every connection exchanging data before the fault exchanges data again after it"
                        + " (tcp-reject-non-syn on: only synchronised sessions can carry them)");
        details.put("labDirectory", lab.directory().toString());
        details.put("faultNode", fault.node());
        details.put("faultApplied", fault.ok());
        details.put("faultMessage", fault.message());
        details.put("faultApplyMs", fault.applyMs());
        details.put("newActive", takeover.isPresent() ? peer : null);
        details.put("takeoverReason", takeover.map(HaTransition::reason).orElse(null));
        details.put("statesAfter", finalStates());
        details.put("flowRecoveryMsP50", survival.recoveryMsP50());
        details.put("flowRecoveryMsP99", survival.recoveryMsP99());
        details.put("flowRecoveryMsMax", survival.recoveryMsMax());
        details.put("flowsNotSurvivedSample", survival.failedSample());
        details.put("exchanges", stats.exchanges());
        details.put("retransmits", stats.retransmits());
        details.put("duplicateSegmentsIgnored", stats.duplicatesIgnored());
        details.put("outOfOrderSegments", stats.outOfOrder());
        details.put("probesSent", stats.probesSent());
        details.put("probesReceived", stats.probesReceived());
        details.put("probeDuplicates", stats.probeDuplicates());
        details.put(
                "probeLongestGapBeforeFaultMs",
                gaps.stream()
                        .filter(g -> g.toMs() < 0 && g.fromMs() >= -(long) (options.steadySeconds() * 1000))
                        .mapToLong(g -> g.toMs() - g.fromMs())
                        .max()
                        .orElse(0));
        details.put(
                "probeGapsMs",
                gaps.stream()
                        .filter(g -> g.toMs() >= -(long) (options.steadySeconds() * 1000))
                        .limit(50)
                        .map(g -> List.of(g.fromMs(), g.toMs()))
                        .toList());
        details.put("newActiveTcpNonSynDrops", counter(peer, "tcp_non_syn"));
        details.put(
                "traffic",
                Map.of(
                        "exchangeIntervalMs",
                                traffic.settings().exchangeInterval().toMillis(),
                        "requestBytes", traffic.settings().requestBytes(),
                        "responseBytes", traffic.settings().responseBytes(),
                        "rtoMs", traffic.settings().rto().toMillis(),
                        "maxRtoMs", traffic.settings().maxRto().toMillis()));
        Map<String, Object> nodes = new LinkedHashMap<>();
        lab.state().nodes().forEach(n -> nodes.put(n.name(), Map.of("pid", n.pid(), "api", n.api())));
        details.put("nodes", nodes);
    }

    private Map<String, String> finalStates() {
        Map<String, String> out = new LinkedHashMap<>();
        lab.status().forEach(s -> out.put(s.name(), s.alive() ? s.state() : "killed"));
        return out;
    }

    private long counter(String node, String name) {
        try {
            return lab.client(node).counters(Map.of("name", name)).stream()
                    .mapToLong(io.palisade.ops.CounterValue::value)
                    .sum();
        } catch (ApiFailure e) {
            return -1;
        }
    }

    private void write(DemoReport report, Path svg, List<TimelineSvg.Gap> gaps) {
        long fromMs = -(long) (Math.min(options.steadySeconds(), 3) * 1000);
        long toMs = (long) (options.afterSeconds() * 1000);
        try {
            Files.writeString(
                    svg,
                    TimelineSvg.render(
                            "Palisade in-process demo: " + options.fault() + " (" + options.timerProfile() + ")",
                            PairConfigs.NODES,
                            report.states(),
                            gaps,
                            fromMs,
                            toMs));
            JSON.writeValue(lab.directory().resolve("demo.json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo report: " + e.getMessage(), e);
        }
    }
}

package io.palisade.node;

import io.palisade.common.CounterKind;
import io.palisade.config.ConfigException;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.IpAddresses;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.store.ConfigService;
import io.palisade.config.store.RunningConfig;
import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import io.palisade.dataplane.engine.Addresses;
import io.palisade.dataplane.engine.FlowCounter;
import io.palisade.dataplane.engine.SessionSnapshot;
import io.palisade.dataplane.nat.NatOutcome;
import io.palisade.dataplane.packet.PacketDrop;
import io.palisade.ha.agent.HaView;
import io.palisade.ha.election.HaStateMachine;
import io.palisade.ha.election.HaTransition;
import io.palisade.mgmt.configedit.YamlPathEditor;
import io.palisade.ops.CommandResult;
import io.palisade.ops.CommitResult;
import io.palisade.ops.CounterValue;
import io.palisade.ops.FlapStatistics;
import io.palisade.ops.HaStatus;
import io.palisade.ops.LinkMonitoringStatus;
import io.palisade.ops.OpsEvent;
import io.palisade.ops.OpsService;
import io.palisade.ops.PathMonitoringStatus;
import io.palisade.ops.PolicyMatchQuery;
import io.palisade.ops.PolicyMatchResult;
import io.palisade.ops.SessionDetail;
import io.palisade.ops.SessionFilter;
import io.palisade.ops.SessionInfo;
import io.palisade.ops.SessionSummary;
import io.palisade.ops.StateSyncStatus;
import io.palisade.ops.SystemInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's operations facade: answers from published snapshots (HA view, running configuration) and from
 * tasks run on the data-plane workers (sessions); commands go to their owners (the HA agent's queue, the
 * committer). Converts internal pictures into the {@code io.palisade.ops} records management renders.
 */
public final class NodeOps implements OpsService {
    private final Node node;
    private final NodeLabFaults labFaults;
    private final List<Consumer<OpsEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, CounterKind> counterKinds = new HashMap<>();
    private Map<String, Long> lastCounters = Map.of();
    private long lastCountersAtMs;

    NodeOps(Node node) {
        this.node = node;
        this.labFaults = new NodeLabFaults(node);
        for (CounterKind k : EnumSet.allOf(FlowCounter.class)) {
            counterKinds.put(k.counterName(), k);
        }
        for (CounterKind k : EnumSet.allOf(PacketDrop.class)) {
            counterKinds.put(k.counterName(), k);
        }
        for (CounterKind k : EnumSet.allOf(NatOutcome.class)) {
            counterKinds.put(k.counterName(), k);
        }
        for (CounterKind k : EnumSet.allOf(io.palisade.ha.ha1.Ha1Counter.class)) {
            counterKinds.put(k.counterName(), k);
        }
        if (node.haAgent() != null) {
            node.haAgent().onTransition(this::onTransition);
        }
        node.configService()
                .addListener(candidate -> running -> emit(new OpsEvent.Committed(
                        running.info().committedAtMs(),
                        running.info().version(),
                        running.info().source(),
                        running.info().description())));
    }

    private void onTransition(HaTransition t) {
        emit(new OpsEvent.HaStateChanged(
                node.options().epochMillis().getAsLong(),
                t.from().displayName(),
                t.to().displayName(),
                t.reason().toString()));
    }

    private void emit(OpsEvent e) {
        listeners.forEach(l -> l.accept(e));
    }

    private long now() {
        return node.options().epochMillis().getAsLong();
    }

    private PalisadeConfig running() {
        return node.configService().running().config();
    }

    // ------------------------------------------------------------------------------------------ system

    @Override
    public SystemInfo systemInfo() {
        PalisadeConfig c = running();
        HaView v = view();
        return new SystemInfo(
                c.device().hostname(),
                c.device().effectiveSerial(),
                Node.SOFTWARE_VERSION,
                String.valueOf(
                        node.management() == null
                                ? c.device().management().listen()
                                : node.management().baseUri()),
                now() - node.startedEpochMs(),
                c.highAvailability().enabled() ? mode(c.highAvailability()) : "disabled",
                v == null ? "standalone" : v.snapshot().local().state().displayName(),
                node.dataplane().workerCount(),
                node.configService().running().info().version(),
                Runtime.version().toString());
    }

    private static String mode(HaConfig ha) {
        return ha.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private HaView view() {
        return node.haAgent() == null ? null : node.haAgent().view();
    }

    // ------------------------------------------------------------------------------------------ HA

    @Override
    public HaStatus haStatus() {
        return HaStatusMapper.map(node, view(), running());
    }

    @Override
    public List<io.palisade.ops.HaTransition> haTransitions() {
        HaView v = view();
        if (v == null) {
            return List.of();
        }
        List<io.palisade.ops.HaTransition> out = new ArrayList<>();
        for (HaTransition t : v.snapshot().history()) {
            out.add(new io.palisade.ops.HaTransition(
                    v.takenAtEpochMs() - (v.takenAtNs() - t.atNs()) / 1_000_000,
                    t.from().displayName(),
                    t.to().displayName(),
                    t.reason().toString()));
        }
        return out;
    }

    @Override
    public FlapStatistics haFlapStatistics() {
        HaView v = view();
        if (v == null) {
            return new FlapStatistics(0, 0, 0, 0);
        }
        var f = v.snapshot().flaps();
        long last = f.lastFlapNs() == HaStateMachine.NONE
                ? 0
                : v.takenAtEpochMs() - (v.takenAtNs() - f.lastFlapNs()) / 1_000_000;
        return new FlapStatistics(f.preemptionFlaps(), f.nonFunctionalFlaps(), f.flapMax(), last);
    }

    @Override
    public StateSyncStatus haStateSynchronization() {
        SessionSync s = node.sessionSync();
        HaConfig ha = running().highAvailability();
        if (s == null) {
            return new StateSyncStatus(
                    false,
                    ha.stateSynchronization().transport().name().toLowerCase(Locale.ROOT),
                    "disabled",
                    "not-started",
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0);
        }
        return s.status();
    }

    @Override
    public CommandResult haSuspend() {
        return haCommand(node.haAgent() == null ? null : node.haAgent().suspend());
    }

    @Override
    public CommandResult haFunctional() {
        return haCommand(node.haAgent() == null ? null : node.haAgent().functional());
    }

    @Override
    public CommandResult haSyncToRemoteRunningConfig() {
        return haCommand(node.haAgent() == null ? null : node.haAgent().syncToRemote());
    }

    private static CommandResult haCommand(java.util.concurrent.CompletableFuture<String> f) {
        if (f == null) {
            return new CommandResult(false, "high availability is not enabled on this node");
        }
        try {
            String message = f.get(5, TimeUnit.SECONDS);
            boolean ok = !message.startsWith("not ") && !message.contains("disabled") && !message.contains("down;");
            return new CommandResult(ok, message);
        } catch (Exception e) {
            return new CommandResult(false, "the HA agent did not answer: " + e);
        }
    }

    // ------------------------------------------------------------------------------------------ sessions

    @Override
    public List<SessionSummary> sessions(SessionFilter filter, int limit) {
        return node.dataplane().sessions(s -> matches(filter, s), Math.max(0, limit)).stream()
                .map(NodeOps::summary)
                .toList();
    }

    private static boolean matches(SessionFilter f, SessionSnapshot s) {
        return (f.source() == null || f.source().equals(s.source()))
                && (f.destination() == null || f.destination().equals(s.destination()))
                && (f.sourcePort() == null || f.sourcePort() == s.sourcePort())
                && (f.destinationPort() == null || f.destinationPort() == s.destinationPort())
                && (f.protocol() == null || f.protocol() == s.protocol())
                && (f.fromZone() == null || f.fromZone().equals(s.fromZone()))
                && (f.toZone() == null || f.toZone().equals(s.toZone()))
                && (f.application() == null || f.application().equals(s.application()))
                && (f.rule() == null || f.rule().equals(s.rule()))
                && (f.state() == null || f.state().equalsIgnoreCase(s.state()));
    }

    private static SessionSummary summary(SessionSnapshot s) {
        return new SessionSummary(
                s.id(),
                s.application(),
                s.state(),
                "FLOW",
                s.natFlag(),
                s.source(),
                s.sourcePort(),
                s.fromZone(),
                s.protocol(),
                s.translatedSource(),
                s.translatedSourcePort(),
                s.destination(),
                s.destinationPort(),
                s.toZone(),
                s.translatedDestination(),
                s.translatedDestinationPort(),
                s.fromPeer());
    }

    @Override
    public Optional<SessionDetail> session(long id) {
        return node.dataplane()
                .session(id)
                .map(s -> new SessionDetail(
                        summary(s),
                        s.tcpState(),
                        s.startEpochMs(),
                        s.timeoutS(),
                        s.idleMs(),
                        s.bytesC2s(),
                        s.bytesS2c(),
                        s.packetsC2s(),
                        s.packetsS2c(),
                        s.rule(),
                        s.natRule(),
                        s.ingressInterface(),
                        s.egressInterface(),
                        s.sourceUser() == null ? "unknown" : s.sourceUser(),
                        s.logAtEnd(),
                        s.fromPeer(),
                        s.worker(),
                        s.syncState()));
    }

    @Override
    public SessionInfo sessionInfo() {
        Map<String, Long> byProto = node.dataplane().sessionCounts();
        Map<String, Long> counters = node.dataplane().counterTotals();
        Rates r = rates(counters);
        var t = running().session().timeouts();
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        timeouts.put("tcp", t.tcp());
        timeouts.put("tcp-init", t.tcpInit());
        timeouts.put("tcp-handshake", t.tcpHandshake());
        timeouts.put("tcp-half-closed", t.tcpHalfClosed());
        timeouts.put("tcp-time-wait", t.tcpTimeWait());
        timeouts.put("tcp-unverified-rst", t.tcpUnverifiedRst());
        timeouts.put("udp", t.udp());
        timeouts.put("icmp", t.icmp());
        timeouts.put("default", t.otherIp());
        timeouts.put("discard-tcp", t.discardTcp());
        timeouts.put("discard-udp", t.discardUdp());
        timeouts.put("discard-default", t.discardDefault());
        long allocated = byProto.values().stream().mapToLong(Long::longValue).sum();
        return new SessionInfo(
                node.dataplane().sessionCapacity(),
                allocated,
                byProto.get("tcp"),
                byProto.get("udp"),
                byProto.get("icmp"),
                byProto.get("other"),
                node.dataplane().sessionsInstalled(),
                r.of("pkt_recv"),
                0,
                r.of("session_installed"),
                timeouts,
                running().session().tcpRejectNonSyn());
    }

    @Override
    public List<CounterValue> globalCounters() {
        Map<String, Long> totals = node.dataplane().counterTotals();
        SessionSync s = node.sessionSync();
        if (s != null) {
            s.addCountersTo(totals);
        }
        for (var link : node.ha1Links()) {
            link.counters().addTo(totals); // HA1 and HA1 backup total up, as HA2's links do
        }
        Rates r = rates(totals);
        List<CounterValue> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            if (e.getValue() == 0) {
                continue; // PAN-OS shows counters that moved
            }
            CounterKind k = counterKinds.get(e.getKey());
            out.add(new CounterValue(
                    e.getKey(),
                    e.getValue(),
                    r.of(e.getKey()),
                    k == null ? "info" : k.severity().label(),
                    k == null ? "ha" : k.category(),
                    k == null ? e.getKey().replace('_', ' ') : k.description()));
        }
        return out;
    }

    private record Rates(Map<String, Long> now, Map<String, Long> before, long elapsedMs) {
        long of(String name) {
            if (elapsedMs <= 0) {
                return 0;
            }
            long d = now.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
            return Math.max(0, d * 1000 / elapsedMs);
        }
    }

    private synchronized Rates rates(Map<String, Long> totals) {
        long t = now();
        Rates r = new Rates(totals, lastCounters, lastCountersAtMs == 0 ? 0 : t - lastCountersAtMs);
        lastCounters = Map.copyOf(totals);
        lastCountersAtMs = t;
        return r;
    }

    @Override
    public PolicyMatchResult testSecurityPolicyMatch(PolicyMatchQuery q) {
        var rc = node.dataplane().current();
        var policy = rc.policy();
        int fromZone = policy.zoneId(q.fromZone());
        int toZone = policy.zoneId(q.toZone());
        if (fromZone < 0 || toZone < 0) {
            throw new IllegalArgumentException(
                    "zone '" + (fromZone < 0 ? q.fromZone() : q.toZone()) + "' does not exist");
        }
        InetAddress src = IpAddresses.parse(q.source());
        InetAddress dst = IpAddresses.parse(q.destination());
        long[] s = Addresses.halves(src);
        long[] d = Addresses.halves(dst);
        int v = src.getAddress().length == 4 ? 4 : 6;
        int app = q.application() == null
                ? policy.identifyApplication(q.protocol(), q.destinationPort())
                : policy.applications().id(q.application());
        if (app < 0) {
            throw new IllegalArgumentException("application '" + q.application() + "' is not known");
        }
        String user = q.sourceUser() != null ? q.sourceUser() : policy.userOf(v, s[0], s[1]);
        int rule = policy.matchSecurity(
                fromZone, toZone, v, s[0], s[1], d[0], d[1], q.protocol(), -1, q.destinationPort(), app, user);
        return new PolicyMatchResult(
                policy.ruleName(rule),
                policy.ruleAction(rule).name().toLowerCase(Locale.ROOT).replace('_', '-'),
                rule < 0 ? 0 : rule + 1,
                policy.applications().name(app));
    }

    // ------------------------------------------------------------------------------------------ configuration

    private ConfigService config() {
        return node.configService();
    }

    @Override
    public io.palisade.ops.ConfigText runningConfig() {
        RunningConfig r = config().running();
        return new io.palisade.ops.ConfigText(r.info().version(), r.info().digest(), ConfigText.toYaml(r.config()));
    }

    @Override
    public io.palisade.ops.ConfigText candidateConfig() {
        PalisadeConfig c = config().candidate();
        long version =
                config().candidateChanged() ? 0 : config().running().info().version();
        return new io.palisade.ops.ConfigText(version, ConfigText.digest(c), ConfigText.toYaml(c));
    }

    @Override
    public List<Problem> replaceCandidate(String yaml) {
        try {
            config().setCandidateText(yaml, "candidate");
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Override
    public List<Problem> setCandidateValue(String path, String yamlValue) {
        String edited;
        try {
            edited = YamlPathEditor.apply(ConfigText.toYaml(config().candidate()), path, yamlValue);
        } catch (IllegalArgumentException e) {
            return List.of(new Problem(path, 0, 0, e.getMessage()));
        }
        ConfigLoader.Result r =
                ConfigLoader.parse(edited, "candidate", node.configFile().getParent());
        if (!r.ok()) {
            return r.problems();
        }
        config().setCandidate(r.config());
        return List.of();
    }

    @Override
    public List<Problem> validateCandidate() {
        return config().validateCandidate();
    }

    @Override
    public CommitResult commit(String description, String source) {
        try {
            return new CommitResult(config().commit(source, description), List.of());
        } catch (ConfigException e) {
            return new CommitResult(null, e.problems());
        }
    }

    @Override
    public void revertCandidate() {
        config().revertCandidate();
    }

    @Override
    public List<VersionInfo> configHistory() {
        return config().store().history();
    }

    @Override
    public CommitResult rollback(long version) {
        try {
            return new CommitResult(config().rollback(version), List.of());
        } catch (ConfigException e) {
            return new CommitResult(null, e.problems());
        } catch (IllegalArgumentException e) {
            return new CommitResult(null, List.of(new Problem("", 0, 0, e.getMessage())));
        }
    }

    @Override
    public String configDiff(long fromVersion, long toVersion) {
        return config().diff(fromVersion, toVersion);
    }

    // ------------------------------------------------------------------------------------------ lab faults

    @Override
    public List<io.palisade.ops.LabFault> labFaults() {
        return labFaults.list();
    }

    @Override
    public CommandResult setLabFault(io.palisade.ops.LabFaultRequest request) {
        return labFaults.set(request);
    }

    // ------------------------------------------------------------------------------------------ events

    @Override
    public AutoCloseable subscribe(Consumer<OpsEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Publishes a monitor or sync event (used by the node's components). */
    void publish(OpsEvent event) {
        emit(event);
    }

    static LinkMonitoringStatus linkMonitoring(HaView v, HaConfig ha) {
        if (v == null || v.linkMonitoring() == null) {
            return new LinkMonitoringStatus(
                    ha.linkMonitoring().enabled(),
                    ha.linkMonitoring().failureCondition().name().toLowerCase(Locale.ROOT),
                    false,
                    List.of());
        }
        var s = v.linkMonitoring();
        return new LinkMonitoringStatus(
                s.enabled(),
                s.condition().name().toLowerCase(Locale.ROOT),
                s.failed(),
                s.groups().stream()
                        .map(g -> new LinkMonitoringStatus.Group(
                                g.name(),
                                g.enabled(),
                                g.condition().name().toLowerCase(Locale.ROOT),
                                g.failed(),
                                g.members().stream()
                                        .map(m -> new LinkMonitoringStatus.Member(
                                                m.interfaceName(), m.up() ? "up" : "down"))
                                        .toList()))
                        .toList());
    }

    static PathMonitoringStatus pathMonitoring(HaView v, HaConfig ha) {
        var pm = ha.pathMonitoring();
        if (v == null) {
            return new PathMonitoringStatus(
                    pm.enabled(), pm.failureCondition().name().toLowerCase(Locale.ROOT), false, List.of());
        }
        return new PathMonitoringStatus(
                pm.enabled(),
                pm.failureCondition().name().toLowerCase(Locale.ROOT),
                v.pathMonitoringFailed(),
                v.pathGroups().stream()
                        .map(g -> new PathMonitoringStatus.Group(
                                g.name(),
                                g.type(),
                                g.target(),
                                true,
                                g.failureCondition(),
                                g.failed(),
                                g.pingIntervalMs(),
                                g.pingCount(),
                                g.destinations().stream()
                                        .map(d -> new PathMonitoringStatus.Destination(
                                                d.address(),
                                                d.up(),
                                                d.successes(),
                                                d.total(),
                                                nan0(d.rttMinMs()),
                                                nan0(d.rttMaxMs()),
                                                nan0(d.rttAvgMs())))
                                        .toList()))
                        .toList());
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v * 100) / 100.0;
    }
}

package io.palisade.mgmt.testing;

import io.palisade.config.ConfigException;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HaTimers;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.SecurityRule;
import io.palisade.config.store.ConfigService;
import io.palisade.config.store.ConfigStore;
import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import io.palisade.mgmt.configedit.YamlPathEditor;
import io.palisade.ops.CommandResult;
import io.palisade.ops.CommitResult;
import io.palisade.ops.CounterValue;
import io.palisade.ops.FlapStatistics;
import io.palisade.ops.HaStatus;
import io.palisade.ops.HaStatus.HaLink;
import io.palisade.ops.HaStatus.HaTimersView;
import io.palisade.ops.HaStatus.LocalHa;
import io.palisade.ops.HaStatus.PeerHa;
import io.palisade.ops.HaTransition;
import io.palisade.ops.LabFault;
import io.palisade.ops.LabFaultRequest;
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
import io.palisade.testkit.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An {@link OpsService} for tests: every configuration operation goes to a real {@link ConfigService} over a
 * temporary {@link ConfigStore} (booted from {@code examples/ap-pair/fw-a.yaml}); HA, session and counter state
 * is scripted and changed by the test or by the commands themselves (suspend moves to {@code suspended} with
 * reason {@code User requested} and emits {@link OpsEvent.HaStateChanged}), as the node's HA agent would.
 */
public final class ScriptedOps implements OpsService {
    /** How long before construction the scripted node booted. */
    public static final long UPTIME_AT_START_MS = 3 * 3_600_000L;

    private final long bootEpochMs;

    private final ConfigService config;
    private final LongSupplier epochMillis;
    private final List<Consumer<OpsEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<HaTransition> transitions = new ArrayList<>();
    private final Map<String, String> linkStatus = new LinkedHashMap<>();
    private final Map<String, String> interfaceStatus = new LinkedHashMap<>();
    private final List<SessionDetail> sessions = new ArrayList<>();
    private final Map<String, CounterValue> counters = new LinkedHashMap<>();
    private String state = "active";
    private String stateReason = "Preempted by priority";
    private long stateSinceMs;
    private String peerState = "passive";
    private String peerConnection = "up";
    private String runningConfigSync = "synchronized";
    private String bulkSync = "complete";
    private long syncQueueDepth = 3;
    private int preemptionFlaps;
    private final Map<String, Boolean> labFaults = new LinkedHashMap<>();
    private boolean labFaultsEnabled = true;

    private ScriptedOps(ConfigService config, LongSupplier epochMillis) {
        this.config = config;
        this.epochMillis = epochMillis;
        this.bootEpochMs = epochMillis.getAsLong() - UPTIME_AT_START_MS;
        this.stateSinceMs = bootEpochMs + 12_000;
        sessions.addAll(ScriptedSessions.sample(bootEpochMs));
        for (String link : List.of("ha1", "ha1-backup", "ha2", "heartbeat-backup")) {
            linkStatus.put(link, "up");
        }
        linkStatus.put("ha2-backup", "disabled");
        interfaceStatus.put("ethernet1/1", "up");
        interfaceStatus.put("ethernet1/2", "up");
        transitions.add(new HaTransition(bootEpochMs, "initial", "initial", "Device booted"));
        transitions.add(new HaTransition(bootEpochMs + 5_000, "initial", "passive", "Peer is active"));
        transitions.add(new HaTransition(stateSinceMs, "passive", "active", stateReason));
        ScriptedSessions.counters().forEach(c -> counters.put(c.name(), c));
        for (String key : List.of(
                "ha1-block ha1",
                "ha1-block ha1-backup",
                "ha2-block ha2",
                "link-down ethernet1/1",
                "link-down ethernet1/2")) {
            labFaults.put(key, false);
        }
    }

    /**
     * A node booted from {@code examples/ap-pair/fw-a.yaml}: its store lives in {@code storeDir}, version 1 is the
     * example committed by {@code boot}.
     */
    public static ScriptedOps bootFwA(Path storeDir, LongSupplier epochMillis) {
        Path file = RepoPaths.examples().resolve("ap-pair/fw-a.yaml");
        try {
            ConfigService service = new ConfigService(ConfigStore.open(storeDir), file.getParent(), epochMillis);
            service.setCandidateText(Files.readString(file), file.toString());
            service.commit("boot", "loaded " + file.getFileName());
            return new ScriptedOps(service, epochMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ test controls

    /** Offers the lab fault switches (the default) or refuses them, as a node without --lab-faults does. */
    public synchronized void setLabFaultsEnabled(boolean on) {
        labFaultsEnabled = on;
    }

    /** Moves the local node to {@code next}, records the transition and emits the event, as the HA agent does. */
    public synchronized void transitionTo(String next, String reason) {
        String from = state;
        long now = epochMillis.getAsLong();
        state = next;
        stateReason = reason;
        stateSinceMs = now;
        transitions.add(new HaTransition(now, from, next, reason));
        emit(new OpsEvent.HaStateChanged(now, from, next, reason));
    }

    public synchronized void setPeer(String state, String connection) {
        peerState = state;
        peerConnection = connection;
        emit(new OpsEvent.PeerChanged(epochMillis.getAsLong(), "fw-b", state, connection));
    }

    public synchronized void setLink(String name, String status) {
        linkStatus.put(name, status);
        emit(new OpsEvent.MonitorChanged(epochMillis.getAsLong(), "ha-link", name, "up".equals(status), status));
    }

    public synchronized void setInterface(String name, String status) {
        interfaceStatus.put(name, status);
        emit(new OpsEvent.MonitorChanged(epochMillis.getAsLong(), "link", name, "up".equals(status), status));
    }

    public synchronized void setCounter(String name, long value) {
        CounterValue c = counters.get(name);
        counters.put(name, new CounterValue(name, value, c.rate(), c.severity(), c.category(), c.description()));
    }

    public synchronized void addSession(SessionDetail session) {
        sessions.add(session);
    }

    public void emit(OpsEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    public ConfigService configService() {
        return config;
    }

    public int listenerCount() {
        return listeners.size();
    }

    // ------------------------------------------------------------------ system and HA

    private PalisadeConfig running() {
        return config.running().config();
    }

    @Override
    public synchronized SystemInfo systemInfo() {
        PalisadeConfig c = running();
        return new SystemInfo(
                c.device().hostname(),
                c.device().effectiveSerial(),
                "0.1.0",
                "127.0.0.1:9441",
                epochMillis.getAsLong() - bootEpochMs,
                c.highAvailability().enabled()
                        ? c.highAvailability()
                                .mode()
                                .name()
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '-')
                        : "disabled",
                c.highAvailability().enabled() ? state : "standalone",
                2,
                config.running().info().version(),
                "25");
    }

    @Override
    public synchronized HaStatus haStatus() {
        HaConfig ha = running().highAvailability();
        HaTimers.Resolved t = ha.election().timers().resolve();
        HaTimersView timers = new HaTimersView(
                ha.election().timers().profile().name().toLowerCase(Locale.ROOT),
                t.promotionHoldTimeMs(),
                t.helloIntervalMs(),
                t.heartbeatIntervalMs(),
                t.heartbeatMissThreshold(),
                t.flapMax(),
                t.preemptionHoldTimeMs(),
                t.monitorFailHoldUpTimeMs(),
                t.additionalMasterHoldUpTimeMs(),
                60_000);
        LocalHa local = new LocalHa(
                state,
                stateReason,
                stateSinceMs,
                ha.election().devicePriority(),
                ha.election().preemptive(),
                null,
                timers,
                "auto",
                links(ha),
                "0.1.0",
                running().device().effectiveSerial(),
                running().device().hostname(),
                "127.0.0.1:9441",
                "complete".equals(bulkSync) ? "Complete" : "Incomplete",
                "udp",
                "active".equals(state) ? "forward" : "discard");
        PeerHa peer = new PeerHa(
                peerConnection,
                peerState,
                "passive".equals(peerState) ? "Peer is active" : "Local device suspended",
                100,
                true,
                null,
                "0.1.0",
                "fw-b",
                "127.0.0.1:28779",
                "up".equals(peerConnection) ? 420 : 65_000,
                Map.of("Software Version", "Match", "Application Content", "Match"),
                config.running().info().sharedDigest());
        return new HaStatus(
                ha.enabled(),
                ha.groupId(),
                "Active-Passive",
                local,
                List.of(peer),
                linkMonitoring(ha),
                pathMonitoring(),
                ha.configSync(),
                runningConfigSync);
    }

    private List<HaLink> links(HaConfig ha) {
        List<HaLink> out = new ArrayList<>();
        out.add(new HaLink(
                "ha1", ha.ha1().local().toString(), ha.ha1().peer().toString(), linkStatus.get("ha1"), "TLS 1.3"));
        out.add(new HaLink(
                "ha1-backup",
                ha.ha1Backup().local().toString(),
                ha.ha1Backup().peer().toString(),
                linkStatus.get("ha1-backup"),
                "TLS 1.3"));
        out.add(new HaLink(
                "ha2", ha.ha2().local().toString(), ha.ha2().peer().toString(), linkStatus.get("ha2"), "udp"));
        out.add(new HaLink("ha2-backup", "", "", linkStatus.get("ha2-backup"), ""));
        out.add(new HaLink(
                "heartbeat-backup",
                ha.ha2().local().toString(),
                ha.ha2().peer().toString(),
                linkStatus.get("heartbeat-backup"),
                "udp"));
        return out;
    }

    private LinkMonitoringStatus linkMonitoring(HaConfig ha) {
        List<LinkMonitoringStatus.Group> groups = new ArrayList<>();
        boolean anyFailed = false;
        for (HaConfig.LinkGroup g : ha.linkMonitoring().groups()) {
            List<LinkMonitoringStatus.Member> members = g.interfaces().stream()
                    .map(i -> new LinkMonitoringStatus.Member(i, interfaceStatus.getOrDefault(i, "up")))
                    .toList();
            boolean failed = members.stream().anyMatch(m -> !"up".equals(m.state()));
            anyFailed |= failed;
            groups.add(new LinkMonitoringStatus.Group(
                    g.name(), g.enabled(), lower(g.failureCondition()), failed, members));
        }
        return new LinkMonitoringStatus(
                ha.linkMonitoring().enabled(), lower(ha.linkMonitoring().failureCondition()), anyFailed, groups);
    }

    private static PathMonitoringStatus pathMonitoring() {
        var dests = List.of(
                new PathMonitoringStatus.Destination("198.18.0.1", true, 10, 10, 0.21, 0.48, 0.30),
                new PathMonitoringStatus.Destination("198.18.0.2", true, 9, 10, 0.25, 1.75, 0.61));
        var group =
                new PathMonitoringStatus.Group("upstream", "virtual-wire", "vw1", true, "any", false, 1000, 10, dests);
        return new PathMonitoringStatus(true, "any", false, List.of(group));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public synchronized List<HaTransition> haTransitions() {
        return List.copyOf(transitions);
    }

    @Override
    public synchronized FlapStatistics haFlapStatistics() {
        return new FlapStatistics(preemptionFlaps, 0, 3, preemptionFlaps == 0 ? 0 : stateSinceMs);
    }

    @Override
    public synchronized StateSyncStatus haStateSynchronization() {
        return new StateSyncStatus(
                true, "udp", linkStatus.get("ha2"), bulkSync, 1520, 12, 183_400, 1, 1, syncQueueDepth, 4, 0);
    }

    @Override
    public synchronized CommandResult haSuspend() {
        if ("suspended".equals(state)) {
            return new CommandResult(false, "HA is already suspended");
        }
        transitionTo("suspended", "User requested");
        peerState = "active";
        return new CommandResult(true, "HA state of the local device is now suspended");
    }

    @Override
    public synchronized CommandResult haFunctional() {
        if (!"suspended".equals(state)) {
            return new CommandResult(false, "HA is not suspended (state " + state + ")");
        }
        transitionTo("passive", "User requested");
        return new CommandResult(true, "HA state of the local device is now functional");
    }

    @Override
    public synchronized CommandResult haSyncToRemoteRunningConfig() {
        if (!"up".equals(peerConnection)) {
            return new CommandResult(false, "the peer is not connected; nothing was sent");
        }
        runningConfigSync = "synchronized";
        emit(new OpsEvent.SyncChanged(epochMillis.getAsLong(), "running configuration sent to fw-b"));
        return new CommandResult(
                true,
                "Running configuration synchronized to the peer (version "
                        + config.running().info().version() + ")");
    }

    // ------------------------------------------------------------------ lab fault injection

    @Override
    public synchronized List<LabFault> labFaults() {
        if (!labFaultsEnabled) {
            return List.of();
        }
        return labFaults.entrySet().stream()
                .map(e -> {
                    String[] k = e.getKey().split(" ");
                    return new LabFault(k[0], k[1], e.getValue(), "scripted " + k[0]);
                })
                .toList();
    }

    @Override
    public synchronized CommandResult setLabFault(LabFaultRequest r) {
        if (!labFaultsEnabled) {
            return new CommandResult(false, "lab fault injection is not enabled on this node");
        }
        List<String> keys = labFaults.keySet().stream()
                .filter(k -> k.equals(r.fault() + " " + r.target())
                        || (LabFault.ALL.equals(r.target()) && k.startsWith(r.fault() + " ")))
                .toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no target '" + r.target() + "' for " + r.fault());
        }
        keys.forEach(k -> labFaults.put(k, r.on()));
        return new CommandResult(true, keys.size() + " switch(es) " + (r.on() ? "on" : "off"));
    }

    // ------------------------------------------------------------------ sessions and counters

    @Override
    public synchronized List<SessionSummary> sessions(SessionFilter filter, int limit) {
        return sessions.stream()
                .map(SessionDetail::summary)
                .filter(s -> ScriptedSessions.matches(s, filter))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<SessionDetail> session(long id) {
        return sessions.stream().filter(s -> s.summary().id() == id).findFirst();
    }

    @Override
    public synchronized SessionInfo sessionInfo() {
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
        timeouts.put("captive-portal", t.captivePortal());
        long tcp = count(6);
        long udp = count(17);
        long icmp = count(1) + count(58);
        return new SessionInfo(
                running().session().capacity(),
                sessions.size(),
                tcp,
                udp,
                icmp,
                sessions.size() - tcp - udp - icmp,
                5044,
                120,
                880,
                3,
                timeouts,
                running().session().tcpRejectNonSyn());
    }

    private long count(int protocol) {
        return sessions.stream().filter(s -> s.summary().protocol() == protocol).count();
    }

    @Override
    public synchronized List<CounterValue> globalCounters() {
        return List.copyOf(counters.values());
    }

    @Override
    public PolicyMatchResult testSecurityPolicyMatch(PolicyMatchQuery q) {
        List<SecurityRule> rules = running().securityRules();
        for (int i = 0; i < rules.size(); i++) {
            SecurityRule r = rules.get(i);
            if (!r.disabled() && zoneMatches(r.from(), q.fromZone()) && zoneMatches(r.to(), q.toZone())) {
                return new PolicyMatchResult(
                        r.name(), lower(r.action()), i + 1, q.application() == null ? "any" : q.application());
            }
        }
        boolean intrazone = q.fromZone().equals(q.toZone());
        return new PolicyMatchResult(
                intrazone ? "intrazone-default" : "interzone-default", intrazone ? "allow" : "deny", 0, "any");
    }

    private static boolean zoneMatches(List<String> zones, String zone) {
        return zones.contains("any") || zones.contains(zone);
    }

    // ------------------------------------------------------------------ configuration (the real service)

    @Override
    public io.palisade.ops.ConfigText runningConfig() {
        var r = config.running();
        return new io.palisade.ops.ConfigText(
                r.info().version(),
                r.info().digest(),
                config.store().text(r.info().version()));
    }

    @Override
    public io.palisade.ops.ConfigText candidateConfig() {
        PalisadeConfig c = config.candidate();
        boolean changed = config.candidateChanged();
        return new io.palisade.ops.ConfigText(
                changed ? 0 : config.running().info().version(), ConfigText.digest(c), ConfigText.toYaml(c));
    }

    @Override
    public List<Problem> replaceCandidate(String yaml) {
        ConfigLoader.Result result = ConfigLoader.parse(yaml, "candidate", baseDir());
        if (result.ok()) {
            config.setCandidate(result.config());
        }
        return result.problems();
    }

    @Override
    public List<Problem> setCandidateValue(String path, String yamlValue) {
        String edited;
        try {
            edited = YamlPathEditor.apply(ConfigText.toYaml(config.candidate()), path, yamlValue);
        } catch (IllegalArgumentException e) {
            return List.of(new Problem(path, 0, 0, e.getMessage()));
        }
        return replaceCandidate(edited);
    }

    private Path baseDir() {
        return RepoPaths.examples().resolve("ap-pair");
    }

    @Override
    public List<Problem> validateCandidate() {
        return config.validateCandidate();
    }

    @Override
    public CommitResult commit(String description, String source) {
        try {
            VersionInfo info = config.commit(source, description);
            emit(new OpsEvent.Committed(info.committedAtMs(), info.version(), source, description));
            return new CommitResult(info, List.of());
        } catch (ConfigException e) {
            return new CommitResult(null, e.problems());
        }
    }

    @Override
    public void revertCandidate() {
        config.revertCandidate();
    }

    @Override
    public List<VersionInfo> configHistory() {
        return config.store().history();
    }

    @Override
    public CommitResult rollback(long version) {
        try {
            VersionInfo info = config.rollback(version);
            emit(new OpsEvent.Committed(info.committedAtMs(), info.version(), "rollback", info.description()));
            return new CommitResult(info, List.of());
        } catch (ConfigException e) {
            return new CommitResult(null, e.problems());
        } catch (IllegalArgumentException e) {
            return new CommitResult(null, List.of(new Problem("version", 0, 0, e.getMessage())));
        }
    }

    @Override
    public String configDiff(long fromVersion, long toVersion) {
        return config.diff(fromVersion, toVersion);
    }

    @Override
    public AutoCloseable subscribe(Consumer<OpsEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}

package io.palisade.node;

import io.palisade.common.AgentRunner;
import io.palisade.common.IdleStrategy;
import io.palisade.common.NanoClock;
import io.palisade.common.UserError;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.store.ConfigService;
import io.palisade.config.store.ConfigStore;
import io.palisade.config.store.CrashPoint;
import io.palisade.dataplane.engine.Dataplane;
import io.palisade.dataplane.engine.ForwardingMode;
import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.port.Port;
import io.palisade.dataplane.port.PortFactory;
import io.palisade.ha.agent.HaAgent;
import io.palisade.ha.agent.SessionSyncControl;
import io.palisade.ha.ha1.Ha1Inbox;
import io.palisade.ha.ha1.Ha1Options;
import io.palisade.ha.ha1.Ha1Security;
import io.palisade.ha.ha1.Ha1Transport;
import io.palisade.ha.monitor.IcmpPathProbe;
import io.palisade.ha.monitor.LinkMonitor;
import io.palisade.ha.monitor.PathMonitor;
import io.palisade.ha.monitor.PathProbe;
import io.palisade.mgmt.ManagementServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One firewall node: the composition root. It loads the configuration, opens the commit history, builds the
 * data plane, the HA agent (with HA1, HA2 and the monitors) and the management server, wires them together and
 * runs them. Everything that owns state runs on its own thread; the node only starts and stops them.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");

    /** The software version nodes compare over HA1. */
    public static final String SOFTWARE_VERSION = "0.1.0";

    /**
     * How a node is run.
     *
     * @param clock monotonic clock
     * @param epochMillis wall clock
     * @param pathProbes opens the path-monitoring probe of a group; null for real ICMP echo
     * @param stateDirectory state folder, or null for the configuration's
     * @param consoleLog also log to stderr
     * @param configureLogging set up the log files (off when a test runs several nodes in one JVM)
     * @param labFaults offer the LAB / FAULT INJECTION switches through the ops facade (off by default)
     */
    public record Options(
            NanoClock clock,
            LongSupplier epochMillis,
            Function<HaConfig.PathGroup, PathProbe> pathProbes,
            Path stateDirectory,
            boolean consoleLog,
            boolean configureLogging,
            boolean labFaults) {

        /** The options without lab faults (the form before lab fault injection existed). */
        public Options(
                NanoClock clock,
                LongSupplier epochMillis,
                Function<HaConfig.PathGroup, PathProbe> pathProbes,
                Path stateDirectory,
                boolean consoleLog,
                boolean configureLogging) {
            this(clock, epochMillis, pathProbes, stateDirectory, consoleLog, configureLogging, false);
        }

        /** Real clocks, real ICMP probes, the configured state directory, logs to files and stderr. */
        public static Options standard() {
            return new Options(NanoClock.SYSTEM, System::currentTimeMillis, null, null, true, true, false);
        }

        public Options withPathProbes(Function<HaConfig.PathGroup, PathProbe> probes) {
            return new Options(clock, epochMillis, probes, stateDirectory, consoleLog, configureLogging, labFaults);
        }

        public Options withStateDirectory(Path dir) {
            return new Options(clock, epochMillis, pathProbes, dir, consoleLog, configureLogging, labFaults);
        }

        public Options withLogging(boolean configure, boolean console) {
            return new Options(clock, epochMillis, pathProbes, stateDirectory, console, configure, labFaults);
        }

        /** Offers the lab's fault switches (HA1/HA2 block, link down, path unreachable) through the ops facade. */
        public Options withLabFaults(boolean on) {
            return new Options(clock, epochMillis, pathProbes, stateDirectory, consoleLog, configureLogging, on);
        }
    }

    private final Path configFile;
    private final Options options;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ConfigService configService;
    private Dataplane dataplane;
    private volatile HaAgent haAgent;
    private List<Ha1Transport> ha1Links = List.of();
    private AgentRunner haRunner;
    private ManagementServer management;
    private NodeOps ops;
    private TrafficLogWriter trafficLog;
    private SessionSync sessionSync;
    private long startedEpochMs;
    private LinkWatcher linkWatcher;
    private volatile long linksSettleDeadlineNs = Long.MIN_VALUE / 2;

    /** How long a link raised by this node may take to report carrier before link monitoring counts it down. */
    private static final long LINK_SETTLE_NS = 1_000_000_000L;

    private Node(Path configFile, Options options) {
        this.configFile = configFile;
        this.options = options;
    }

    /** Loads {@code configFile} and starts everything; throws {@link UserError} on a bad configuration. */
    public static Node start(Path configFile, Options options) {
        Node node = new Node(configFile.toAbsolutePath(), options);
        try {
            node.boot();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void boot() {
        startedEpochMs = options.epochMillis().getAsLong();
        ConfigLoader.Result loaded = ConfigLoader.load(configFile);
        PalisadeConfig fileConfig = loaded.orThrow();
        Path baseDir = configFile.getParent();
        Path state = options.stateDirectory() != null
                ? options.stateDirectory()
                : baseDir.resolve(fileConfig.device().stateDirectory());
        var logging = fileConfig.device().logging();
        Path logDir = state.resolve(logging.directory());
        if (options.configureLogging()) {
            LogSetup.configure(
                    logDir,
                    fileConfig.device().hostname(),
                    logging.maxFileSizeMb(),
                    logging.maxFiles(),
                    options.consoleLog());
        }
        configService = new ConfigService(
                ConfigStore.open(state.resolve("config"), CrashPoint.fromSystemProperty()),
                baseDir,
                options.epochMillis());
        PalisadeConfig boot = bootConfig(fileConfig, state);
        trafficLog = openTrafficLog(logDir, logging);
        HaConfig ha = boot.highAvailability();
        sessionSync = ha.enabled() && ha.stateSynchronization().enabled() && ha.ha2() != null
                ? new SessionSync(ha, boot, options.clock(), fileConfig.device().effectiveSerial(), baseDir)
                : null;
        SessionEventSink sink = sessionSync != null ? sessionSync.sink() : SessionEventSink.NONE;
        int workers = boot.device().workers() > 0
                ? boot.device().workers()
                : Math.max(1, Runtime.getRuntime().availableProcessors());
        dataplane = new Dataplane(
                new Dataplane.Options(
                        workers,
                        boot.session().capacity(),
                        2048,
                        options.clock(),
                        options.epochMillis(),
                        sink,
                        trafficLog),
                PortFactory.standard(baseDir),
                ha.enabled() ? ForwardingMode.DISCARD : ForwardingMode.FORWARD);
        configService.addListener(dataplane);
        commitBoot(boot);
        if (sessionSync != null) {
            sessionSync.attach(dataplane);
        }
        dataplane.start();
        if (ha.enabled()) {
            startHa(ha, fileConfig, baseDir);
        }
        ops = new NodeOps(this);
        if (options.labFaults()) {
            LOG.warn("LAB fault injection is enabled on this node (--lab-faults): its HA links, data links and"
                    + " path destinations can be broken through the API");
        }
        startManagement(boot, baseDir);
        LOG.info(
                "node {} started: {} workers, HA {}, management on {}",
                boot.device().hostname(),
                workers,
                ha.enabled()
                        ? ha.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        : "off",
                management == null ? "none" : management.baseUri());
    }

    /**
     * The configuration to run: the file when the store is empty or the file changed since it was last loaded
     * (the operator edited it), otherwise the store's running version (which may include API commits).
     */
    private PalisadeConfig bootConfig(PalisadeConfig fileConfig, Path state) {
        Path marker = state.resolve("config/boot-file.digest");
        String fileDigest = ConfigText.digest(fileConfig);
        try {
            String seen = Files.exists(marker) ? Files.readString(marker).strip() : "";
            if (configService.running() == null || !seen.equals(fileDigest)) {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, fileDigest + "\n");
                pendingBootSource = configService.running() == null ? "boot" : "file";
                return fileConfig;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("state directory " + state + ": " + e.getMessage(), e);
        }
        pendingBootSource = null;
        LOG.info(
                "running configuration version {} from the commit history (the file is unchanged)",
                configService.running().info().version());
        return configService.running().config();
    }

    private String pendingBootSource;

    private void commitBoot(PalisadeConfig boot) {
        if (pendingBootSource != null) {
            configService.commitConfig(boot, pendingBootSource, "loaded from " + configFile.getFileName());
        } else {
            configService.activateRunning();
        }
    }

    private TrafficLogWriter openTrafficLog(Path logDir, io.palisade.config.model.LoggingConfig logging) {
        try {
            TrafficLogWriter w = new TrafficLogWriter(
                    logDir.resolve("traffic.json"), logging.maxFileSizeMb() * 1024L * 1024L, logging.maxFiles());
            closeables.add(w);
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("traffic log in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void startHa(HaConfig ha, PalisadeConfig fileConfig, Path baseDir) {
        Ha1Security security = Ha1Security.fromConfig(resolveTls(ha.ha1Encryption(), baseDir));
        Ha1Inbox inbox = new Ha1Inbox();
        List<Ha1Transport> links = new ArrayList<>();
        try {
            links.add(Ha1Transport.startPair(
                    Ha1Transport.PRIMARY, ha.ha1(), security, inbox, options.clock(), Ha1Options.DEFAULTS));
            if (ha.ha1Backup() != null) {
                links.add(Ha1Transport.startPair(
                        Ha1Transport.BACKUP, ha.ha1Backup(), security, inbox, options.clock(), Ha1Options.DEFAULTS));
            }
        } catch (IOException e) {
            links.forEach(Ha1Transport::close);
            throw new UserError(e.getMessage());
        }
        links.forEach(closeables::add);
        ha1Links = List.copyOf(links);
        LinkMonitor linkMonitor = new LinkMonitor(ha.linkMonitoring(), this::linkUp);
        if (fileConfig.interfaces().stream()
                .anyMatch(i -> i.backing() instanceof io.palisade.config.model.Backing.AfPacket)) {
            linkWatcher = LinkWatcher.start(() -> {
                        HaAgent agent = haAgent;
                        if (agent != null) {
                            agent.linkStateChanged();
                        }
                    })
                    .orElse(null);
            if (linkWatcher != null) {
                closeables.add(linkWatcher);
            }
        }
        Function<HaConfig.PathGroup, PathProbe> probes = options.pathProbes() != null
                ? options.pathProbes()
                : g -> new IcmpPathProbe(g.sourceIp(), 0x5041 ^ g.name().hashCode() & 0xffff);
        if (probes instanceof SimulatedPathProbes) {
            LOG.warn("path monitoring uses SIMULATED probes (--simulated-path-probes, in-process lab): every"
                    + " destination answers unless the lab marks it unreachable; no ICMP is sent");
        }
        PathMonitor pathMonitor = new PathMonitor(ha.pathMonitoring(), probes);
        SessionSyncControl control = sessionSync == null ? null : sessionSync.control();
        haAgent = new HaAgent(new HaAgent.Parts(
                ha,
                fileConfig.device().effectiveSerial(),
                nodeId(ha),
                SOFTWARE_VERSION,
                new NodeEnvironment(this),
                inbox,
                links,
                linkMonitor,
                pathMonitor,
                control,
                options.clock(),
                options.epochMillis()));
        configService.addListener(haAgent);
        haRunner = new AgentRunner(haAgent, options.clock(), new IdleStrategy(50_000, 1_000_000), this::haAgentFailed)
                .start();
    }

    /**
     * The HA agent thread died: nothing sends heartbeats or follows the peer any more, so the peer takes over;
     * this node stops forwarding so there are never two forwarding nodes (fail closed, like a PAN-OS device
     * whose HA process fails and goes non-functional), and tells the peer so, which takes over at once.
     */
    private void haAgentFailed(Throwable t) {
        LOG.error("HA agent stopped: {}; this node stops forwarding", t.toString());
        dataplane.forwardingSwitch().set(ForwardingMode.DISCARD);
        haAgent.onOwnFailure(t, options.clock().nanoTime());
    }

    private static HaConfig.Ha1Encryption resolveTls(HaConfig.Ha1Encryption e, Path baseDir) {
        if (!e.enabled()) {
            return e;
        }
        return new HaConfig.Ha1Encryption(
                true,
                baseDir.resolve(e.certificate()).toString(),
                baseDir.resolve(e.key()).toString(),
                baseDir.resolve(e.peerCertificate()).toString());
    }

    /** A stable 8-byte identity standing for the HA1 MAC: the HA1 listen address and port. */
    static long nodeId(HaConfig ha) {
        byte[] a = ha.ha1().local().address().getAddress();
        long id = 0;
        for (byte b : a) {
            id = id * 31 + (b & 0xff);
        }
        return id << 16 | ha.ha1().local().port();
    }

    private void startManagement(PalisadeConfig config, Path baseDir) {
        var m = config.device().management();
        String key = m.apiKey();
        if (key == null && m.apiKeyFile() != null) {
            try {
                key = Files.readAllLines(baseDir.resolve(m.apiKeyFile()))
                        .getFirst()
                        .strip();
            } catch (IOException | java.util.NoSuchElementException e) {
                throw new UserError("API key file " + baseDir.resolve(m.apiKeyFile()) + " cannot be read");
            }
        }
        ManagementServer.Settings settings =
                ManagementServer.Settings.of(m.listen(), key).withMaxRequestBytes(m.maxRequestBytes());
        if (m.tls() != null) {
            settings = settings.withTls(
                    baseDir.resolve(m.tls().certificate()),
                    baseDir.resolve(m.tls().key()));
        }
        management = new ManagementServer(ops, settings, options.epochMillis()).start();
    }

    /**
     * Link monitoring's view of an interface: the kernel's latest link event for AF_PACKET links (sysfs or the
     * port's own state otherwise). A link this node holds down itself (passive link state {@code shutdown}, set by
     * the HA agent while not active) cannot be judged and counts as up: PAN-OS cannot detect link failures on a
     * passive node with shut links either, and counting it as down made every node of a pair with the PAN-OS
     * default and link monitoring go from initial straight to non-functional (HaFailoverTest). For a moment after
     * the links were brought back up, a link still coming up is not a failure either.
     */
    boolean linkUp(String interfaceName) {
        var rc = dataplane.current();
        if (rc == null) {
            return false;
        }
        int id = rc.policy().interfaceId(interfaceName);
        Port[] ports = dataplane.ports();
        if (id < 0 || id >= ports.length || ports[id] == null) {
            return false;
        }
        Port port = ports[id];
        if (!port.adminUp() || options.clock().nanoTime() - linksSettleDeadlineNs < 0) {
            return true;
        }
        String linux = null;
        for (var i : rc.config().interfaces()) {
            if (i.name().equals(interfaceName) && i.backing() instanceof io.palisade.config.model.Backing.AfPacket a) {
                linux = a.link();
            }
        }
        if (linkWatcher != null && linux != null) {
            var event = linkWatcher.operUp(linux);
            if (event.isPresent()) {
                return event.get();
            }
        }
        return port.linkUp();
    }

    /** Data links were brought up again (takeover with passive link state shutdown): let them settle. */
    void linksRaised() {
        linksSettleDeadlineNs = options.clock().nanoTime() + LINK_SETTLE_NS;
    }

    // ------------------------------------------------------------------------------------------ accessors

    public ConfigService configService() {
        return configService;
    }

    public Dataplane dataplane() {
        return dataplane;
    }

    /** The HA agent, or null when HA is off. */
    public HaAgent haAgent() {
        return haAgent;
    }

    /** The HA1 transports (primary, then backup), empty when HA is off. */
    List<Ha1Transport> ha1Links() {
        return ha1Links;
    }

    SessionSync sessionSync() {
        return sessionSync;
    }

    public NodeOps ops() {
        return ops;
    }

    public ManagementServer management() {
        return management;
    }

    public Path configFile() {
        return configFile;
    }

    long startedEpochMs() {
        return startedEpochMs;
    }

    Options options() {
        return options;
    }

    // ------------------------------------------------------------------------------------------ stop

    /**
     * Graceful stop: stop the HA agent, stop forwarding, then say goodbye (the peer takes over at once), then
     * close the rest. The order matters: when the goodbye went first, the agent kept running for as long as the
     * management server took to close and went on sending hellos and heartbeats as active; the peer took over on
     * the goodbye, heard those hellos, stepped down again ("Split brain resolved") and took over a second time
     * only after the failure timeout, with a moment where both forwarded (HaFailoverTest). Stopping the agent
     * first means nothing follows the goodbye; stopping forwarding before it means the peer never forwards while
     * this node still does. The goodbye leaves with the HA1 links' close flush.
     */
    @Override
    public void close() {
        if (haRunner != null) {
            haRunner.close();
        }
        if (dataplane != null) {
            dataplane.forwardingSwitch().set(ForwardingMode.DISCARD);
        }
        if (haAgent != null) {
            haAgent.goodbye("node shutting down");
        }
        if (management != null) {
            management.close();
        }
        if (dataplane != null) {
            dataplane.close();
        }
        if (sessionSync != null) {
            sessionSync.close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", closeables.get(i), e.toString());
            }
        }
        closeables.clear();
    }
}

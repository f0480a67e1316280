package io.palisade.ha.agent;

import io.palisade.common.Agent;
import io.palisade.common.NanoClock;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.store.ConfigListener;
import io.palisade.config.store.RunningConfig;
import io.palisade.dataplane.engine.ForwardingMode;
import io.palisade.ha.election.HaHello;
import io.palisade.ha.election.HaMachineConfig;
import io.palisade.ha.election.HaPath;
import io.palisade.ha.election.HaRequest;
import io.palisade.ha.election.HaState;
import io.palisade.ha.election.HaStateMachine;
import io.palisade.ha.election.HaTransition;
import io.palisade.ha.election.MonitorVerdict;
import io.palisade.ha.election.SoftwareVersion;
import io.palisade.ha.ha1.ConfigDigest;
import io.palisade.ha.ha1.Ha1Inbox;
import io.palisade.ha.ha1.Ha1Message;
import io.palisade.ha.ha1.Ha1PeerStatus;
import io.palisade.ha.ha1.Ha1Received;
import io.palisade.ha.ha1.Ha1Transport;
import io.palisade.ha.ha1.HaWireState;
import io.palisade.ha.monitor.LinkMonitor;
import io.palisade.ha.monitor.PathMonitor;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HA agent of one node: the only owner of HA state. Each duty cycle it checks for a pause of its own
 * process, takes operator commands, drains HA1 messages into the state machine, evaluates the monitors and the
 * data plane's health, runs the machine's timers, carries out what the machine asks (hellos, heartbeats,
 * ordered preemption, takeover and release of traffic), and publishes a {@link HaView}.
 *
 * <p>Takeover order (the keepalived/conntrackd lesson): sessions are already installed by HA2 on the passive
 * node, so taking over is: data links up (passive link state shutdown), forwarding on, then gratuitous ARP.
 */
public final class HaAgent implements Agent, ConfigListener {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");
    private static final int INBOX_BUDGET = 512;
    private static final long MONITOR_INTERVAL_NS = 20_000_000L;
    private static final long WORKER_STALL_NS = 3_000_000_000L;

    private final HaConfig ha;
    private final HaStateMachine machine;
    private final HaEnvironment env;
    private final Ha1Inbox inbox;
    private final List<Ha1Transport> links;
    private final LinkMonitor linkMonitor;
    private final PathMonitor pathMonitor;
    private final SessionSyncControl sessionSync;
    private final LongSupplier epochMillis;
    private final String softwareVersion;
    private final ConcurrentLinkedQueue<HaCommand> commands = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> answers = new ArrayDeque<>();
    private final List<Consumer<HaTransition>> transitionListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService configApplier;
    private final long stallThresholdNs;

    private volatile HaView view;
    private long lastCycleNs;
    private long nextMonitorNs;
    /** Set by {@link #linkStateChanged} from the link-event thread: evaluate the monitors in the next cycle. */
    private volatile boolean monitorDue;

    private MonitorVerdict linkVerdict = MonitorVerdict.healthy();
    private MonitorVerdict pathVerdict = MonitorVerdict.healthy();
    private MonitorVerdict dataplaneVerdict = MonitorVerdict.healthy();
    private ForwardingMode appliedForwarding;
    private Boolean linksUpApplied;
    private String peerSerial;
    private HaView.PeerExtras peerExtras;
    private ConfigDigest peerDigest = ConfigDigest.NONE;
    private String lastConfigSync;
    private long heartbeatSequence;
    private Ha1Message.Heartbeat lastPeerHeartbeat;
    private long lastPeerHeartbeatNs;
    private int historySeen;
    private boolean changed = true;
    private boolean[] linkWasUp;
    private final Ha1Paths paths;

    /** Everything the agent is built from. */
    public record Parts(
            HaConfig ha,
            String serial,
            long nodeId,
            String softwareVersion,
            HaEnvironment env,
            Ha1Inbox inbox,
            List<Ha1Transport> links,
            LinkMonitor linkMonitor,
            PathMonitor pathMonitor,
            SessionSyncControl sessionSync,
            NanoClock clock,
            LongSupplier epochMillis) {}

    public HaAgent(Parts p) {
        this.ha = p.ha();
        this.env = p.env();
        this.inbox = p.inbox();
        this.links = List.copyOf(p.links());
        this.linkMonitor = p.linkMonitor();
        this.pathMonitor = p.pathMonitor();
        this.sessionSync = p.sessionSync();
        this.epochMillis = p.epochMillis();
        this.softwareVersion = p.softwareVersion();
        HaMachineConfig mc =
                HaMachineConfig.from(ha, p.serial(), p.nodeId(), SoftwareVersion.parse(p.softwareVersion()));
        long now = p.clock().nanoTime();
        this.machine = new HaStateMachine(mc, now);
        this.stallThresholdNs = Math.max(50_000_000L, mc.timers().heartbeatIntervalMs() * 1_000_000L);
        this.configApplier = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().daemon(true).name("ha-config-sync").unstarted(r));
        this.lastCycleNs = now;
        this.paths = new Ha1Paths(
                links,
                ha.ha1().monitorHoldTimeMs() * 1_000_000L,
                mc.timers().heartbeatIntervalMs() * 1_500_000L); // 1.5 heartbeats
        applyForwarding();
        publish(now);
    }

    @Override
    public String roleName() {
        return "palisade-ha-agent";
    }

    public HaView view() {
        return view;
    }

    /**
     * The HA1 links, primary first then backup: their status and their fault switches ({@link
     * Ha1Transport#faults()}), which tests and the lab use to break HA1 the way a network would.
     */
    public List<Ha1Transport> ha1Links() {
        return links;
    }

    /** Listens to state transitions (called on the agent thread; must not block). */
    public void onTransition(Consumer<HaTransition> listener) {
        transitionListeners.add(listener);
    }

    // ------------------------------------------------------------------------------------------ commands

    public CompletableFuture<String> suspend() {
        return submit(new HaCommand.Suspend(new CompletableFuture<>()));
    }

    public CompletableFuture<String> functional() {
        return submit(new HaCommand.Functional(new CompletableFuture<>()));
    }

    /**
     * Any thread: the kernel reported a link change, so link monitoring is evaluated in the next duty cycle instead
     * of at the next monitoring interval (event-driven link monitoring; the interval remains the fallback).
     */
    public void linkStateChanged() {
        monitorDue = true;
    }

    public CompletableFuture<String> syncToRemote() {
        return submit(new HaCommand.SyncToRemote(new CompletableFuture<>()));
    }

    private CompletableFuture<String> submit(HaCommand c) {
        commands.add(c);
        return c.result();
    }

    // ------------------------------------------------------------------------------------------ config

    @Override
    public Prepared prepare(RunningConfig candidate) {
        // HA settings are read at start; a change to the HA block takes effect on restart (say so in the log).
        return running -> commands.add(
                new HaCommand.Committed(new HaCommand.RunningConfigRef(running), new CompletableFuture<>()));
    }

    // ------------------------------------------------------------------------------------------ duty cycle

    @Override
    public int doWork(long nowNs) {
        int work = 0;
        if (nowNs - lastCycleNs > stallThresholdNs) {
            LOG.warn(
                    "HA agent was paused for {} ms (GC or stop signal); peer liveness is re-armed, not timed out",
                    (nowNs - lastCycleNs) / 1_000_000);
            machine.onLocalStall(nowNs - lastCycleNs, nowNs);
            work++;
        }
        lastCycleNs = nowNs;
        work += runCommands(nowNs);
        work += helloOnLinkUp();
        work += inbox.drain(r -> onReceived(r, nowNs), INBOX_BUDGET);
        work += chooseMessageLink(nowNs);
        if (nowNs - nextMonitorNs >= 0 || monitorDue) {
            monitorDue = false;
            nextMonitorNs = nowNs + MONITOR_INTERVAL_NS;
            work += monitors(nowNs);
        }
        if (sessionSync != null) {
            work += sessionSync.poll(machine, peerSerial, nowNs);
        }
        work += machine.doWork(nowNs);
        // Published before the requests are carried out: once the peer hears of a change (a hello, a step-down
        // acknowledgement) this node's view already shows it. Published after them, a suspended node could still
        // show "passive" to its operator while its peer already showed it suspended (HaOperatorCommandsTest), and
        // in an ordered preemption the preempting node could show "active" before the one stepping down showed
        // "passive". The forwarding switch follows the state before the view shows it: whoever sees "passive"
        // (an operator, a test, the peer through a hello) never finds this node still forwarding, and whoever sees
        // "active" finds it forwarding (HaSplitBrainTest once read a passive node that still forwarded).
        applyForwarding();
        publishIfChanged(nowNs);
        work += machine.drainRequests(r -> handle(r, nowNs)); // requests act on the state; they never change it
        publishIfChanged(nowNs);
        completeCommands();
        return work;
    }

    private void publishIfChanged(long nowNs) {
        if (changed || machine.history().size() != historySeen) {
            notifyTransitions();
            publish(nowNs);
            changed = false;
        }
    }

    /** Operator commands are answered once the view shows their effect. */
    private void completeCommands() {
        for (Runnable r = answers.poll(); r != null; r = answers.poll()) {
            r.run();
        }
    }

    private int runCommands(long nowNs) {
        int n = 0;
        for (HaCommand c = commands.poll(); c != null; c = commands.poll()) {
            n++;
            changed = true;
            switch (c) {
                case HaCommand.Suspend s -> {
                    machine.suspend(nowNs);
                    answer(s, "HA state is now " + machine.state().displayName());
                }
                case HaCommand.Functional f -> {
                    boolean ok = machine.functional(nowNs);
                    answer(
                            f,
                            ok
                                    ? "HA state is now " + machine.state().displayName()
                                    : "not suspended; nothing to do (state "
                                            + machine.state().displayName() + ")");
                }
                case HaCommand.SyncToRemote s -> answer(s, syncToRemote(nowNs));
                case HaCommand.Committed m -> onCommitted(m.running().value());
            }
        }
        return n;
    }

    private void answer(HaCommand c, String message) {
        answers.add(() -> c.result().complete(message));
    }

    /**
     * When a link comes up the peer gets our hello at once (over the message link, see {@link #send}), so
     * negotiation does not wait for the hello interval.
     */
    private int helloOnLinkUp() {
        if (linkWasUp == null) {
            linkWasUp = new boolean[links.size()];
        }
        int n = 0;
        for (int i = 0; i < links.size(); i++) {
            boolean up = links.get(i).isUp();
            if (up && !linkWasUp[i]) {
                send(hello());
                changed = true;
                n++;
            }
            linkWasUp[i] = up;
        }
        return n;
    }

    private int monitors(long nowNs) {
        int work = 0;
        if (linkMonitor != null) {
            MonitorVerdict v = linkMonitor.evaluate();
            if (!v.equals(linkVerdict)) {
                LOG.info("Link monitoring: {}", v.failed() ? "failed, " + v.detail() : "all link groups up");
                linkVerdict = v;
                machine.onLinkMonitoring(v, nowNs);
                changed = true;
                work++;
            }
        }
        if (pathMonitor != null && pathMonitor.enabled()) {
            // With passive link state shutdown the data links are down on purpose: paths cannot be probed, and
            // that is no failure (PAN-OS: such failures are not detectable while passive).
            boolean linksShut = Boolean.FALSE.equals(linksUpApplied);
            if (linksShut) {
                pathMonitor.reset();
            }
            MonitorVerdict v = linksShut ? MonitorVerdict.healthy() : pathMonitor.doWork(nowNs);
            changed = true;
            if (!v.equals(pathVerdict)) {
                LOG.info("Path monitoring: {}", v.failed() ? "failed, " + v.detail() : "all path groups up");
                pathVerdict = v;
                machine.onPathMonitoring(v, nowNs);
                work++;
            }
        }
        MonitorVerdict d = dataplaneHealth(nowNs);
        if (!d.equals(dataplaneVerdict)) {
            LOG.info("Data plane health: {}", d.failed() ? d.detail() : "all workers running");
            dataplaneVerdict = d;
            machine.onDataplaneHealth(d, nowNs);
            changed = true;
            work++;
        }
        return work;
    }

    /** A worker that has not completed a duty cycle for {@link #WORKER_STALL_NS} is a data-plane failure. */
    private MonitorVerdict dataplaneHealth(long nowNs) {
        long[] cycles = env.workerCycleNs();
        for (int w = 0; w < cycles.length; w++) {
            if (cycles[w] == Long.MIN_VALUE) {
                return MonitorVerdict.failed("worker " + w + " is not running");
            }
            if (nowNs - cycles[w] > WORKER_STALL_NS) {
                return MonitorVerdict.failed(
                        "worker " + w + " made no progress for " + (nowNs - cycles[w]) / 1_000_000 + " ms");
            }
        }
        return MonitorVerdict.healthy();
    }

    // ------------------------------------------------------------------------------------------ HA1 input

    private void onReceived(Ha1Received r, long nowNs) {
        if (!paths.accept(r, nowNs)) {
            return; // sent before the peer's goodbye, which overtook it on the other link
        }
        HaPath path = Ha1Paths.path(r);
        changed = true;
        switch (r.message()) {
            case Ha1Message.Hello h -> {
                if (paths.currentHello(path, nowNs)) {
                    onHello(h, path, r, nowNs);
                } else if (h.nodeSerial().equals(peerSerial)) {
                    machine.onHeartbeat(peerSerial, path, nowNs);
                }
            }
            case Ha1Message.Heartbeat hb -> {
                lastPeerHeartbeat = hb;
                lastPeerHeartbeatNs = nowNs;
                if (peerSerial != null) {
                    machine.onHeartbeat(peerSerial, path, nowNs);
                }
            }
            case Ha1Message.Goodbye g -> {
                LOG.info("HA peer {} is shutting down gracefully: {}", peerSerial, g.reason());
                if (peerSerial != null) {
                    machine.onGoodbye(peerSerial, nowNs);
                }
            }
            case Ha1Message.PreemptRequest p -> machine.onPreemptRequest(p.serial(), nowNs);
            case Ha1Message.StepDownAck a -> machine.onStepDownAck(a.serial(), nowNs);
            case Ha1Message.StateChange s ->
                LOG.info(
                        "HA peer {} moved from {} to {} ({})",
                        peerSerial,
                        s.previous().label(),
                        s.state().label(),
                        s.reason());
            case Ha1Message.ConfigSync sync -> onConfigSync(sync);
            case Ha1Message.ConfigSyncResult res -> {
                lastConfigSync = (res.accepted() ? "accepted" : "refused") + " by the peer: " + res.message();
                LOG.info("HA config sync of version {} {}", res.configVersion(), lastConfigSync);
            }
            case Ha1Message.SyncToRemoteRequest req ->
                LOG.info("HA peer asks for our running config: {}", pushConfig("peer request: " + req.reason()));
            case Ha1Message.UserIdSync u ->
                LOG.debug(
                        "HA User-ID sync of {} mappings (static mappings travel with" + " the configuration)",
                        u.mappings().size());
        }
    }

    private void onHello(Ha1Message.Hello h, HaPath path, Ha1Received r, long nowNs) {
        peerSerial = h.nodeSerial();
        peerDigest = h.runningConfigDigest();
        peerExtras = new HaView.PeerExtras(
                h.stateReason(),
                h.softwareVersion(),
                h.runningConfigDigest().toString(),
                h.linkMonitorFailed(),
                h.pathMonitorFailed(),
                h.preemptionFlaps(),
                h.nonFunctionalFlaps(),
                r.from().getAddress().getHostAddress());
        HaHello hello = new HaHello(
                h.nodeSerial(),
                h.nodeId(),
                h.groupId(),
                h.mode(),
                HaState.fromCode(h.state().code()),
                h.devicePriority(),
                h.preemptive(),
                h.deviceId() == null ? -1 : h.deviceId(),
                SoftwareVersion.parse(h.softwareVersion()),
                h.ha2Transport(),
                h.bulkSyncComplete());
        machine.onHello(hello, path, nowNs);
    }

    // ------------------------------------------------------------------------------------------ requests

    private void handle(HaRequest request, long nowNs) {
        changed = true;
        switch (request) {
            case HaRequest.SendHello h -> send(hello());
            case HaRequest.SendHeartbeat h -> broadcast(heartbeat(nowNs));
            case HaRequest.SendPreemptRequest p -> send(new Ha1Message.PreemptRequest(localSerial()));
            case HaRequest.SendStepDownAck a -> send(new Ha1Message.StepDownAck(localSerial()));
            case HaRequest.RequestBulkSync b -> {
                if (sessionSync != null) {
                    sessionSync.requestBulkSync(b.peerSerial());
                }
            }
            case HaRequest.TakeOverTraffic t -> takeOver(t.state());
            case HaRequest.ReleaseTraffic t -> release(t.state());
        }
    }

    private void takeOver(HaState state) {
        LOG.info("HA Group {}: taking over traffic as {}", ha.groupId(), state.displayName());
        applyLinks(true);
        applyForwarding();
        env.announceAddresses();
        if (sessionSync != null) {
            sessionSync.onActive(true);
        }
    }

    private void release(HaState state) {
        LOG.info("HA Group {}: releasing traffic ({})", ha.groupId(), state.displayName());
        applyForwarding();
        if (sessionSync != null) {
            sessionSync.onActive(false);
        }
        applyLinks(passiveLinksUp());
    }

    private boolean passiveLinksUp() {
        return ha.activePassive().passiveLinkState() == io.palisade.config.model.PassiveLinkState.AUTO;
    }

    private void applyLinks(boolean up) {
        if (linksUpApplied == null || linksUpApplied != up) {
            linksUpApplied = up;
            env.setDataLinksUp(up);
        }
    }

    private void applyForwarding() {
        ForwardingMode mode = switch (machine.forwarding()) {
            case FORWARD -> ForwardingMode.FORWARD;
            case DISCARD -> ForwardingMode.DISCARD;
            case SEND_TO_PEER -> ForwardingMode.SEND_TO_PEER;
        };
        if (mode != appliedForwarding) {
            appliedForwarding = mode;
            env.setForwarding(mode);
            if (linksUpApplied == null) {
                applyLinks(mode == ForwardingMode.FORWARD || passiveLinksUp());
            }
        }
    }

    /** Heartbeats (liveness per path) and the goodbye go on every link. */
    private void broadcast(Ha1Message m) {
        for (Ha1Transport t : links) {
            t.send(m);
        }
    }

    /** Every other message goes on one link (see {@link Ha1Paths}). */
    private void send(Ha1Message m) {
        paths.messageLink().send(m);
    }

    private int chooseMessageLink(long nowNs) {
        if (!paths.choose(nowNs)) {
            return 0;
        }
        LOG.info(
                "HA Group {}: HA1 messages to the peer now go over {}",
                ha.groupId(),
                paths.messageLink().name());
        send(hello()); // a change of state the old link swallowed is heard at once
        return 1;
    }

    private Ha1Message.Hello hello() {
        HaHello local = machine.localHello();
        var snap = machine.snapshot(lastCycleNs);
        return new Ha1Message.Hello(
                local.groupId(),
                local.mode(),
                ha.deviceId(),
                local.serial(),
                local.nodeId(),
                softwareVersion,
                HaWireState.fromCode(local.state().code()).orElseThrow(),
                machine.reason().toString(),
                local.priority(),
                local.preemptive(),
                Ha1Message.TimerSummary.of(
                        ha.election().timers().profile(), ha.election().timers().resolve()),
                local.ha2Transport(),
                localDigest(),
                local.bulkSyncComplete(),
                linkVerdict.failed(),
                pathVerdict.failed(),
                false,
                snap.flaps().preemptionFlaps(),
                snap.flaps().nonFunctionalFlaps());
    }

    private Ha1Message.Heartbeat heartbeat(long nowNs) {
        heartbeatSequence++;
        Ha1Message.Heartbeat peer = lastPeerHeartbeat;
        return peer == null
                ? new Ha1Message.Heartbeat(heartbeatSequence, nowNs, 0, 0, 0)
                : new Ha1Message.Heartbeat(
                        heartbeatSequence, nowNs, peer.sequence(), peer.senderNs(), nowNs - lastPeerHeartbeatNs);
    }

    private String localSerial() {
        return machine.config().serial();
    }

    private ConfigDigest localDigest() {
        RunningConfig r = env.running();
        return r == null
                ? ConfigDigest.NONE
                : ConfigDigest.of(java.util.HexFormat.of().parseHex(r.info().sharedDigest()));
    }

    // ------------------------------------------------------------------------------------------ config sync

    private void onCommitted(RunningConfig running) {
        if (!"ha-sync".equals(running.info().source())
                && ha.configSync()
                && machine.state().isActive()) {
            LOG.info(
                    "HA config sync: {}",
                    pushConfig("commit of version " + running.info().version()));
        }
        send(hello()); // the digest changed
    }

    /** Sends the running configuration to the peer; returns what happened in one line. */
    /**
     * {@code sync-to-remote} is refused up front while a peer is active: the active node would refuse the
     * configuration anyway (config flows from the active node), and saying "sent" first hid that.
     */
    private String syncToRemote(long nowNs) {
        boolean peerActive = !machine.state().isActive()
                && machine.snapshot(nowNs).peers().stream()
                        .anyMatch(p -> p.connectionUp() && p.state().isActive());
        return peerActive
                ? "not sent: the peer is active and configuration flows from the active node (this node is "
                        + machine.state().displayName() + ")"
                : pushConfig("sync-to-remote");
    }

    private String pushConfig(String why) {
        RunningConfig r = env.running();
        if (r == null) {
            return "there is no running configuration to send";
        }
        if (!ha.configSync()) {
            return "config sync is disabled (high-availability.config-sync: false)";
        }
        if (links.stream().noneMatch(Ha1Transport::isUp)) {
            return "the HA1 link to the peer is down; the configuration was not sent";
        }
        String yaml = ConfigText.toYaml(r.config());
        send(new Ha1Message.ConfigSync(r.info().version(), ConfigDigest.sha256Of(yaml), yaml));
        lastConfigSync = "sent version " + r.info().version() + " (" + why + ")";
        return "running configuration version " + r.info().version() + " sent to the peer";
    }

    /**
     * A configuration from the peer: refused while this node is active (config flows from the active node),
     * otherwise validated, merged with this node's HA-local parts and committed off the agent thread.
     */
    private void onConfigSync(Ha1Message.ConfigSync sync) {
        if (machine.state().isActive()) {
            LOG.warn(
                    "HA config sync of version {} refused: this node is {} and config flows from the active node",
                    sync.configVersion(),
                    machine.state().displayName());
            send(new Ha1Message.ConfigSyncResult(
                    sync.configVersion(),
                    false,
                    "refused: the receiver is " + machine.state().displayName()));
            return;
        }
        RunningConfig local = env.running();
        long version = sync.configVersion();
        configApplier.execute(() -> {
            String message;
            boolean ok;
            try {
                PalisadeConfig received = ConfigLoader.parse(sync.yaml(), "HA peer version " + version)
                        .orThrow();
                PalisadeConfig merged = received.withLocalPartsOf(local.config());
                env.commitFromPeer(merged, "HA sync of peer version " + version);
                ok = true;
                message = "committed";
            } catch (RuntimeException e) {
                ok = false;
                message = e.getMessage().lines().findFirst().orElse("refused");
            }
            LOG.info("HA config sync from the peer (version {}): {}", version, message);
            boolean accepted = ok;
            String text = message;
            // The transports are thread-safe for sending.
            send(new Ha1Message.ConfigSyncResult(version, accepted, text));
        });
    }

    // ------------------------------------------------------------------------------------------ publishing

    private void notifyTransitions() {
        List<HaTransition> history = machine.history();
        int from = Math.max(0, Math.min(historySeen, history.size()));
        if (history.size() < historySeen) {
            from = 0; // the bounded history wrapped
        }
        for (int i = from; i < history.size(); i++) {
            HaTransition t = history.get(i);
            transitionListeners.forEach(l -> l.accept(t));
        }
        historySeen = history.size();
    }

    private void publish(long nowNs) {
        List<HaView.Link> linkViews = new ArrayList<>();
        for (Ha1Transport t : links) {
            for (Ha1PeerStatus s : t.status()) {
                linkViews.add(new HaView.Link(
                        t.name(),
                        String.valueOf(t.localAddress()),
                        String.valueOf(s.peer()),
                        s.up(),
                        s.up() ? "connected" : s.sending() ? "receive side down" : "down"));
            }
        }
        if (sessionSync != null) {
            linkViews.addAll(sessionSync.links());
        }
        boolean synced = !peerDigest.equals(ConfigDigest.NONE) && peerDigest.equals(localDigest());
        view = new HaView(
                machine.snapshot(nowNs),
                List.copyOf(linkViews),
                peerExtras,
                synced,
                lastConfigSync,
                linkMonitor == null ? null : linkMonitor.status(),
                pathGroups(),
                pathMonitor != null && pathMonitor.failed(),
                epochMillis.getAsLong(),
                nowNs);
    }

    private static String hostPort(InetSocketAddress a) {
        return a == null ? "" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private List<HaView.PathGroupStatus> pathGroups() {
        if (pathMonitor == null) {
            return List.of();
        }
        List<HaView.PathGroupStatus> out = new ArrayList<>();
        for (PathMonitor.Group g : pathMonitor.groups()) {
            var c = g.config();
            List<HaView.DestinationStatus> ds = g.destinations().stream()
                    .map(d -> new HaView.DestinationStatus(
                            d.address().getHostAddress(),
                            d.up(),
                            d.successes(),
                            d.total(),
                            d.rttMinMs(),
                            d.rttMaxMs(),
                            d.rttAvgMs()))
                    .toList();
            out.add(new HaView.PathGroupStatus(
                    c.name(),
                    c.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    c.target(),
                    c.failureCondition().name().toLowerCase(java.util.Locale.ROOT),
                    g.failed(),
                    c.pingIntervalMs(),
                    c.pingCount(),
                    ds));
        }
        return out;
    }

    /**
     * The duty cycle died on {@code error} and will not run again; called on the agent's own thread (see
     * {@code Node}), after the node stopped forwarding. Runs one last step: non-functional with the error as
     * reason, the traffic released (passive link state, addresses), the view published, and a hello that tells
     * the peer, which takes over at once instead of after the peer-failure timeout. The error may have left this
     * agent's state broken, so a failure of this step is logged and the peer is told by a goodbye instead.
     */
    public void onOwnFailure(Throwable error, long nowNs) {
        String detail = error.toString();
        try {
            machine.onAgentFailure(detail, nowNs);
            machine.drainRequests(r -> handle(r, nowNs));
            publishIfChanged(nowNs);
        } catch (RuntimeException | AssertionError e) {
            LOG.error("HA Group {}: could not record the HA agent's failure: {}", ha.groupId(), e.toString());
            goodbye("HA agent stopped: " + detail);
        }
    }

    /**
     * Graceful stop: tells the peer, which takes over at once. Call it after the agent has stopped and forwarding
     * is off (see {@code Node.close}): anything this agent sent after the goodbye would undo the takeover.
     */
    public void goodbye(String reason) {
        broadcast(new Ha1Message.Goodbye(reason));
    }

    @Override
    public void close() {
        configApplier.shutdownNow();
        if (pathMonitor != null) {
            pathMonitor.close();
        }
    }
}

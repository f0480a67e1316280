package io.palisade.ha.sync;

import io.palisade.common.Counters;
import io.palisade.common.NanoClock;
import io.palisade.common.UserError;
import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HostPort;
import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.ha.ha1.HaWireState;
import io.palisade.ha.sync.Ha2Message.BulkRequest;
import io.palisade.ha.sync.Ha2Message.GapRequest;
import io.palisade.ha.sync.Ha2Message.KeepAlive;
import io.palisade.ha.sync.Ha2Message.RecordUpdate;
import io.palisade.ha.sync.Ha2Message.StreamMark;
import io.palisade.ha.sync.KeepAliveMonitor.Health;
import io.palisade.linux.sys.LinuxIoException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HA2 for one node: its links (primary and backup), the session publisher the engine calls, the receiver, the
 * record stream, keep-alives, and the agent thread that runs the receiving side. This is what the HA agent starts,
 * stops, commands (bulk syncs, HA state, authority) and reads ({@link #status()}).
 *
 * <pre>
 *   workers ──SessionEventSink──▶ SessionSyncPublisher ──frames──▶ data link ─────────▶ peer
 *   peer ──▶ links ──▶ agent thread: SessionSyncReceiver ──WorkerTasks──▶ workers (install peer sessions)
 *                       │  keep-alives out on every link, monitors, gap and bulk requests, record stream
 *                       └──Ha2Events──▶ HA agent
 * </pre>
 *
 * The agent thread is a platform thread: it blocks in the link's poll (an FFM call for the Ethernet link), which a
 * virtual thread would do pinned to its carrier.
 */
public final class Ha2Sync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ha2Sync.class);
    private static final AtomicLong LAST_EPOCH = new AtomicLong();
    private static final int RECEIVE_BUDGET = 256;
    private static final int IDLE_WAIT_MS = 5;

    private final Ha2Options options;
    private final Ha2Auth auth;
    private final List<Ha2Link> links;
    private final NanoClock clock;
    private final Ha2EventListener listener;
    private final int workerCount;
    private final SessionSyncPublisher publisher;
    private final SessionSyncReceiver receiver;
    private final RecordPublisher records;
    private final KeepAliveMonitor[] monitors;
    private final AtomicReferenceArray<Health> health;
    private final FrameBuilder agentFrames;
    private final byte[] controlBuffer;
    private final byte[] receiveBuffer = new byte[Ha2Codec.MAX_FRAME_BYTES];
    private final Counters<Ha2Counter> agentCounters = new Counters<>(Ha2Counter.class);
    private final ConcurrentLinkedQueue<LongConsumer> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile Ha2Link dataLink;
    private volatile HaWireState localState = HaWireState.INITIAL;
    private volatile BulkSyncState bulkView = BulkSyncState.NOT_STARTED;
    private volatile long bulkSessionsView;
    private volatile boolean running = true;
    private long controlSequence;
    private long nextKeepAliveNs;
    private long lastPeerKeepAliveNs;
    private long bulkIds;

    private Ha2Sync(
            Ha2Options options,
            Ha2Auth auth,
            List<Ha2Link> links,
            int workerCount,
            WorkerTaskSubmitter submitter,
            Ha2EventListener listener,
            NanoClock clock) {
        if (links.isEmpty() || links.size() > 2) {
            throw new IllegalArgumentException("HA2 needs a primary link and at most one backup");
        }
        this.options = options;
        this.auth = auth;
        this.links = List.copyOf(links);
        this.clock = clock;
        this.listener = listener;
        this.workerCount = workerCount;
        int frameBytes = links.stream().mapToInt(Ha2Link::maxFrameBytes).min().orElseThrow();
        long epoch = nextEpoch();
        this.dataLink = links.get(0);
        this.publisher =
                new SessionSyncPublisher(options, auth, epoch, workerCount, frameBytes, this::sendData, submitter);
        this.receiver = new SessionSyncReceiver(options, auth, workerCount, frameBytes, submitter, new Events());
        this.agentFrames = new FrameBuilder(auth.localSenderId(), epoch, auth.newMac(), frameBytes);
        this.controlBuffer = new byte[frameBytes];
        this.records = new RecordPublisher(agentFrames, this::sendData, options.retransmitFrames(), agentCounters);
        checkKeepAliveFits(frameBytes);
        long nowNs = clock.nanoTime();
        this.monitors = new KeepAliveMonitor[links.size()];
        this.health = new AtomicReferenceArray<>(links.size());
        for (int i = 0; i < monitors.length; i++) {
            monitors[i] = new KeepAliveMonitor(options.keepAliveThresholdMs() * 1_000_000L, nowNs);
            health.set(i, Health.UNKNOWN);
        }
        this.nextKeepAliveNs = nowNs;
        this.thread = Thread.ofPlatform().daemon().name("ha2-agent").unstarted(this::run);
    }

    /**
     * Starts HA2 over {@code links} (which it then owns and closes): asks every worker to attach its tables, then
     * starts the agent thread.
     *
     * @param links the primary link, then optionally the backup
     * @param workerCount the node's data-plane workers
     * @param submitter how tasks reach the workers
     */
    public static Ha2Sync start(
            Ha2Options options,
            Ha2Auth auth,
            List<Ha2Link> links,
            int workerCount,
            WorkerTaskSubmitter submitter,
            Ha2EventListener listener,
            NanoClock clock) {
        Ha2Sync sync = new Ha2Sync(options, auth, links, workerCount, submitter, listener, clock);
        sync.publisher.attachAll();
        sync.thread.start();
        LOG.info(
                "HA Group {}: HA2 started over {} ({}), authentication {}",
                options.groupId(),
                sync.links.stream().map(Ha2Link::describe).toList(),
                sync.links.getFirst().transport(),
                auth.mode());
        return sync;
    }

    /**
     * Starts HA2 from the {@code ha} block: links from {@code ha2}/{@code ha2-backup} and the state-synchronization
     * transport, the key from the HA1 key pair.
     */
    public static Ha2Sync fromConfig(
            HaConfig ha, int workerCount, WorkerTaskSubmitter submitter, Ha2EventListener listener, NanoClock clock)
            throws IOException {
        if (ha.ha2() == null) {
            throw new UserError("ha.ha2 is not configured");
        }
        Ha2Options options = Ha2Options.fromConfig(ha);
        Ha2Transport transport = ha.stateSynchronization() == null
                ? Ha2Transport.UDP
                : ha.stateSynchronization().transport();
        List<Ha2Link> links = new ArrayList<>();
        try {
            links.add(openLink(Ha2Link.PRIMARY, ha.ha2(), transport, options.mtu()));
            if (ha.ha2Backup() != null) {
                links.add(openLink(Ha2Link.BACKUP, ha.ha2Backup(), transport, options.mtu()));
            }
        } catch (IOException | RuntimeException e) {
            links.forEach(Ha2Link::close);
            throw e;
        }
        return start(options, Ha2Auth.fromConfig(ha.ha1Encryption()), links, workerCount, submitter, listener, clock);
    }

    private static Ha2Link openLink(String name, HaConfig.DataLink link, Ha2Transport transport, int mtu)
            throws IOException {
        if (transport == Ha2Transport.ETHERNET) {
            if (link.link() == null) {
                throw new UserError("ha." + name + ".link is needed for the ethernet transport");
            }
            long peerMac = link.peerMac() == null ? -1 : peerMac(name, link.peerMac());
            try {
                return EthernetHa2Link.open(name, link.link(), peerMac, mtu);
            } catch (LinuxIoException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        if (link.local() == null || link.peer() == null) {
            throw new UserError("ha." + name + ".local and .peer are needed for the udp transport");
        }
        return UdpHa2Link.open(name, udpAddress(link.local()), udpAddress(link.peer()), mtu);
    }

    private static long peerMac(String link, String text) {
        try {
            return EthernetHa2Link.parseMac(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("ha." + link + ".peer-mac: '" + text + "' is not a MAC address like 02:00:00:00:00:0b");
        }
    }

    private static InetSocketAddress udpAddress(HostPort hostPort) {
        return new InetSocketAddress(
                hostPort.address(), hostPort.port() == 0 ? UdpHa2Link.DEFAULT_PORT : hostPort.port());
    }

    /** Incarnations increase even for nodes started within one millisecond (tests run several in one JVM). */
    private static long nextEpoch() {
        long now = System.currentTimeMillis();
        return LAST_EPOCH.updateAndGet(last -> Math.max(last + 1, now));
    }

    private void checkKeepAliveFits(int frameBytes) {
        List<StreamMark> marks = new ArrayList<>();
        for (int s = 0; s <= workerCount; s++) {
            marks.add(new StreamMark(s, 0));
        }
        KeepAlive widest = new KeepAlive(HaWireState.INITIAL, true, true, 0, 0, 0, marks);
        if (Ha2Codec.HEADER_BYTES + Ha2Codec.MAC_BYTES + Ha2Codec.maxMessageBytes(widest) > frameBytes) {
            throw new IllegalArgumentException(
                    "a keep-alive for " + workerCount + " workers does not fit a " + frameBytes + "-byte frame");
        }
    }

    // ------------------------------------------------------------------ what the engine and the HA agent use

    /** The session event sink every worker calls. */
    public SessionEventSink sink() {
        return publisher;
    }

    public SessionSyncPublisher publisher() {
        return publisher;
    }

    public SessionSyncReceiver receiver() {
        return receiver;
    }

    /**
     * The peer (re)joined: send it every live session and record, between bulk markers (the workers walk their
     * tables over their duty cycles).
     */
    public void requestBulkSync() {
        commands.add(nowNs -> sendBulk("requested by the HA agent"));
    }

    /** Ask the peer for all of its sessions (normally automatic: on first contact and after losses). */
    public void requestBulkSyncFromPeer() {
        commands.add(nowNs -> receiver.requestBulkSync(nowNs, "requested by the HA agent"));
    }

    /** This node's HA state, carried in keep-alives. */
    public void setLocalState(HaWireState state) {
        localState = state;
    }

    /** See {@link SessionSyncPublisher#setAuthoritative}. */
    public void setAuthoritative(boolean on) {
        publisher.setAuthoritative(on);
    }

    /** Session synchronisation on or off; turning it on sends a bulk sync, since changes were only marked. */
    public void setSyncEnabled(boolean enabled) {
        boolean was = publisher.syncEnabled();
        publisher.setSyncEnabled(enabled);
        if (enabled && !was) {
            commands.add(nowNs -> sendBulk("session synchronisation enabled"));
        }
    }

    /** Adds or changes one of this node's ARP, route or IPsec SA records; it goes to the peer. Any thread. */
    public void publishRecord(Ha2Record record) {
        records.publish(new RecordUpdate(false, record));
    }

    /** Withdraws a record (only its key matters). Any thread. */
    public void withdrawRecord(Ha2Record record) {
        records.publish(new RecordUpdate(true, record));
    }

    public SyncedRecords localRecords() {
        return records.local();
    }

    public SyncedRecords peerRecords() {
        return receiver.peerRecords();
    }

    /** The bulk sync from the peer is complete: the HA state machine may let this node take over from it. */
    public boolean bulkSyncComplete() {
        return bulkView == BulkSyncState.COMPLETE;
    }

    public BulkSyncState bulkSyncState() {
        return bulkView;
    }

    /** A link by name ({@link Ha2Link#PRIMARY} or {@link Ha2Link#BACKUP}), for its fault switches; or null. */
    public Ha2Link link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    public Ha2Auth auth() {
        return auth;
    }

    // ------------------------------------------------------------------ the agent thread

    private void run() {
        while (running) {
            long nowNs = clock.nanoTime();
            int work;
            try {
                work = doWork(nowNs);
            } catch (RuntimeException e) {
                LOG.error("HA Group {}: HA2 agent cycle failed", options.groupId(), e);
                work = 0;
            }
            if (work == 0 && running) {
                idle(nowNs);
            }
        }
    }

    private void idle(long nowNs) {
        long untilKeepAliveMs = (nextKeepAliveNs - nowNs) / 1_000_000L;
        int waitMs = (int) Math.max(0, Math.min(IDLE_WAIT_MS, untilKeepAliveMs));
        try {
            dataLink.awaitReadable(waitMs);
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.debug("HA2 wait on {} failed: {}", dataLink.name(), e.toString());
                sleepQuietly(Duration.ofMillis(waitMs));
            }
        }
    }

    /** One cycle: commands, frames from every link, receiver timers, keep-alives, records; returns work done. */
    int doWork(long nowNs) {
        int work = runCommands(nowNs);
        if (work > 0) {
            // a bulk sync just requested may complete in this very cycle: report "requested" first, or the agent
            // would see COMPLETE -> COMPLETE, no change, and never learn that its new request completed
            reportBulk();
        }
        for (int i = 0; i < links.size(); i++) {
            work += receive(i, nowNs);
        }
        receiver.poll(nowNs);
        publisher.setPeerContacted(receiver.contacted());
        if (receiver.contacted() && receiver.bulkSyncState() == BulkSyncState.NOT_STARTED && publisher.syncEnabled()) {
            receiver.requestBulkSync(nowNs, "first contact with the peer");
        }
        work += keepAlives(nowNs);
        work += records.poll();
        reportBulk();
        return work;
    }

    private int runCommands(long nowNs) {
        int done = 0;
        LongConsumer command;
        while ((command = commands.poll()) != null) {
            command.accept(nowNs);
            done++;
        }
        return done;
    }

    private int receive(int index, long nowNs) {
        Ha2Link link = links.get(index);
        int frames = 0;
        try {
            int length;
            while (frames < RECEIVE_BUDGET && (length = link.receive(receiveBuffer)) > 0) {
                receiver.onFrame(index, link, receiveBuffer, length, nowNs);
                frames++;
            }
        } catch (IOException e) {
            if (running) {
                LOG.warn("HA2 link {}: receive failed: {}", link.name(), e.getMessage());
            }
        }
        if (frames > 0) {
            receiver.flushBatches();
        }
        return frames;
    }

    private void sendBulk(String reason) {
        if (!publisher.syncEnabled()) {
            LOG.info(
                    "HA Group {}: HA2 bulk sync not sent ({}): session synchronisation is off",
                    options.groupId(),
                    reason);
            return;
        }
        long bulkId = ++bulkIds;
        LOG.info("HA Group {}: HA2 sending bulk sync {} to the peer ({})", options.groupId(), bulkId, reason);
        publisher.requestBulkSync(bulkId);
        records.bulk(bulkId, workerCount);
    }

    private void reportBulk() {
        BulkSyncState state = receiver.bulkSyncState();
        bulkSessionsView = receiver.bulkSessions();
        if (state != bulkView) {
            bulkView = state;
            listener.onEvent(new Ha2Event.BulkSyncChanged(state, receiver.bulkSessions()));
        }
    }

    // ------------------------------------------------------------------ keep-alives and link health

    private int keepAlives(long nowNs) {
        int work = 0;
        if (nowNs - nextKeepAliveNs >= 0) {
            nextKeepAliveNs = nowNs + options.keepAliveIntervalMs() * 1_000_000L;
            KeepAlive keepAlive = new KeepAlive(
                    localState,
                    options.heartbeatBackup(),
                    bulkView == BulkSyncState.COMPLETE,
                    nowNs,
                    lastPeerKeepAliveNs,
                    options.keepAliveIntervalMs(),
                    marks());
            for (Ha2Link link : links) {
                sendControl(link, keepAlive);
                agentCounters.increment(Ha2Counter.KEEPALIVE_SENT);
            }
            work++;
        }
        for (int i = 0; i < monitors.length; i++) {
            long stallsBefore = monitors[i].stalls();
            KeepAliveMonitor.Change change = monitors[i].check(nowNs);
            if (monitors[i].stalls() != stallsBefore) {
                agentCounters.increment(Ha2Counter.LOCAL_STALL);
            }
            if (change != null) {
                onHealthChange(i, change, nowNs);
            }
        }
        return work;
    }

    private List<StreamMark> marks() {
        List<StreamMark> marks = publisher.streamMarks();
        marks.add(new StreamMark(Ha2Codec.STREAM_RECORDS, records.lastSentSequence()));
        return marks;
    }

    private void onHealthChange(int index, KeepAliveMonitor.Change change, long nowNs) {
        health.set(index, change.to());
        Ha2Link link = links.get(index);
        chooseDataLink();
        long ms = change.forNs() / 1_000_000L;
        if (change.to() == Health.DOWN) {
            agentCounters.increment(Ha2Counter.LINK_DOWN);
            boolean anyUp = anyLinkUp();
            if (options.keepAliveMonitor()) {
                // PAN-OS logs HA2 keep-alive loss as a critical system event; the action is the HA agent's to take.
                LOG.error(
                        "HA Group {}: critical: HA2 link {} down: no HA2 keep-alive from the peer for {} ms"
                                + " (threshold {} ms); action {}",
                        options.groupId(),
                        link.name(),
                        ms,
                        options.keepAliveThresholdMs(),
                        actionText());
                listener.onEvent(new Ha2Event.LinkDown(link.name(), ms, options.keepAliveAction(), anyUp));
            } else {
                LOG.debug("HA2 link {}: no keep-alive for {} ms", link.name(), ms);
            }
            return;
        }
        if (options.keepAliveMonitor()) {
            if (ms > 0) {
                LOG.warn(
                        "HA Group {}: HA2 link {} up: keep-alives from the peer resumed after {} ms down",
                        options.groupId(),
                        link.name(),
                        ms);
            } else {
                LOG.info("HA Group {}: HA2 link {} up", options.groupId(), link.name());
            }
            listener.onEvent(new Ha2Event.LinkUp(link.name(), ms));
        }
        if (receiver.bulkSyncState() == BulkSyncState.FAILED) {
            receiver.requestBulkSync(nowNs, "HA2 link " + link.name() + " recovered");
        }
    }

    private String actionText() {
        return options.keepAliveAction()
                .name()
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
    }

    private boolean anyLinkUp() {
        for (int i = 0; i < links.size(); i++) {
            if (health.get(i) == Health.UP) {
                return true;
            }
        }
        return false;
    }

    /** Data goes over the primary unless its keep-alives failed and the backup's work. */
    private void chooseDataLink() {
        Ha2Link chosen = links.getFirst();
        if (health.get(0) == Health.DOWN && links.size() > 1 && health.get(1) == Health.UP) {
            chosen = links.get(1);
        }
        if (chosen != dataLink) {
            dataLink = chosen;
            LOG.warn("HA Group {}: HA2 session data now goes over {}", options.groupId(), chosen.name());
            listener.onEvent(new Ha2Event.DataLinkChanged(chosen.name()));
        }
    }

    private void sendData(byte[] frame, int offset, int length) {
        dataLink.send(frame, offset, length);
    }

    private void sendControl(Ha2Link link, Ha2Message message) {
        long seq = ++controlSequence;
        agentFrames.begin(controlBuffer, Ha2Codec.STREAM_CONTROL, seq);
        agentFrames.appended(Ha2Codec.writeMessage(controlBuffer, agentFrames.position(), message));
        int length = agentFrames.seal();
        link.send(controlBuffer, 0, length);
    }

    /** The receiver's requests and reports, all on the agent thread. */
    private final class Events implements SessionSyncReceiver.Events {
        @Override
        public void onKeepAlive(int linkIndex, KeepAlive keepAlive, long nowNs) {
            lastPeerKeepAliveNs = keepAlive.senderNs();
            KeepAliveMonitor.Change change = monitors[linkIndex].onKeepAlive(nowNs);
            if (change != null) {
                onHealthChange(linkIndex, change, nowNs);
            }
            listener.onEvent(new Ha2Event.PeerKeepAlive(links.get(linkIndex).name(), keepAlive, nowNs));
        }

        @Override
        public void onGapRequest(GapRequest request) {
            if (request.stream() == Ha2Codec.STREAM_RECORDS) {
                records.resend(request.firstSequence(), request.lastSequence());
            } else {
                publisher.onGapRequest(request.stream(), request.firstSequence(), request.lastSequence());
            }
        }

        @Override
        public void onBulkRequest(BulkRequest request, long nowNs) {
            sendBulk("the peer asked (request " + request.requestId() + ")");
        }

        @Override
        public void onPeerRestarted(long epoch) {
            listener.onEvent(new Ha2Event.PeerRestarted(epoch));
        }

        @Override
        public void sendGapRequest(GapRequest request) {
            sendControl(dataLink, request);
        }

        @Override
        public void sendBulkRequest(long requestId) {
            sendControl(dataLink, new BulkRequest(requestId));
        }
    }

    // ------------------------------------------------------------------ status

    /** A snapshot for the CLI and REST; any thread. */
    public Ha2SyncStatus status() {
        Map<String, Long> counters = counters();
        Map<String, String> linkHealth = new LinkedHashMap<>();
        for (int i = 0; i < links.size(); i++) {
            linkHealth.put(links.get(i).name(), health.get(i).name().toLowerCase(java.util.Locale.ROOT));
        }
        long oldest = publisher.oldestQueuedNs();
        long lagMs = oldest == WorkerPublisher.NONE ? 0 : Math.max(0, (clock.nanoTime() - oldest) / 1_000_000L);
        String linkStatus = anyLinkUp() ? "up" : linkHealth.containsValue("down") ? "down" : "unknown";
        return new Ha2SyncStatus(
                publisher.syncEnabled(),
                links.getFirst().transport(),
                auth.mode(),
                linkStatus,
                linkHealth,
                dataLink.name(),
                bulkView.label(),
                bulkSessionsView,
                get(counters, Ha2Counter.MSG_UPSERT_SENT) + get(counters, Ha2Counter.MSG_DELETE_SENT),
                get(counters, Ha2Counter.MSG_SESSION_RECEIVED),
                get(counters, Ha2Counter.LINK_BYTES_SENT),
                get(counters, Ha2Counter.FRAME_BYTES_RECEIVED),
                get(counters, Ha2Counter.FRAMES_LOST),
                get(counters, Ha2Counter.GAP_REQUEST_SENT),
                get(counters, Ha2Counter.RETRANSMITTED),
                publisher.queueDepth(),
                lagMs,
                get(counters, Ha2Counter.SESSION_INSTALLED),
                receiver.peerRecords().size(),
                counters);
    }

    /** Every HA2 counter by name, totalled over workers and links; any thread. */
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        publisher.addCountersTo(all);
        receiver.addCountersTo(all);
        agentCounters.addTo(all);
        for (Ha2Link link : links) {
            link.counters().addTo(all);
        }
        return all;
    }

    private static long get(Map<String, Long> counters, Ha2Counter kind) {
        return counters.getOrDefault(kind.counterName(), 0L);
    }

    /** Stops the agent thread and closes the links. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        links.forEach(Ha2Link::close);
        LOG.info("HA Group {}: HA2 stopped", options.groupId());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

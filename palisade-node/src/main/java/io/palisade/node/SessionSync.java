package io.palisade.node;

import io.palisade.common.NanoClock;
import io.palisade.common.UserError;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.engine.Dataplane;
import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.ha.agent.HaView;
import io.palisade.ha.agent.SessionSyncControl;
import io.palisade.ha.election.HaPath;
import io.palisade.ha.election.HaStateMachine;
import io.palisade.ha.ha1.HaWireState;
import io.palisade.ha.sync.BulkSyncState;
import io.palisade.ha.sync.Ha2Event;
import io.palisade.ha.sync.Ha2Sync;
import io.palisade.ha.sync.Ha2SyncStatus;
import io.palisade.ops.StateSyncStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HA2 session synchronisation: the sink the workers report to (set once HA2 is running), HA2's
 * events queued for the HA agent, and the control the agent drives.
 */
final class SessionSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");

    private final HaConfig ha;
    private final NanoClock clock;
    private final DelegatingSink sink = new DelegatingSink();
    private final ConcurrentLinkedQueue<Ha2Event> events = new ConcurrentLinkedQueue<>();
    private Ha2Sync ha2;
    private NeighborSync neighborSync;
    private volatile boolean active;

    SessionSync(HaConfig ha, PalisadeConfig config, NanoClock clock, String serial, Path baseDir) {
        var e = ha.ha1Encryption();
        this.ha = e.enabled()
                ? ha.withHa1Encryption(new HaConfig.Ha1Encryption(
                        true,
                        baseDir.resolve(e.certificate()).toString(),
                        baseDir.resolve(e.key()).toString(),
                        baseDir.resolve(e.peerCertificate()).toString()))
                : ha;
        this.clock = clock;
    }

    SessionEventSink sink() {
        return sink;
    }

    /** Starts HA2 over the data plane's workers. */
    void attach(Dataplane dataplane) {
        try {
            ha2 = Ha2Sync.fromConfig(ha, dataplane.workerCount(), dataplane::submit, events::add, clock);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("HA2: " + e.getMessage());
        }
        sink.delegate = ha2.sink();
        neighborSync = new NeighborSync(dataplane.neighbors(), ha2);
    }

    SessionSyncControl control() {
        return new Control();
    }

    StateSyncStatus status() {
        Ha2SyncStatus s = ha2.status();
        return new StateSyncStatus(
                s.enabled(),
                s.transport(),
                s.linkStatus(),
                s.bulkSync(),
                s.messagesSent(),
                s.messagesReceived(),
                s.bytesSent(),
                s.framesLost(),
                s.retransmitRequests(),
                s.queueDepth(),
                s.lagMs(),
                s.sessionsFromPeer());
    }

    void addCountersTo(Map<String, Long> into) {
        if (ha2 != null) {
            ha2.counters().forEach((k, v) -> into.merge(k, v, Long::sum));
        }
    }

    Ha2Sync ha2() {
        return ha2;
    }

    @Override
    public void close() {
        if (ha2 != null) {
            ha2.close();
        }
    }

    /** The agent's side: events into the state machine, bulk sync requests, authority. */
    private final class Control implements SessionSyncControl {
        @Override
        public int poll(HaStateMachine machine, String peerSerial, long nowNs) {
            if (ha2 == null) {
                return 0;
            }
            ha2.setLocalState(HaWireState.fromCode(machine.state().code()).orElse(HaWireState.INITIAL));
            int n = neighborSync.poll(active, nowNs);
            for (Ha2Event e = events.poll(); e != null; e = events.poll()) {
                n++;
                switch (e) {
                    case Ha2Event.BulkSyncChanged b -> {
                        LOG.info(
                                "HA2 bulk sync {} ({} sessions)",
                                b.state().name().toLowerCase(java.util.Locale.ROOT),
                                b.sessions());
                        if (b.state() == BulkSyncState.COMPLETE) {
                            machine.onBulkSyncComplete(nowNs);
                        }
                    }
                    case Ha2Event.PeerKeepAlive k -> {
                        if (ha.heartbeatBackup() && peerSerial != null) {
                            machine.onHeartbeat(peerSerial, HaPath.HEARTBEAT_BACKUP, nowNs);
                        }
                    }
                    case Ha2Event.LinkDown d ->
                        LOG.error(
                                "HA2 link {} down: no keep-alive for {} ms (action {})",
                                d.link(),
                                d.silentMs(),
                                d.action()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-'));
                    case Ha2Event.LinkUp u -> LOG.info("HA2 link {} up again after {} ms", u.link(), u.downMs());
                    case Ha2Event.DataLinkChanged c -> LOG.info("HA2 now sends sessions over {}", c.link());
                    case Ha2Event.PeerRestarted r -> LOG.info("HA2 peer restarted (incarnation {})", r.epoch());
                }
            }
            return n;
        }

        @Override
        public void requestBulkSync(String peerSerial) {
            if (ha2 != null) {
                ha2.requestBulkSyncFromPeer();
            }
        }

        @Override
        public void onActive(boolean active) {
            SessionSync.this.active = active;
            if (ha2 != null) {
                ha2.setAuthoritative(active);
            }
        }

        @Override
        public List<HaView.Link> links() {
            if (ha2 == null) {
                return List.of();
            }
            List<HaView.Link> out = new ArrayList<>();
            Ha2SyncStatus s = ha2.status();
            s.links()
                    .forEach((name, state) ->
                            out.add(new HaView.Link(name, "", "", "up".equals(state), s.transport() + ", " + state)));
            return out;
        }
    }

    /** Lets the workers be built before HA2 exists (HA2 needs the workers to attach). */
    private static final class DelegatingSink implements SessionEventSink {
        volatile SessionEventSink delegate = SessionEventSink.NONE;

        @Override
        public void onInsert(int worker, SessionTable table, int record, long nowNs) {
            delegate.onInsert(worker, table, record, nowNs);
        }

        @Override
        public void onUpdate(int worker, SessionTable table, int record, long nowNs) {
            delegate.onUpdate(worker, table, record, nowNs);
        }

        @Override
        public void onDelete(int worker, SessionTable table, int record, long nowNs) {
            delegate.onDelete(worker, table, record, nowNs);
        }

        @Override
        public int poll(int worker, long nowNs) {
            return delegate.poll(worker, nowNs);
        }
    }
}

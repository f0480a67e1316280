package io.palisade.dataplane.engine;

import io.palisade.common.Counters;
import io.palisade.dataplane.nat.NatOutcome;
import io.palisade.dataplane.nat.NatWorkerState;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.packet.PacketDrop;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketParser;
import io.palisade.dataplane.packet.PacketRewriter;
import io.palisade.dataplane.packet.ParseOutcome;
import io.palisade.dataplane.packet.ParseStatus;
import io.palisade.dataplane.packet.TcpFlags;
import io.palisade.dataplane.port.FrameBatch;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.FlowHash;
import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionLayout;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;
import io.palisade.dataplane.session.TcpState;
import io.palisade.dataplane.session.TcpTracker;
import java.lang.foreign.MemorySegment;

/**
 * One worker's session engine: the stages a packet goes through, and the sessions the worker owns.
 *
 * <pre>
 *  parse ──drop──▶ counted (PacketDrop)
 *    │ ARP / non-IP ──▶ {@link Layer3} (layer 3) or the wire peer (virtual wire)
 *    ▼
 *  ingress zone, HA forwarding switch
 *    ▼
 *  owner worker = symmetric flow hash ──other──▶ handoff ring
 *    ▼
 *  zone protection, packet-based checks ({@link ZoneGuard})
 *    ▼
 *  session lookup (6-tuple incl. zone) ──hit──▶ fast path: state, counters, NAT rewrite, egress
 *    │ miss ──own address (layer 3)──▶ echo reply, else dropped
 *    ▼
 *  slow path ({@link NewSession}): non-SYN check, flood/scan, route or wire peer, NAT policy, security policy
 *  (pre-NAT addresses, post-NAT zone), NAT allocation, install, first packet forwarded like the fast path
 * </pre>
 *
 * {@link #process} reads the frame and {@link PacketMeta}; it leaves the egress interface in
 * {@link #egressInterface()} or the target worker in {@link #handoffWorker()}. Single owner: only the worker
 * thread calls anything here, except {@link #publish} which other threads use to hand over a new epoch.
 */
public final class SessionEngine implements WorkerContext {
    /** Verdicts of {@link #process}. */
    public static final int DROP = 0;

    public static final int FORWARD = 1;
    public static final int HANDOFF = 2;
    public static final int CONSUMED = 3;

    /** Records scanned per table per duty cycle by the ager, at least. */
    private static final int MIN_AGE_SCAN = 64;

    final int worker;
    final int workers;
    final SessionTable v4;
    final SessionTable v6;
    final PacketMeta meta = new PacketMeta();
    final Counters<FlowCounter> counters = new Counters<>(FlowCounter.class);
    final Counters<PacketDrop> parseDrops = new Counters<>(PacketDrop.class);
    final Counters<NatOutcome> natCounters = new Counters<>(NatOutcome.class);
    final ForwardingSwitch forwardingSwitch;
    final NeighborTable neighbors;
    final FragmentTable fragments;
    final SessionEventSink sink;
    final TrafficLogSink trafficLog;
    final Emitter emitter;
    final TaskRouter tasks;
    final long timeBaseNs;
    final long timeBaseEpochMs;
    final int ageScan;
    final NewSession newSession;
    final Layer3 layer3;
    final ZoneGuard zoneGuard;
    final TrafficLogger logger;

    private volatile RuntimeConfig published;
    RuntimeConfig rc;
    NatWorkerState nat;
    ForwardingMode mode = ForwardingMode.FORWARD;
    int forwardingSinceMs;

    int egressInterface;
    int handoffWorker;
    /** Ingress interface of the packet being processed (for errors sent back that way). */
    int currentIngress;
    /** Why the last packet was dropped (replay reports it per packet). */
    io.palisade.common.CounterKind lastDrop;

    /** Wiring of one engine. */
    public record Wiring(
            int worker,
            int workers,
            int capacityPerFamily,
            ForwardingSwitch forwardingSwitch,
            NeighborTable neighbors,
            SessionEventSink sink,
            TrafficLogSink trafficLog,
            Emitter emitter,
            TaskRouter tasks,
            long timeBaseNs,
            long timeBaseEpochMs) {
        /** The same wiring sending generated frames through {@code e}. */
        public Wiring withEmitter(Emitter e) {
            return new Wiring(
                    worker,
                    workers,
                    capacityPerFamily,
                    forwardingSwitch,
                    neighbors,
                    sink,
                    trafficLog,
                    e,
                    tasks,
                    timeBaseNs,
                    timeBaseEpochMs);
        }
    }

    public SessionEngine(Wiring w, RuntimeConfig initial, FragmentTable fragments) {
        this.worker = w.worker();
        this.workers = w.workers();
        this.v4 = new SessionTable(SessionLayout.IPV4, w.capacityPerFamily());
        this.v6 = new SessionTable(SessionLayout.IPV6, Math.max(1024, w.capacityPerFamily() / 8));
        this.forwardingSwitch = w.forwardingSwitch();
        this.neighbors = w.neighbors();
        this.fragments = fragments;
        this.sink = w.sink();
        this.trafficLog = w.trafficLog();
        this.emitter = w.emitter();
        this.tasks = w.tasks();
        this.timeBaseNs = w.timeBaseNs();
        this.timeBaseEpochMs = w.timeBaseEpochMs();
        this.ageScan = Math.max(MIN_AGE_SCAN, w.capacityPerFamily() / 1024);
        this.published = initial;
        this.newSession = new NewSession(this);
        this.layer3 = new Layer3(this);
        this.zoneGuard = new ZoneGuard(this, worker);
        this.logger = new TrafficLogger(this);
        adopt(initial);
    }

    /** Any thread: hands the engine a new configuration epoch, taken at its next batch. */
    public void publish(RuntimeConfig next) {
        published = next;
    }

    private void adopt(RuntimeConfig next) {
        nat = NatWorkerState.create(next.policy.natTable(), worker, workers, nat);
        zoneGuard.adopt(next);
        rc = next;
    }

    /** Start of a batch: takes a new epoch and the HA forwarding mode. */
    public void beginBatch(long nowNs) {
        RuntimeConfig p = published;
        if (p != rc) {
            adopt(p);
        }
        ForwardingMode m = forwardingSwitch.mode();
        if (m != mode) {
            if (m == ForwardingMode.FORWARD) {
                forwardingSinceMs = nowMs(nowNs);
            }
            mode = m;
        }
    }

    int nowMs(long nowNs) {
        return (int) ((nowNs - timeBaseNs) / 1_000_000L);
    }

    public int egressInterface() {
        return egressInterface;
    }

    public int handoffWorker() {
        return handoffWorker;
    }

    public Counters<FlowCounter> counters() {
        return counters;
    }

    public Counters<PacketDrop> parseDrops() {
        return parseDrops;
    }

    public Counters<NatOutcome> natCounters() {
        return natCounters;
    }

    // ------------------------------------------------------------------------------------------ dispatch

    /**
     * Runs one packet through the stages.
     *
     * @param frame the frame (modified in place by NAT and layer-3 rewrites)
     * @param length frame length
     * @param frameFlags {@link FrameBatch#CHECKSUM_PARTIAL}
     * @param ingress interface id it arrived on
     * @param linkType link type of the frame (Ethernet for ports; captures may differ)
     * @param ownerChecked true when another worker already decided this worker owns the packet
     */
    public int process(
            MemorySegment frame,
            int length,
            int frameFlags,
            int ingress,
            int linkType,
            boolean ownerChecked,
            long nowNs) {
        counters.increment(FlowCounter.PKT_RECV);
        currentIngress = ingress;
        lastDrop = null;
        meta.checksumPartial((frameFlags & FrameBatch.CHECKSUM_PARTIAL) != 0);
        ParseOutcome outcome = PacketParser.parse(frame, length, linkType, meta);
        if (outcome != ParseStatus.OK) {
            return notIp(outcome, frame, length, ingress, nowNs);
        }
        int zone = ingress >= 0 && ingress < rc.interfaceCount ? rc.zoneOf[ingress] : -1;
        if (zone < 0) {
            return drop(FlowCounter.NO_ZONE);
        }
        if (mode == ForwardingMode.DISCARD) {
            return drop(FlowCounter.HA_NOT_ACTIVE_DROP);
        }
        if (meta.isNonFirstFragment()) {
            return nonFirstFragment(frame, length, ingress, zone, nowNs);
        }
        if (!ownerChecked && workers > 1) {
            int owner = ownerOf();
            if (owner != worker) {
                handoffWorker = owner;
                counters.increment(FlowCounter.FLOW_HANDOFF);
                return HANDOFF;
            }
        }
        if (rc.anyZoneProtection) {
            FlowCounter blocked = zoneGuard.checkPacket(zone, ingress, nowNs);
            if (blocked != null) {
                return drop(blocked);
            }
        }
        if (meta.isIcmpError()) {
            return icmpError(frame, length, zone, nowNs);
        }
        SessionTable t = meta.ipVersion() == 4 ? v4 : v6;
        int handle = t.lookup(
                warmed.hashFor(
                        frame,
                        meta.srcAddrHi(),
                        meta.srcAddrLo(),
                        meta.dstAddrHi(),
                        meta.dstAddrLo(),
                        meta.srcPort(),
                        meta.dstPort(),
                        meta.protocol(),
                        zone),
                meta.srcAddrHi(),
                meta.srcAddrLo(),
                meta.dstAddrHi(),
                meta.dstAddrLo(),
                meta.srcPort(),
                meta.dstPort(),
                meta.protocol(),
                zone);
        if (handle >= 0) {
            return fastPath(t, handle, frame, length, nowNs);
        }
        // Our own address without a session (a NAT session to the interface address would have matched above).
        if (rc.layer3[ingress] && meta.ipVersion() == 4 && rc.ownInterface(meta.dstIpv4()) >= 0) {
            return layer3.toHost(frame, ingress, nowNs);
        }
        return newSession.process(t, frame, length, ingress, zone, nowNs);
    }

    /**
     * Warms the cache for frames that {@link #process} will see next (a received batch), in stages so that the
     * cache misses of different frames overlap instead of stalling one after another: every frame's key is read
     * and hashed, then {@link SessionTable#warm} loads every index slot, then every record. Only untagged Ethernet
     * IPv4 TCP/UDP with a plain 20-byte header is warmed (the common case), its key read straight from fixed
     * offsets; anything else is left to {@link #process}. The keys and hashes are kept ({@link WarmedKeys}) so that
     * the lookups of these frames, in this order, do not hash the same keys again. No session state changes; safe
     * to skip.
     *
     * @param frames frames {@code from .. from+count-1} are warmed
     * @param lengths their lengths, same indices
     * @return a value that means nothing (keep it somewhere, so the loads are not optimised away)
     */
    public long prefetch(MemorySegment[] frames, int[] lengths, int from, int count, int ingress) {
        if (ingress < 0 || ingress >= rc.interfaceCount || rc.zoneOf[ingress] < 0) {
            warmed.clear();
            return 0;
        }
        return warmed.warm(v4, frames, lengths, from, count, rc.zoneOf[ingress]);
    }

    /** The keys {@link #prefetch} hashed, reused by the lookups of the same frames. */
    private final WarmedKeys warmed = new WarmedKeys();

    private int notIp(ParseOutcome outcome, MemorySegment frame, int length, int ingress, long nowNs) {
        if (outcome instanceof PacketDrop d) {
            parseDrops.increment(d);
            lastDrop = d;
            return DROP;
        }
        if (ingress < 0 || ingress >= rc.interfaceCount || outcome == ParseStatus.UNSUPPORTED_LINK_TYPE) {
            return DROP;
        }
        if (mode == ForwardingMode.DISCARD) {
            return drop(FlowCounter.HA_NOT_ACTIVE_DROP);
        }
        if (rc.layer3[ingress]) {
            return outcome == ParseStatus.ARP ? layer3.arp(frame, ingress, nowNs) : drop(FlowCounter.NON_IP_DROP);
        }
        int peer = rc.wirePeer[ingress];
        if (peer < 0) {
            return drop(FlowCounter.NO_EGRESS);
        }
        if (outcome == ParseStatus.ARP && meta.arpSenderIp() != 0) {
            // hosts on each side of the wire, announced on their behalf after a takeover (Layer3.announce)
            neighbors.learn(ingress, meta.arpSenderIp(), meta.arpSenderMac(), nowNs, Layer3.NEIGHBOR_REFRESH_NS);
        }
        counters.increment(FlowCounter.NON_IP_FORWARDED);
        egressInterface = peer;
        return FORWARD;
    }

    /** The worker owning this packet's flow (for ICMP errors: the flow the error refers to). */
    private int ownerOf() {
        int h = meta.isIcmpError()
                ? FlowHash.symmetric(
                        meta.innerSrcAddrHi(),
                        meta.innerSrcAddrLo(),
                        meta.innerDstAddrHi(),
                        meta.innerDstAddrLo(),
                        meta.innerSrcPort(),
                        meta.innerDstPort(),
                        meta.innerProtocol())
                : FlowHash.symmetric(
                        meta.srcAddrHi(),
                        meta.srcAddrLo(),
                        meta.dstAddrHi(),
                        meta.dstAddrLo(),
                        meta.srcPort(),
                        meta.dstPort(),
                        meta.protocol());
        return FlowHash.owner(h, workers);
    }

    int drop(FlowCounter why) {
        counters.increment(why);
        lastDrop = why;
        return DROP;
    }

    /** The counter of the last packet's drop, or null when it was not dropped. */
    public io.palisade.common.CounterKind lastDrop() {
        return lastDrop;
    }

    // ------------------------------------------------------------------------------------------ fast path

    private int fastPath(SessionTable t, int handle, MemorySegment frame, int length, long nowNs) {
        int rec = handle >>> 1;
        int dir = handle & 1;
        SessionState state = t.state(rec);
        if (state == SessionState.REDIRECT) {
            handoffWorker = t.rule(rec);
            return HANDOFF;
        }
        if (state == SessionState.DISCARD) {
            t.setLastSeenMs(rec, nowMs(nowNs));
            return drop(FlowCounter.DISCARD_SESSION_DROP);
        }
        if (t.epoch(rec) != (int) rc.epoch && !newSession.recheck(t, rec)) {
            closeSession(t, rec, EndReason.POLICY_CHANGED, nowNs);
            return drop(FlowCounter.POLICY_RECHECK_DENY);
        }
        counters.increment(FlowCounter.FLOW_FASTPATH);
        t.count(rec, dir, length);
        t.setLastSeenMs(rec, nowMs(nowNs));
        if (meta.protocol() == IpProtocol.TCP) {
            trackTcp(t, rec, dir, nowNs);
        }
        return forwardEstablished(t, rec, dir, frame, nowNs);
    }

    /** NAT rewrite and egress for a packet of an installed session (fast path, and the first packet). */
    int forwardEstablished(SessionTable t, int rec, int dir, MemorySegment frame, long nowNs) {
        int flags = t.flags(rec);
        if ((flags & (SessionFlags.NAT_SRC | SessionFlags.NAT_DST)) != 0) {
            translate(t, rec, dir, frame);
        }
        if ((flags & SessionFlags.PEER_OWNED) != 0 && mode == ForwardingMode.SEND_TO_PEER) {
            counters.increment(FlowCounter.HA_SENT_TO_PEER);
        }
        int out = dir == SessionTable.C2S ? t.interfaceOut(rec) : t.interfaceIn(rec);
        egressInterface = out;
        if (out < 0 || out >= rc.interfaceCount) {
            return drop(FlowCounter.NO_EGRESS);
        }
        if (rc.layer3[out]) {
            boolean cached = dir == SessionTable.C2S;
            return layer3.output(
                    frame,
                    out,
                    cached ? t.nextHopHi(rec) : 0,
                    cached ? t.nextHopLo(rec) : 0,
                    !cached || t.nextHopLo(rec) == 0 && t.nextHopHi(rec) == 0,
                    nowNs);
        }
        return FORWARD;
    }

    /** Rewrites addresses and ports of a packet travelling in {@code dir} to the other side's view. */
    private void translate(SessionTable t, int rec, int dir, MemorySegment frame) {
        int other = dir ^ 1;
        // The other direction's key, reversed, is how this packet must look when it leaves.
        long newSrcHi = t.addressHi(rec, other, false);
        long newSrcLo = t.addressLo(rec, other, false);
        long newDstHi = t.addressHi(rec, other, true);
        long newDstLo = t.addressLo(rec, other, true);
        int newSrcPort = t.dstPort(rec, other);
        int newDstPort = t.srcPort(rec, other);
        rewrite(frame, newSrcHi, newSrcLo, newDstHi, newDstLo, newSrcPort, newDstPort);
    }

    void rewrite(MemorySegment frame, long sHi, long sLo, long dHi, long dLo, int sPort, int dPort) {
        if (meta.ipVersion() == 4) {
            if ((int) sLo != meta.srcIpv4()) {
                PacketRewriter.setIpv4Source(frame, meta, (int) sLo);
            }
            if ((int) dLo != meta.dstIpv4()) {
                PacketRewriter.setIpv4Destination(frame, meta, (int) dLo);
            }
        } else {
            if (sHi != meta.srcAddrHi() || sLo != meta.srcAddrLo()) {
                PacketRewriter.setIpv6Source(frame, meta, sHi, sLo);
            }
            if (dHi != meta.dstAddrHi() || dLo != meta.dstAddrLo()) {
                PacketRewriter.setIpv6Destination(frame, meta, dHi, dLo);
            }
        }
        if (!meta.hasL4Header()) {
            return;
        }
        if (sPort != meta.srcPort()) {
            PacketRewriter.setSourcePort(frame, meta, sPort);
        }
        if (dPort != meta.dstPort() && meta.protocol() != IpProtocol.ICMP && meta.protocol() != IpProtocol.ICMPV6) {
            PacketRewriter.setDestinationPort(frame, meta, dPort);
        }
    }

    private void trackTcp(SessionTable t, int rec, int dir, long nowNs) {
        int tcpFlags = meta.tcpFlags();
        int sessionFlags = t.flags(rec);
        TcpState before = t.tcpState(rec);
        boolean verified = (tcpFlags & TcpFlags.RST) == 0 || TcpTracker.rstInWindow(meta.tcpSeq(), t.nextSeq(rec, dir));
        TcpState after = TcpTracker.next(before, dir, tcpFlags, sessionFlags, verified);
        int advance = meta.payloadLength() + ((tcpFlags & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? 1 : 0);
        t.setNextSeq(rec, dir, meta.tcpSeq() + advance);
        int fin = TcpTracker.finBit(dir, tcpFlags);
        if (fin != 0 && (sessionFlags & fin) == 0) {
            t.setFlags(rec, sessionFlags | fin);
        }
        if (after != before) {
            t.setTcpState(rec, after);
            if ((tcpFlags & TcpFlags.RST) != 0 && verified) {
                t.setEndReason(
                        rec, dir == SessionTable.C2S ? EndReason.TCP_RST_FROM_CLIENT : EndReason.TCP_RST_FROM_SERVER);
            } else if (after == TcpState.TIME_WAIT) {
                t.setEndReason(rec, EndReason.TCP_FIN);
            }
            markChanged(t, rec, nowNs);
        }
    }

    /** Tells HA sync that a synchronised field changed (pfsync coalesces repeated changes). */
    void markChanged(SessionTable t, int rec, long nowNs) {
        SyncState s = t.syncState(rec);
        if (s == SyncState.FROM_PEER) {
            t.setSyncState(rec, SyncState.PENDING_UPDATE); // this node forwards it now: it is ours to announce
        }
        sink.onUpdate(worker, t, rec, nowNs);
    }

    // ------------------------------------------------------------------------------------------ ICMP errors

    /**
     * An ICMP error refers to a packet that left through the zone the error arrives from; reversed, that packet's
     * tuple is this zone's key of the session. Forwarded like the session's packets, with the quoted packet's
     * addresses translated back (IPv4).
     */
    private int icmpError(MemorySegment frame, int length, int zone, long nowNs) {
        SessionTable t = meta.innerIpVersion() == 4 ? v4 : v6;
        int handle = t.lookup(
                meta.innerDstAddrHi(),
                meta.innerDstAddrLo(),
                meta.innerSrcAddrHi(),
                meta.innerSrcAddrLo(),
                meta.innerDstPort(),
                meta.innerSrcPort(),
                meta.innerProtocol(),
                zone);
        if (handle < 0) {
            return drop(FlowCounter.ICMP_ERROR_NO_SESSION);
        }
        int rec = handle >>> 1;
        int dir = handle & 1;
        SessionState state = t.state(rec);
        if (state == SessionState.REDIRECT) {
            handoffWorker = t.rule(rec);
            return HANDOFF;
        }
        if (state != SessionState.ACTIVE) {
            return drop(FlowCounter.DISCARD_SESSION_DROP);
        }
        counters.increment(FlowCounter.ICMP_ERROR_MATCHED);
        int flags = t.flags(rec);
        if ((flags & (SessionFlags.NAT_SRC | SessionFlags.NAT_DST)) != 0 && meta.ipVersion() == 4) {
            IcmpErrorNat.translate(frame, meta, t, rec, dir);
        }
        int out = dir == SessionTable.C2S ? t.interfaceOut(rec) : t.interfaceIn(rec);
        egressInterface = out;
        if (rc.layer3[out]) {
            return layer3.output(frame, out, 0, 0, true, nowNs);
        }
        return FORWARD;
    }

    // ------------------------------------------------------------------------------------------ fragments

    private int nonFirstFragment(MemorySegment frame, int length, int ingress, int zone, long nowNs) {
        FragmentTable.Entry e = fragments.get(
                new FragmentTable.Key(
                        meta.ipVersion(),
                        meta.srcAddrHi(),
                        meta.srcAddrLo(),
                        meta.dstAddrHi(),
                        meta.dstAddrLo(),
                        meta.fragmentId(),
                        meta.protocol()),
                nowNs);
        if (e == null) {
            return drop(FlowCounter.FRAGMENT_NO_SESSION);
        }
        if (rc.anyZoneProtection) {
            FlowCounter blocked = zoneGuard.checkFragment(zone, e, nowNs);
            if (blocked != null) {
                return drop(blocked);
            }
        }
        if (!e.forward) {
            return drop(FlowCounter.POLICY_DENY);
        }
        rewrite(
                frame,
                e.rewriteSource ? e.newSrcHi : meta.srcAddrHi(),
                e.rewriteSource ? e.newSrcLo : meta.srcAddrLo(),
                e.rewriteDestination ? e.newDstHi : meta.dstAddrHi(),
                e.rewriteDestination ? e.newDstLo : meta.dstAddrLo(),
                meta.srcPort(),
                meta.dstPort());
        egressInterface = e.egressInterface;
        if (rc.layer3[e.egressInterface]) {
            return layer3.output(frame, e.egressInterface, 0, 0, true, nowNs);
        }
        return FORWARD;
    }

    // ------------------------------------------------------------------------------------------ end of sessions

    @Override
    public void closeSession(SessionTable t, int rec, EndReason reason, long nowNs) {
        if (t.state(rec) == SessionState.REDIRECT) {
            t.remove(rec);
            return;
        }
        // A TCP session closed by FIN or RST keeps that reason when it later ages out of time-wait.
        if (reason != EndReason.AGED_OUT || t.endReason(rec) == EndReason.NONE) {
            t.setEndReason(rec, reason);
        }
        sink.onDelete(worker, t, rec, nowNs);
        if ((t.flags(rec) & SessionFlags.LOG_END) != 0) {
            logger.end(t, rec, nowNs);
        }
        // Every session with a source translation holds it, its own ones since translation and those installed
        // from the HA peer since installation (holdNat). Skipping peer sessions here, as before, left the taken-
        // over translations free on the node that took over: its new sessions were given the same ports and
        // collided with them (HaNatFailoverTest).
        if ((t.flags(rec) & SessionFlags.NAT_SRC) != 0) {
            int v = t.layout().isIpv6() ? 6 : 4;
            long hi = t.addressHi(rec, SessionTable.S2C, false);
            long lo = t.addressLo(rec, SessionTable.S2C, false);
            if (!nat.releasePort(v, hi, lo, t.dstPort(rec, SessionTable.S2C))) {
                nat.releaseAddress(v, hi, lo);
            }
        }
        int replyOwner = replyOwner(t, rec);
        if (replyOwner != worker && t.state(rec) == SessionState.ACTIVE) {
            newSession.removeRedirect(t, rec, replyOwner);
        }
        counters.increment(FlowCounter.SESSION_CLOSED);
        t.remove(rec);
    }

    /** The worker the reply (s2c) key hashes to. */
    int replyOwner(SessionTable t, int rec) {
        if (workers == 1) {
            return 0;
        }
        int d = SessionTable.S2C;
        return FlowHash.owner(
                FlowHash.symmetric(
                        t.addressHi(rec, d, true),
                        t.addressLo(rec, d, true),
                        t.addressHi(rec, d, false),
                        t.addressLo(rec, d, false),
                        t.srcPort(rec, d),
                        t.dstPort(rec, d),
                        t.protocol(rec)),
                workers);
    }

    /** Ends sessions whose idle timeout passed, a slice of each table per call. Returns sessions ended. */
    public int age(long nowNs) {
        return ageTable(v4, nowNs) + ageTable(v6, nowNs);
    }

    private int ageTable(SessionTable t, long nowNs) {
        if (t.size() == 0) {
            return 0;
        }
        int now = nowMs(nowNs);
        int count = Math.min(ageScan, t.capacity());
        int first = t.nextScanWindow(count);
        int ended = 0;
        for (int k = 0; k < count; k++) {
            int rec = (first + k) % t.capacity();
            if (t.isLive(rec) && expired(t, rec, now)) {
                counters.increment(FlowCounter.SESSION_AGED_OUT);
                closeSession(t, rec, EndReason.AGED_OUT, nowNs);
                ended++;
            }
        }
        return ended;
    }

    private boolean expired(SessionTable t, int rec, int nowMs) {
        SessionState s = t.state(rec);
        if (s == SessionState.REDIRECT) {
            return false; // removed by its owner
        }
        int last = t.lastSeenMs(rec);
        if (t.syncState(rec) == SyncState.FROM_PEER) {
            if (mode != ForwardingMode.FORWARD) {
                return false; // the peer ages and deletes what it owns
            }
            last = Math.max(last, forwardingSinceMs);
        }
        return nowMs - last > timeoutMs(t, rec);
    }

    /** The idle timeout that applies to a session now (PAN-OS classes, application override when identified). */
    long timeoutMs(SessionTable t, int rec) {
        int proto = t.protocol(rec);
        if (t.state(rec) == SessionState.DISCARD) {
            return proto == IpProtocol.TCP
                    ? rc.discardTcpMs
                    : proto == IpProtocol.UDP ? rc.discardUdpMs : rc.discardOtherMs;
        }
        return switch (proto) {
            case IpProtocol.TCP ->
                switch (t.tcpState(rec)) {
                    case NONE, SYN_SENT -> rc.tcpInitMs;
                    case SYN_RECEIVED -> rc.tcpHandshakeMs;
                    case ESTABLISHED -> applicationTimeout(t, rec, rc.tcpMs);
                    case HALF_CLOSED -> rc.tcpHalfClosedMs;
                    case TIME_WAIT -> rc.tcpTimeWaitMs;
                    case RST_UNVERIFIED -> rc.tcpUnverifiedRstMs;
                };
            case IpProtocol.UDP -> applicationTimeout(t, rec, rc.udpMs);
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> rc.icmpMs;
            default -> rc.otherMs;
        };
    }

    private long applicationTimeout(SessionTable t, int rec, long fallback) {
        Integer s = rc.policy.applications().timeoutS(t.app(rec));
        return s != null ? s * 1000L : fallback;
    }

    /** The session id of a record, as {@code show session id} takes it. */
    public long sessionId(SessionTable t, int rec) {
        return (long) worker << 40 | (t.layout().isIpv6() ? 1L << 39 : 0) | rec;
    }

    // ------------------------------------------------------------------------------------------ WorkerContext

    @Override
    public int workerIndex() {
        return worker;
    }

    @Override
    public int workerCount() {
        return workers;
    }

    @Override
    public SessionTable table(int ipVersion) {
        return ipVersion == 6 ? v6 : v4;
    }

    @Override
    public long tableTimeBaseNs() {
        return timeBaseNs;
    }

    @Override
    public long tableTimeBaseEpochMs() {
        return timeBaseEpochMs;
    }

    @Override
    public long configEpoch() {
        return rc.epoch;
    }

    @Override
    public void countSessionFromPeer() {
        counters.increment(FlowCounter.SESSION_FROM_PEER);
    }

    @Override
    public boolean holdNat(SessionTable t, int rec) {
        if ((t.flags(rec) & SessionFlags.NAT_SRC) == 0) {
            return true;
        }
        int s2c = SessionTable.S2C;
        return nat.hold(
                t.layout().isIpv6() ? 6 : 4,
                t.addressHi(rec, s2c, false),
                t.addressLo(rec, s2c, false),
                t.dstPort(rec, s2c));
    }

    public RuntimeConfig runtimeConfig() {
        return rc;
    }

    public PacketMeta meta() {
        return meta;
    }

    /** Ethernet unless the caller says otherwise: ports deliver Ethernet frames. */
    public static int defaultLinkType() {
        return LinkType.ETHERNET;
    }

    /** Releases the off-heap tables; the worker's last act. */
    public void close() {
        v4.close();
        v6.close();
    }
}

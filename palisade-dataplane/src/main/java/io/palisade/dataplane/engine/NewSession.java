package io.palisade.dataplane.engine;

import io.palisade.config.model.RuleAction;
import io.palisade.dataplane.nat.NatEntry;
import io.palisade.dataplane.nat.NatResult;
import io.palisade.dataplane.nat.PortChooser;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.TcpFlags;
import io.palisade.dataplane.policy.CompiledPolicy;
import io.palisade.dataplane.route.RouteLookup;
import io.palisade.dataplane.session.FlowHash;
import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;
import io.palisade.dataplane.session.TcpState;
import java.lang.foreign.MemorySegment;

/**
 * The slow path: a packet without a session. In PAN-OS order: TCP non-SYN check, zone flood and scan
 * protection, forwarding lookup (virtual-wire peer or route), NAT policy on the original packet, security policy
 * on pre-NAT addresses with the post-NAT destination zone, NAT allocation, session install (both keys), then
 * the packet is forwarded as the session's first packet.
 *
 * <p>Reads: {@link PacketMeta}, the ingress interface and zone. Sets: a new session (or a discard session for
 * denied traffic), a fragment decision for fragmented first packets, the engine's egress interface.
 */
final class NewSession {
    private final SessionEngine e;
    private final NatResult nat = new NatResult();
    private final RouteLookup route = new RouteLookup();
    private final PortChooser chooser;
    private int chooserProtocol;
    private boolean routed;

    NewSession(SessionEngine engine) {
        this.e = engine;
        // A translated port is taken only if the reply (server -> translated source) hashes to this worker.
        this.chooser = engine.workers == 1 ? null : this::replyHashesHere;
    }

    private boolean replyHashesHere(int ipVersion, long addressHi, long addressLo, int port) {
        int h = FlowHash.symmetric(
                nat.dstHi(),
                nat.dstLo(),
                addressHi,
                addressLo,
                chooserProtocol == IpProtocol.ICMP || chooserProtocol == IpProtocol.ICMPV6 ? port : nat.dstPort(),
                port,
                chooserProtocol);
        return FlowHash.owner(h, e.workers) == e.worker;
    }

    int process(SessionTable t, MemorySegment frame, int length, int ingress, int zone, long nowNs) {
        PacketMeta m = e.meta;
        RuntimeConfig rc = e.rc;
        e.counters.increment(FlowCounter.FLOW_SLOWPATH);
        int proto = m.protocol();
        boolean midstream = false;
        if (proto == IpProtocol.TCP && (m.tcpFlags() & (TcpFlags.SYN | TcpFlags.ACK)) != TcpFlags.SYN) {
            if (rc.tcpRejectNonSyn) {
                return e.drop(FlowCounter.TCP_NON_SYN_DROP);
            }
            midstream = true;
        }
        if (rc.anyZoneProtection) {
            FlowCounter refused = e.zoneGuard.checkNewSession(zone, nowNs);
            if (refused != null) {
                return e.drop(refused);
            }
        }
        int v = m.ipVersion();
        int egress = egressFor(ingress, v, m.dstAddrHi(), m.dstAddrLo());
        if (egress < 0) {
            return e.drop(routed ? FlowCounter.NO_ROUTE : FlowCounter.NO_EGRESS);
        }
        long nextHopHi = nextHopHi();
        long nextHopLo = nextHopLo();
        int egressZone = rc.zoneOf[egress];
        if (egressZone < 0) {
            return e.drop(FlowCounter.NO_ZONE);
        }
        CompiledPolicy policy = rc.policy;
        int natEntry = policy.matchNat(
                zone,
                egressZone,
                v,
                m.srcAddrHi(),
                m.srcAddrLo(),
                m.dstAddrHi(),
                m.dstAddrLo(),
                proto,
                m.srcPort(),
                m.dstPort(),
                rc.ownerDeviceId,
                rc.ownerDeviceId == 0);
        int postEgress = egress;
        int postZone = egressZone;
        if (natEntry != CompiledPolicy.NO_NAT) {
            chooserProtocol = proto;
            if (!e.nat.translate(
                    natEntry,
                    v,
                    m.srcAddrHi(),
                    m.srcAddrLo(),
                    m.srcPort(),
                    m.dstAddrHi(),
                    m.dstAddrLo(),
                    m.dstPort(),
                    chooser,
                    nat)) {
                e.natCounters.increment(nat.outcome());
                return e.drop(FlowCounter.NAT_PORT_EXHAUSTED);
            }
            if (nat.destinationTranslated()) {
                postEgress = egressFor(ingress, v, nat.dstHi(), nat.dstLo());
                if (postEgress < 0) {
                    release(natEntry, v);
                    return e.drop(FlowCounter.NO_ROUTE);
                }
                nextHopHi = nextHopHi();
                nextHopLo = nextHopLo();
                postZone = rc.zoneOf[postEgress];
            }
        }
        int app = policy.identifyApplication(proto, m.dstPort());
        String user = policy.userOf(v, m.srcAddrHi(), m.srcAddrLo());
        int rule = policy.matchSecurity(
                zone,
                postZone,
                v,
                m.srcAddrHi(),
                m.srcAddrLo(),
                m.dstAddrHi(),
                m.dstAddrLo(),
                proto,
                m.srcPort(),
                m.dstPort(),
                app,
                user);
        RuleAction action = policy.ruleAction(rule);
        if (action != RuleAction.ALLOW) {
            if (natEntry != CompiledPolicy.NO_NAT) {
                release(natEntry, v);
            }
            return deny(t, frame, ingress, zone, postEgress, postZone, rule, app, action, nowNs);
        }
        return install(
                t,
                frame,
                length,
                ingress,
                zone,
                postEgress,
                postZone,
                natEntry,
                rule,
                app,
                midstream,
                nextHopHi,
                nextHopLo,
                nowNs);
    }

    private static int servicePort(PacketMeta m) {
        int proto = m.protocol();
        return proto == IpProtocol.ICMP || proto == IpProtocol.ICMPV6 ? m.icmpType() : m.dstPort();
    }

    /** Egress interface for a destination: the wire peer, or the route's interface (-1 on a miss). */
    private int egressFor(int ingress, int v, long dstHi, long dstLo) {
        RuntimeConfig rc = e.rc;
        routed = rc.layer3[ingress];
        if (!routed) {
            return rc.wirePeer[ingress];
        }
        return rc.policy.routes().lookup(v, dstHi, dstLo, route) ? route.interfaceId() : -1;
    }

    /** The next hop of the last route lookup, or 0 (on-link, or no routing on a virtual wire). */
    private long nextHopHi() {
        return routed && !route.onLink() ? route.nextHopHi() : 0;
    }

    private long nextHopLo() {
        return routed && !route.onLink() ? route.nextHopLo() : 0;
    }

    private int install(
            SessionTable t,
            MemorySegment frame,
            int length,
            int ingress,
            int zone,
            int egress,
            int egressZone,
            int natEntry,
            int rule,
            int app,
            boolean midstream,
            long nhHi,
            long nhLo,
            long nowNs) {
        PacketMeta m = e.meta;
        int v = m.ipVersion();
        int rec = t.allocate();
        if (rec < 0) {
            if (natEntry != CompiledPolicy.NO_NAT) {
                release(natEntry, v);
            }
            return e.drop(FlowCounter.SESSION_ALLOC_FAIL);
        }
        boolean translated = natEntry != CompiledPolicy.NO_NAT;
        long cliHi = translated ? nat.srcHi() : m.srcAddrHi();
        long cliLo = translated ? nat.srcLo() : m.srcAddrLo();
        int cliPort = translated ? nat.srcPort() : m.srcPort();
        long srvHi = translated ? nat.dstHi() : m.dstAddrHi();
        long srvLo = translated ? nat.dstLo() : m.dstAddrLo();
        int srvPort = translated ? nat.dstPort() : m.dstPort();
        boolean icmp = m.protocol() == IpProtocol.ICMP || m.protocol() == IpProtocol.ICMPV6;
        if (icmp) {
            srvPort = cliPort; // an echo reply carries the (translated) identifier as both "ports"
        }
        t.setKey(
                rec,
                SessionTable.C2S,
                m.srcAddrHi(),
                m.srcAddrLo(),
                m.dstAddrHi(),
                m.dstAddrLo(),
                m.srcPort(),
                m.dstPort(),
                m.protocol(),
                zone);
        t.setKey(rec, SessionTable.S2C, srvHi, srvLo, cliHi, cliLo, srvPort, cliPort, m.protocol(), egressZone);
        if (!t.publish(rec, SessionState.ACTIVE)) {
            t.abandon(rec);
            if (translated) {
                release(natEntry, v);
            }
            return e.drop(FlowCounter.SESSION_INSTALL_COLLISION);
        }
        CompiledPolicy policy = e.rc.policy;
        int flags = (midstream ? SessionFlags.MIDSTREAM : 0)
                | (policy.logStart(rule) ? SessionFlags.LOG_START : 0)
                | (policy.logEnd(rule) ? SessionFlags.LOG_END : 0);
        if (translated) {
            boolean srcChanged = cliHi != m.srcAddrHi() || cliLo != m.srcAddrLo() || cliPort != m.srcPort();
            boolean dstChanged = srvHi != m.dstAddrHi() || srvLo != m.dstAddrLo() || srvPort != m.dstPort() && !icmp;
            flags |= (srcChanged ? SessionFlags.NAT_SRC : 0) | (dstChanged ? SessionFlags.NAT_DST : 0);
            t.setNatRule(rec, natEntry);
            e.counters.increment(FlowCounter.NAT_TRANSLATED);
        }
        t.setFlags(rec, flags);
        t.setInterfaces(rec, ingress, egress);
        t.setRule(rec, rule);
        t.setApp(rec, app);
        t.setEpoch(rec, (int) e.rc.epoch);
        t.setStartSeconds(rec, (int) ((nowNs - e.timeBaseNs) / 1_000_000_000L));
        t.setLastSeenMs(rec, e.nowMs(nowNs));
        t.setNextHop(rec, nhHi, nhLo);
        t.setSyncState(rec, SyncState.PENDING_INSERT);
        if (m.protocol() == IpProtocol.TCP) {
            t.setTcpState(rec, midstream ? TcpState.ESTABLISHED : TcpState.SYN_SENT);
            int advance = m.payloadLength() + ((m.tcpFlags() & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? 1 : 0);
            t.setNextSeq(rec, SessionTable.C2S, m.tcpSeq() + advance);
            if (midstream) {
                e.counters.increment(FlowCounter.TCP_MIDSTREAM_ACCEPTED);
            }
        }
        t.count(rec, SessionTable.C2S, length);
        e.counters.increment(FlowCounter.SESSION_INSTALLED);
        e.sink.onInsert(e.worker, t, rec, nowNs);
        int replyOwner = e.replyOwner(t, rec);
        if (replyOwner != e.worker) {
            installRedirect(t, rec, replyOwner);
        }
        if (m.isFragment()) {
            rememberFragment(true, egress, translated, cliHi, cliLo, srvHi, srvLo, nowNs);
        }
        if ((flags & SessionFlags.LOG_START) != 0) {
            e.logger.start(t, rec, nowNs);
        }
        return e.forwardEstablished(t, rec, SessionTable.C2S, frame, nowNs);
    }

    private void rememberFragment(
            boolean forward,
            int egress,
            boolean translated,
            long cliHi,
            long cliLo,
            long srvHi,
            long srvLo,
            long nowNs) {
        PacketMeta m = e.meta;
        boolean srcChanged = translated && (cliHi != m.srcAddrHi() || cliLo != m.srcAddrLo());
        boolean dstChanged = translated && (srvHi != m.dstAddrHi() || srvLo != m.dstAddrLo());
        e.fragments.put(
                new FragmentTable.Key(
                        m.ipVersion(),
                        m.srcAddrHi(),
                        m.srcAddrLo(),
                        m.dstAddrHi(),
                        m.dstAddrLo(),
                        m.fragmentId(),
                        m.protocol()),
                new FragmentTable.Entry(forward, egress, srcChanged, cliHi, cliLo, dstChanged, srvHi, srvLo, nowNs));
    }

    private void release(int natEntry, int v) {
        NatEntry entry = e.rc.policy.natTable().entry(natEntry);
        if (entry.source() != null && !e.nat.releasePort(v, nat.srcHi(), nat.srcLo(), nat.srcPort())) {
            e.nat.releaseAddress(v, nat.srcHi(), nat.srcLo());
        }
    }

    /**
     * Denied: the packet is dropped, a discard session makes the flow's next packets cheap drops until the discard
     * timeout, and reset-* actions answer with TCP resets (ICMP unreachable for other protocols).
     */
    private int deny(
            SessionTable t,
            MemorySegment frame,
            int ingress,
            int zone,
            int egress,
            int egressZone,
            int rule,
            int app,
            RuleAction action,
            long nowNs) {
        PacketMeta m = e.meta;
        e.counters.increment(FlowCounter.POLICY_DENY);
        e.lastDrop = FlowCounter.POLICY_DENY;
        int rec = t.allocate();
        if (rec >= 0) {
            t.setKey(
                    rec,
                    SessionTable.C2S,
                    m.srcAddrHi(),
                    m.srcAddrLo(),
                    m.dstAddrHi(),
                    m.dstAddrLo(),
                    m.srcPort(),
                    m.dstPort(),
                    m.protocol(),
                    zone);
            t.setKey(
                    rec,
                    SessionTable.S2C,
                    m.dstAddrHi(),
                    m.dstAddrLo(),
                    m.srcAddrHi(),
                    m.srcAddrLo(),
                    m.dstPort(),
                    m.srcPort(),
                    m.protocol(),
                    egressZone < 0 ? 0xffff : egressZone);
            if (t.publish(rec, SessionState.DISCARD)) {
                t.setInterfaces(rec, ingress, Math.max(egress, 0));
                t.setRule(rec, rule);
                t.setApp(rec, app);
                t.setEpoch(rec, (int) e.rc.epoch);
                t.setStartSeconds(rec, (int) ((nowNs - e.timeBaseNs) / 1_000_000_000L));
                t.setLastSeenMs(rec, e.nowMs(nowNs));
                t.setSyncState(rec, SyncState.SYNCED); // discard sessions stay local
                e.counters.increment(FlowCounter.SESSION_DISCARD_INSTALLED);
                if (e.rc.policy.logEnd(rule) || e.rc.policy.logStart(rule)) {
                    e.logger.deny(t, rec, action, nowNs);
                }
            } else {
                t.abandon(rec);
            }
        }
        if (m.isFragment()) {
            rememberFragment(false, Math.max(egress, 0), false, 0, 0, 0, 0, nowNs);
        }
        if (action == RuleAction.RESET_CLIENT || action == RuleAction.RESET_SERVER || action == RuleAction.RESET_BOTH) {
            e.counters.increment(FlowCounter.POLICY_RESET);
            e.layer3.reject(frame, ingress, egress, action);
        }
        return SessionEngine.DROP;
    }

    /**
     * Re-checks a session admitted by an older policy epoch against the current one (lazily, on its next packet).
     * Returns false when the session is no longer allowed.
     */
    boolean recheck(SessionTable t, int rec) {
        RuntimeConfig rc = e.rc;
        int v = t.layout().isIpv6() ? 6 : 4;
        int c = SessionTable.C2S;
        int zone = t.zone(rec, c);
        int egressZone = t.zone(rec, SessionTable.S2C);
        String user = rc.policy.userOf(v, t.addressHi(rec, c, true), t.addressLo(rec, c, true));
        int rule = rc.policy.matchSecurity(
                zone,
                egressZone,
                v,
                t.addressHi(rec, c, true),
                t.addressLo(rec, c, true),
                t.addressHi(rec, c, false),
                t.addressLo(rec, c, false),
                t.protocol(rec),
                t.srcPort(rec, c),
                t.dstPort(rec, c),
                t.app(rec),
                user);
        if (rc.policy.ruleAction(rule) != RuleAction.ALLOW) {
            return false;
        }
        t.setRule(rec, rule);
        t.setEpoch(rec, (int) rc.epoch);
        return true;
    }

    // ------------------------------------------------------------------------------------------ redirects

    /** Installs a stub in the reply-owner worker's table pointing at this worker. */
    private void installRedirect(SessionTable t, int rec, int replyOwner) {
        int v = t.layout().isIpv6() ? 6 : 4;
        int d = SessionTable.S2C;
        long sHi = t.addressHi(rec, d, true);
        long sLo = t.addressLo(rec, d, true);
        long dHi = t.addressHi(rec, d, false);
        long dLo = t.addressLo(rec, d, false);
        int sp = t.srcPort(rec, d);
        int dp = t.dstPort(rec, d);
        int proto = t.protocol(rec);
        int zone = t.zone(rec, d);
        int owner = e.worker;
        e.tasks.submit(replyOwner, (ctx, now) -> {
            SessionTable table = ctx.table(v);
            int r = table.allocate();
            if (r < 0) {
                return;
            }
            table.setKey(r, SessionTable.C2S, sHi, sLo, dHi, dLo, sp, dp, proto, zone);
            // The stub's other key can never match a packet (zone 0xffff does not exist).
            table.setKey(r, SessionTable.S2C, sHi, sLo, dHi, dLo, sp, dp, proto, 0xffff);
            if (table.publish(r, SessionState.REDIRECT)) {
                table.setRule(r, owner);
                table.setSyncState(r, SyncState.SYNCED);
            } else {
                table.abandon(r);
            }
        });
    }

    void removeRedirect(SessionTable t, int rec, int replyOwner) {
        int v = t.layout().isIpv6() ? 6 : 4;
        int d = SessionTable.S2C;
        long sHi = t.addressHi(rec, d, true);
        long sLo = t.addressLo(rec, d, true);
        long dHi = t.addressHi(rec, d, false);
        long dLo = t.addressLo(rec, d, false);
        int sp = t.srcPort(rec, d);
        int dp = t.dstPort(rec, d);
        int proto = t.protocol(rec);
        int zone = t.zone(rec, d);
        int owner = e.worker;
        e.tasks.submit(replyOwner, (ctx, now) -> {
            SessionTable table = ctx.table(v);
            int h = table.lookup(sHi, sLo, dHi, dLo, sp, dp, proto, zone);
            if (h >= 0 && table.state(h >>> 1) == SessionState.REDIRECT && table.rule(h >>> 1) == owner) {
                table.remove(h >>> 1);
            }
        });
    }
}

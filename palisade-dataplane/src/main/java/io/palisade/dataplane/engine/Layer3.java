package io.palisade.dataplane.engine;

import io.palisade.config.model.RuleAction;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.NetOrder;
import io.palisade.dataplane.packet.PacketFactory;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketRewriter;
import io.palisade.dataplane.packet.TcpFlags;
import io.palisade.dataplane.route.RouteLookup;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Layer-3 duties of a worker: ARP (answer for own addresses, learn neighbours), ICMP echo to own addresses,
 * next-hop resolution and MAC rewrite with TTL decrement on output, and the frames policy sends back (TCP
 * resets, ICMP unreachable, ICMP time exceeded). IPv4 only for neighbour resolution: IPv6 neighbour discovery
 * is not implemented, so IPv6 is forwarded on virtual wires only.
 */
final class Layer3 {
    /** A neighbour is refreshed (re-announced) at most this often. */
    static final long NEIGHBOR_REFRESH_NS = 30_000_000_000L;
    /** At most one ARP request per next hop per this interval. */
    private static final long ARP_RETRY_NS = 1_000_000_000L;

    private static final int ARP_REQUEST = 1;
    private static final int ARP_REPLY = 2;

    private final SessionEngine e;
    private final MemorySegment scratch = Arena.ofAuto().allocate(2048, 64);
    private final RouteLookup route = new RouteLookup();
    private final long[] arpAsked = new long[256];
    private final int[] arpAskedIp = new int[256];

    Layer3(SessionEngine engine) {
        this.e = engine;
    }

    /** An ARP frame on a layer-3 interface: learn the sender, answer requests for our addresses. */
    int arp(MemorySegment frame, int ingress, long nowNs) {
        PacketMeta m = e.meta;
        e.counters.increment(FlowCounter.ARP_RECEIVED);
        if (m.arpSenderIp() != 0) {
            e.neighbors.learn(ingress, m.arpSenderIp(), m.arpSenderMac(), nowNs, NEIGHBOR_REFRESH_NS);
        }
        if (m.arpOp() == ARP_REQUEST
                && e.rc.ownInterface(m.arpTargetIp()) == ingress
                && m.arpSenderIp() != m.arpTargetIp()) {
            int len = PacketFactory.arpReply(
                    scratch, e.rc.interfaceMac[ingress], m.arpTargetIp(), m.arpSenderMac(), m.arpSenderIp());
            if (e.emitter.emit(ingress, scratch, len)) {
                e.counters.increment(FlowCounter.ARP_REPLY_SENT);
            }
        }
        return SessionEngine.CONSUMED;
    }

    /** A packet for one of our own addresses: echo requests are answered, everything else is dropped. */
    int toHost(MemorySegment frame, int ingress, long nowNs) {
        PacketMeta m = e.meta;
        if (m.protocol() == IpProtocol.ICMP && m.icmpType() == 8 && !m.isFragment()) {
            PacketFactory.echoReplyInPlace(frame, m);
            e.egressInterface = ingress;
            e.counters.increment(FlowCounter.ICMP_ECHO_REPLIED);
            return SessionEngine.FORWARD;
        }
        return e.drop(FlowCounter.TO_HOST_DROP);
    }

    /**
     * Layer-3 output of a forwarded packet: TTL decrement (time exceeded at zero), next hop resolved through
     * the neighbour table, MACs rewritten. {@code lookup} asks for a route lookup of the destination instead of
     * the cached next hop.
     */
    int output(MemorySegment frame, int egress, long nextHopHi, long nextHopLo, boolean lookup, long nowNs) {
        PacketMeta m = e.meta;
        if (m.ipVersion() != 4) {
            return e.drop(FlowCounter.NO_ROUTE);
        }
        int nextHop = (int) nextHopLo;
        if (lookup) {
            if (!e.rc.policy.routes().lookup(4, 0, m.dstAddrLo(), route)) {
                return e.drop(FlowCounter.NO_ROUTE);
            }
            nextHop = route.onLink() ? m.dstIpv4() : (int) route.nextHopLo();
        } else if (nextHop == 0) {
            nextHop = m.dstIpv4();
        }
        if (!PacketRewriter.decrementTtl(frame, m)) {
            timeExceeded(frame);
            return e.drop(FlowCounter.TTL_EXCEEDED);
        }
        long mac = e.neighbors.lookup(egress, nextHop);
        if (mac == 0) {
            resolve(egress, nextHop, nowNs);
            return e.drop(FlowCounter.ARP_UNRESOLVED_DROP);
        }
        PacketFactory.putMac(frame, m.l2Offset(), mac);
        PacketFactory.putMac(frame, m.l2Offset() + 6, e.rc.interfaceMac[egress]);
        e.egressInterface = egress;
        return SessionEngine.FORWARD;
    }

    /** Sends an ARP request for a next hop, at most once a second per address. */
    private void resolve(int egress, int ip, long nowNs) {
        int slot = (ip * 0x9E3779B9 >>> 24) & 0xff;
        if (arpAskedIp[slot] == ip && nowNs - arpAsked[slot] < ARP_RETRY_NS) {
            return;
        }
        int own = e.rc.addressOn(egress);
        if (own == 0) {
            return;
        }
        arpAskedIp[slot] = ip;
        arpAsked[slot] = nowNs;
        int len = PacketFactory.arpRequest(scratch, e.rc.interfaceMac[egress], own, ip);
        if (e.emitter.emit(egress, scratch, len)) {
            e.counters.increment(FlowCounter.ARP_REQUEST_SENT);
        }
    }

    /** ICMP time exceeded back to the sender, out the interface the packet came in on. */
    private void timeExceeded(MemorySegment frame) {
        PacketMeta m = e.meta;
        int ingress = e.currentIngress;
        int own = e.rc.addressOn(ingress);
        if (own == 0 || m.protocol() == IpProtocol.ICMP && m.isIcmpError()) {
            return; // never answer an error with an error
        }
        long srcMac = NetOrder.u48(frame, m.l2Offset() + 6);
        int len = PacketFactory.icmpError(
                scratch,
                srcMac,
                e.rc.interfaceMac[ingress],
                4,
                0,
                own & 0xffffffffL,
                0,
                m.srcAddrLo(),
                11,
                0,
                frame,
                m.l3Offset(),
                m.l3End() - m.l3Offset(),
                m.l4Offset() - m.l3Offset());
        e.emitter.emit(ingress, scratch, len);
    }

    /**
     * Answers a denied packet for the reset-* actions: TCP resets to the client and/or server, or ICMP
     * administratively-prohibited to the client for other protocols.
     */
    void reject(MemorySegment frame, int ingress, int egress, RuleAction action) {
        PacketMeta m = e.meta;
        boolean toClient = action == RuleAction.RESET_CLIENT || action == RuleAction.RESET_BOTH;
        boolean toServer = action == RuleAction.RESET_SERVER || action == RuleAction.RESET_BOTH;
        long frameDst = NetOrder.u48(frame, m.l2Offset());
        long frameSrc = NetOrder.u48(frame, m.l2Offset() + 6);
        boolean l3In = e.rc.layer3[ingress];
        if (m.protocol() == IpProtocol.TCP) {
            int flags = m.tcpFlags();
            int seqLen = m.payloadLength() + ((flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? 1 : 0);
            if (toClient) {
                boolean hasAck = (flags & TcpFlags.ACK) != 0;
                int len = PacketFactory.tcpReset(
                        scratch,
                        frameSrc,
                        l3In ? e.rc.interfaceMac[ingress] : frameDst,
                        m.ipVersion(),
                        m.dstAddrHi(),
                        m.dstAddrLo(),
                        m.srcAddrHi(),
                        m.srcAddrLo(),
                        m.dstPort(),
                        m.srcPort(),
                        hasAck ? m.tcpAck() : 0,
                        m.tcpSeq() + seqLen,
                        !hasAck);
                e.emitter.emit(ingress, scratch, len);
            }
            if (toServer && egress >= 0 && !e.rc.layer3[egress]) {
                int len = PacketFactory.tcpReset(
                        scratch,
                        frameDst,
                        frameSrc,
                        m.ipVersion(),
                        m.srcAddrHi(),
                        m.srcAddrLo(),
                        m.dstAddrHi(),
                        m.dstAddrLo(),
                        m.srcPort(),
                        m.dstPort(),
                        m.tcpSeq() + seqLen,
                        0,
                        false);
                e.emitter.emit(egress, scratch, len);
            }
            return;
        }
        if (toClient && !(m.isIcmpError())) {
            int own = l3In ? e.rc.addressOn(ingress) : 0;
            long fromHi = l3In ? 0 : m.dstAddrHi();
            long fromLo = l3In && own != 0 ? own & 0xffffffffL : m.dstAddrLo();
            boolean v4 = m.ipVersion() == 4;
            int len = PacketFactory.icmpError(
                    scratch,
                    frameSrc,
                    l3In ? e.rc.interfaceMac[ingress] : frameDst,
                    m.ipVersion(),
                    fromHi,
                    fromLo,
                    m.srcAddrHi(),
                    m.srcAddrLo(),
                    v4 ? 3 : 1,
                    v4 ? 13 : 1,
                    frame,
                    m.l3Offset(),
                    m.l3End() - m.l3Offset(),
                    m.l4Offset() - m.l3Offset());
            e.emitter.emit(ingress, scratch, len);
        }
    }

    /**
     * Virtual wires: the switches on both sides still send each host's MAC towards the old active node's ports
     * (a crashed process leaves its links up, and a wire has no address of its own to announce). For every host
     * the wire has seen ARP from (learnt on this node or synced from the peer over HA2), a gratuitous ARP with the
     * host's own, unchanged binding goes out the other side of the wire, so the switch there learns the host's MAC
     * on this node's port. Returns frames sent.
     */
    private int announceWireHosts() {
        int sent = 0;
        for (NeighborTable.Entry n : e.neighbors.entries()) {
            int side = n.interfaceId();
            int out = side >= 0 && side < e.rc.interfaceCount && !e.rc.layer3[side] ? e.rc.wirePeer[side] : -1;
            if (out >= 0) {
                int len = PacketFactory.gratuitousArp(scratch, n.mac(), n.ip());
                if (e.emitter.emit(out, scratch, len)) {
                    sent++;
                    e.counters.increment(FlowCounter.GARP_SENT);
                }
            }
        }
        return sent;
    }

    /**
     * Gratuitous ARP for every own address on every layer-3 interface: a new active node tells neighbours and
     * switches at once where the (virtual) MAC now lives. Returns frames sent.
     */
    int announce() {
        int sent = announceWireHosts();
        int[] ips = e.rc.ownIpv4;
        int[] ifs = e.rc.ownIpv4Interface;
        for (int k = 0; k < ips.length; k++) {
            int len = PacketFactory.gratuitousArp(scratch, e.rc.interfaceMac[ifs[k]], ips[k]);
            if (e.emitter.emit(ifs[k], scratch, len)) {
                sent++;
                e.counters.increment(FlowCounter.GARP_SENT);
            }
        }
        return sent;
    }
}

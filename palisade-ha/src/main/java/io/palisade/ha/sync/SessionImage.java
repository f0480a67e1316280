package io.palisade.ha.sync;

import io.palisade.dataplane.session.FlowHash;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.TcpState;
import java.util.Objects;

/**
 * Everything HA2 carries about one session, as plain fields: the worker fills it from its table
 * ({@link #readFrom}) and the codec writes it; the codec reads it back and the peer's worker applies it
 * ({@link PeerSessionInstaller}). A reused flyweight, so neither side allocates per session; copy it to keep it.
 *
 * <p>Addresses follow {@link SessionTable}: IPv4 in the low 32 bits of {@code lo} with {@code hi} zero, IPv6 as
 * two longs. Times travel as ages (idle milliseconds, seconds since start) because the two nodes' tables have
 * different time bases.
 */
final class SessionImage {
    boolean ipv6;
    int protocol;
    long c2sSrcHi;
    long c2sSrcLo;
    long c2sDstHi;
    long c2sDstLo;
    int c2sSrcPort;
    int c2sDstPort;
    long s2cSrcHi;
    long s2cSrcLo;
    long s2cDstHi;
    long s2cDstLo;
    int s2cSrcPort;
    int s2cDstPort;
    int zoneC2s;
    int zoneS2c;
    SessionState state = SessionState.ACTIVE;
    TcpState tcpState = TcpState.NONE;
    int flags;
    int rule;
    /** -1: not translated. */
    int natRule = -1;

    int app;
    int interfaceIn;
    int interfaceOut;
    long nextHopHi;
    long nextHopLo;
    /** Low 32 bits of the policy epoch that admitted the session, unsigned. */
    long policyEpoch;

    long idleMs;
    int ageSeconds;
    int seqC2s;
    int seqS2c;
    boolean hasCounters;
    long packetsC2s;
    long packetsS2c;
    long bytesC2s;
    long bytesS2c;

    /**
     * Copies a live record.
     *
     * @param nowMs now, in milliseconds since the table's time base
     * @param withCounters also copy the packet and byte counters
     */
    SessionImage readFrom(SessionTable table, int rec, long nowMs, boolean withCounters) {
        ipv6 = table.layout().isIpv6();
        protocol = table.protocol(rec);
        c2sSrcHi = table.addressHi(rec, SessionTable.C2S, true);
        c2sSrcLo = table.addressLo(rec, SessionTable.C2S, true);
        c2sDstHi = table.addressHi(rec, SessionTable.C2S, false);
        c2sDstLo = table.addressLo(rec, SessionTable.C2S, false);
        c2sSrcPort = table.srcPort(rec, SessionTable.C2S);
        c2sDstPort = table.dstPort(rec, SessionTable.C2S);
        s2cSrcHi = table.addressHi(rec, SessionTable.S2C, true);
        s2cSrcLo = table.addressLo(rec, SessionTable.S2C, true);
        s2cDstHi = table.addressHi(rec, SessionTable.S2C, false);
        s2cDstLo = table.addressLo(rec, SessionTable.S2C, false);
        s2cSrcPort = table.srcPort(rec, SessionTable.S2C);
        s2cDstPort = table.dstPort(rec, SessionTable.S2C);
        zoneC2s = table.zone(rec, SessionTable.C2S);
        zoneS2c = table.zone(rec, SessionTable.S2C);
        state = table.state(rec);
        tcpState = table.tcpState(rec);
        flags = table.flags(rec);
        rule = table.rule(rec);
        natRule = table.natRule(rec);
        app = table.app(rec);
        interfaceIn = table.interfaceIn(rec);
        interfaceOut = table.interfaceOut(rec);
        nextHopHi = table.nextHopHi(rec);
        nextHopLo = table.nextHopLo(rec);
        policyEpoch = table.epoch(rec) & 0xffffffffL;
        idleMs = Math.max(0, nowMs - table.lastSeenMs(rec));
        ageSeconds = (int) Math.max(0, nowMs / 1000 - table.startSeconds(rec));
        seqC2s = table.nextSeq(rec, SessionTable.C2S);
        seqS2c = table.nextSeq(rec, SessionTable.S2C);
        hasCounters = withCounters;
        if (withCounters) {
            packetsC2s = table.packets(rec, SessionTable.C2S);
            packetsS2c = table.packets(rec, SessionTable.S2C);
            bytesC2s = table.bytes(rec, SessionTable.C2S);
            bytesS2c = table.bytes(rec, SessionTable.S2C);
        } else {
            packetsC2s = packetsS2c = bytesC2s = bytesS2c = 0;
        }
        return this;
    }

    /**
     * Whether the s2c key is the c2s key turned around (no NAT), so the wire can leave it out. Zones are
     * compared separately: they differ whenever the session crosses zones.
     */
    boolean s2cMirrorsC2s() {
        return s2cSrcHi == c2sDstHi
                && s2cSrcLo == c2sDstLo
                && s2cDstHi == c2sSrcHi
                && s2cDstLo == c2sSrcLo
                && s2cSrcPort == c2sDstPort
                && s2cDstPort == c2sSrcPort;
    }

    /** Sets the s2c key to the c2s key turned around. */
    void mirrorS2c() {
        s2cSrcHi = c2sDstHi;
        s2cSrcLo = c2sDstLo;
        s2cDstHi = c2sSrcHi;
        s2cDstLo = c2sSrcLo;
        s2cSrcPort = c2sDstPort;
        s2cDstPort = c2sSrcPort;
    }

    /** The worker that owns this session among {@code workers} (symmetric hash of the c2s key). */
    int owner(int workers) {
        return FlowHash.owner(
                FlowHash.symmetric(c2sSrcHi, c2sSrcLo, c2sDstHi, c2sDstLo, c2sSrcPort, c2sDstPort, protocol), workers);
    }

    /** Value equality over every field (tests compare what went in with what came out). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionImage s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }

    @Override
    public String toString() {
        return "SessionImage[" + (ipv6 ? "v6" : "v4") + " proto=" + protocol
                + " c2s=" + Long.toHexString(c2sSrcHi) + "/" + Long.toHexString(c2sSrcLo) + ":" + c2sSrcPort
                + ">" + Long.toHexString(c2sDstHi) + "/" + Long.toHexString(c2sDstLo) + ":" + c2sDstPort
                + " s2c=" + Long.toHexString(s2cSrcHi) + "/" + Long.toHexString(s2cSrcLo) + ":" + s2cSrcPort
                + ">" + Long.toHexString(s2cDstHi) + "/" + Long.toHexString(s2cDstLo) + ":" + s2cDstPort
                + " zones=" + zoneC2s + "/" + zoneS2c + " state=" + state + " tcp=" + tcpState + " flags=" + flags
                + " rule=" + rule + " nat=" + natRule + " app=" + app + " if=" + interfaceIn + "/" + interfaceOut
                + " nh=" + Long.toHexString(nextHopHi) + "/" + Long.toHexString(nextHopLo) + " epoch=" + policyEpoch
                + " idle=" + idleMs + " age=" + ageSeconds + " seq=" + seqC2s + "/" + seqS2c
                + (hasCounters ? " pkts=" + packetsC2s + "/" + packetsS2c + " bytes=" + bytesC2s + "/" + bytesS2c : "")
                + "]";
    }
}

package io.palisade.dataplane.engine;

import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;

/**
 * A copy of one session for {@code show session}, made on the owning worker's thread.
 *
 * @param id session id
 * @param worker owning worker
 * @param state ACTIVE or DISCARD
 * @param tcpState TCP state name, or empty
 * @param protocol IP protocol number
 * @param application application name
 * @param rule security rule name
 * @param natRule NAT rule name, or null
 * @param natFlag NS, ND, NB or empty
 * @param fromZone client zone
 * @param toZone server zone
 * @param source client address
 * @param sourcePort client port
 * @param destination server address as addressed
 * @param destinationPort server port as addressed
 * @param translatedSource client address after NAT
 * @param translatedSourcePort client port after NAT
 * @param translatedDestination server address after NAT
 * @param translatedDestinationPort server port after NAT
 * @param ingressInterface client-side interface
 * @param egressInterface server-side interface
 * @param startEpochMs start time
 * @param idleMs time since the last packet
 * @param timeoutS idle timeout that applies now
 * @param packetsC2s packets client to server
 * @param packetsS2c packets server to client
 * @param bytesC2s bytes client to server
 * @param bytesS2c bytes server to client
 * @param syncState HA sync state
 * @param fromPeer installed from the HA peer
 * @param logAtEnd traffic log at end
 * @param sourceUser the client's user, or null
 */
public record SessionSnapshot(
        long id,
        int worker,
        String state,
        String tcpState,
        int protocol,
        String application,
        String rule,
        String natRule,
        String natFlag,
        String fromZone,
        String toZone,
        String source,
        int sourcePort,
        String destination,
        int destinationPort,
        String translatedSource,
        int translatedSourcePort,
        String translatedDestination,
        int translatedDestinationPort,
        String ingressInterface,
        String egressInterface,
        long startEpochMs,
        long idleMs,
        long timeoutS,
        long packetsC2s,
        long packetsS2c,
        long bytesC2s,
        long bytesS2c,
        String syncState,
        boolean fromPeer,
        boolean logAtEnd,
        String sourceUser) {

    /** Copies record {@code rec} of {@code t}; call on the owning worker's thread. */
    static SessionSnapshot of(SessionEngine e, SessionTable t, int rec, long nowNs) {
        RuntimeConfig rc = e.rc;
        int v = t.layout().isIpv6() ? 6 : 4;
        int c = SessionTable.C2S;
        int s = SessionTable.S2C;
        int flags = t.flags(rec);
        int nat = t.natRule(rec);
        String natRule = nat >= 0 && nat < rc.policy.natTable().size()
                ? rc.policy.natTable().entry(nat).ruleName()
                : null;
        int tcp = t.protocol(rec) == 6 ? 1 : 0;
        return new SessionSnapshot(
                e.sessionId(t, rec),
                e.worker,
                t.state(rec) == SessionState.DISCARD ? "DISCARD" : "ACTIVE",
                tcp == 1 ? t.tcpState(rec).name() : "",
                t.protocol(rec),
                rc.policy.applications().name(t.app(rec)),
                rc.policy.ruleName(t.rule(rec)),
                natRule,
                SessionFlags.natColumn(flags),
                rc.zoneName(t.zone(rec, c)),
                rc.zoneName(t.zone(rec, s)),
                Addresses.format(v, t.addressHi(rec, c, true), t.addressLo(rec, c, true)),
                t.srcPort(rec, c),
                Addresses.format(v, t.addressHi(rec, c, false), t.addressLo(rec, c, false)),
                t.dstPort(rec, c),
                Addresses.format(v, t.addressHi(rec, s, false), t.addressLo(rec, s, false)),
                t.dstPort(rec, s),
                Addresses.format(v, t.addressHi(rec, s, true), t.addressLo(rec, s, true)),
                t.srcPort(rec, s),
                rc.interfaceName(t.interfaceIn(rec)),
                rc.interfaceName(t.interfaceOut(rec)),
                e.timeBaseEpochMs + t.startSeconds(rec) * 1000L,
                Math.max(0, e.nowMs(nowNs) - t.lastSeenMs(rec)),
                e.timeoutMs(t, rec) / 1000,
                t.packets(rec, c),
                t.packets(rec, s),
                t.bytes(rec, c),
                t.bytes(rec, s),
                t.syncState(rec).name(),
                t.syncState(rec) == io.palisade.dataplane.session.SyncState.FROM_PEER,
                (flags & SessionFlags.LOG_END) != 0,
                rc.policy.userOf(v, t.addressHi(rec, c, true), t.addressLo(rec, c, true)));
    }
}

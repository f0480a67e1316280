package io.palisade.dataplane.engine;

import io.palisade.config.model.RuleAction;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionTable;

/**
 * Builds PAN-OS style traffic log records from a session record and hands them to the node's
 * {@link TrafficLogSink}. Runs only at session start and end, when the rule asks for a log; it allocates the
 * record, never on the per-packet path.
 */
final class TrafficLogger {
    private final SessionEngine e;

    TrafficLogger(SessionEngine engine) {
        this.e = engine;
    }

    void start(SessionTable t, int rec, long nowNs) {
        e.trafficLog.log(record("start", t, rec, "allow", EndReason.NONE, nowNs));
    }

    void end(SessionTable t, int rec, long nowNs) {
        e.trafficLog.log(record("end", t, rec, "allow", t.endReason(rec), nowNs));
    }

    void deny(SessionTable t, int rec, RuleAction action, long nowNs) {
        e.trafficLog.log(record(
                "deny",
                t,
                rec,
                action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                EndReason.POLICY_DENY,
                nowNs));
    }

    private TrafficLogRecord record(String type, SessionTable t, int rec, String action, EndReason end, long nowNs) {
        RuntimeConfig rc = e.rc;
        int v = t.layout().isIpv6() ? 6 : 4;
        int c = SessionTable.C2S;
        int s = SessionTable.S2C;
        int flags = t.flags(rec);
        boolean natSrc = (flags & SessionFlags.NAT_SRC) != 0;
        boolean natDst = (flags & SessionFlags.NAT_DST) != 0;
        long startMs = e.timeBaseEpochMs + t.startSeconds(rec) * 1000L;
        long nowMs = e.timeBaseEpochMs + (nowNs - e.timeBaseNs) / 1_000_000L;
        String user = rc.policy.userOf(v, t.addressHi(rec, c, true), t.addressLo(rec, c, true));
        return new TrafficLogRecord(
                type,
                e.sessionId(t, rec),
                startMs,
                nowMs,
                rc.zoneName(t.zone(rec, c)),
                rc.zoneName(t.zone(rec, s)),
                Addresses.format(v, t.addressHi(rec, c, true), t.addressLo(rec, c, true)),
                Addresses.format(v, t.addressHi(rec, c, false), t.addressLo(rec, c, false)),
                t.srcPort(rec, c),
                t.dstPort(rec, c),
                natSrc ? Addresses.format(v, t.addressHi(rec, s, false), t.addressLo(rec, s, false)) : null,
                natSrc ? t.dstPort(rec, s) : 0,
                natDst ? Addresses.format(v, t.addressHi(rec, s, true), t.addressLo(rec, s, true)) : null,
                natDst ? t.srcPort(rec, s) : 0,
                protocolName(t.protocol(rec)),
                rc.policy.applications().name(t.app(rec)),
                rc.policy.ruleName(t.rule(rec)),
                action,
                t.bytes(rec, c),
                t.bytes(rec, s),
                t.packets(rec, c),
                t.packets(rec, s),
                end.logName(),
                rc.interfaceName(t.interfaceIn(rec)),
                rc.interfaceName(t.interfaceOut(rec)),
                user);
    }

    static String protocolName(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> "tcp";
            case IpProtocol.UDP -> "udp";
            case IpProtocol.ICMP -> "icmp";
            case IpProtocol.ICMPV6 -> "ipv6-icmp";
            default -> Integer.toString(protocol);
        };
    }
}

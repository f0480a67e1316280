package io.palisade.mgmt.shell.render;

import static io.palisade.mgmt.shell.render.Durations.trueFalse;

import io.palisade.ops.SessionDetail;
import io.palisade.ops.SessionInfo;
import io.palisade.ops.SessionSummary;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code show session all|id|info} in the PAN-OS layouts. */
public final class SessionRenderer {
    private static final String RULE = "-".repeat(80);

    /** Session timeout lines of {@code show session info}, by normalised key (PAN-OS or configuration spelling). */
    private static final Map<String, String> TIMEOUT_LABELS = new LinkedHashMap<>();

    static {
        TIMEOUT_LABELS.put("tcp", "TCP default timeout");
        TIMEOUT_LABELS.put("tcpinit", "TCP session timeout before SYN-ACK received");
        TIMEOUT_LABELS.put("tcphandshake", "TCP session timeout before 3-way handshaking");
        TIMEOUT_LABELS.put("tcphalfclosed", "TCP half-closed session timeout");
        TIMEOUT_LABELS.put("tcptimewait", "TCP session timeout in TIME_WAIT");
        TIMEOUT_LABELS.put("tcpunverifiedrst", "TCP session timeout for unverified RST");
        TIMEOUT_LABELS.put("udp", "UDP default timeout");
        TIMEOUT_LABELS.put("icmp", "ICMP default timeout");
        TIMEOUT_LABELS.put("default", "other IP default timeout");
        TIMEOUT_LABELS.put("scan", "Scan timeout");
        TIMEOUT_LABELS.put("captiveportal", "Captive Portal session timeout");
    }

    private SessionRenderer() {}

    /** {@code show session all}: two lines a session, client side then server side. */
    public static String all(List<SessionSummary> sessions) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n');
        sb.append("ID          Application    State   Type Flag  Src[Sport]/Zone/Proto (translated IP[Port])\n");
        sb.append("Vsys                                          Dst[Dport]/Zone (translated IP[Port])\n");
        sb.append(RULE).append('\n');
        for (SessionSummary s : sessions) {
            sb.append("%-12s %-14s %-7s %-5s %-4s %s[%d]/%s/%d  (%s[%d])\n"
                    .formatted(
                            s.id(),
                            s.application(),
                            s.state(),
                            s.type(),
                            s.flag(),
                            s.source(),
                            s.sourcePort(),
                            s.fromZone(),
                            s.protocol(),
                            s.translatedSource(),
                            s.translatedSourcePort()));
            sb.append("%-47s%s[%d]/%s  (%s[%d])\n"
                    .formatted(
                            "vsys1",
                            s.destination(),
                            s.destinationPort(),
                            s.toZone(),
                            s.translatedDestination(),
                            s.translatedDestinationPort()));
        }
        sb.append("Total sessions shown: ").append(sessions.size()).append('\n');
        return sb.toString();
    }

    /** {@code show session id N}. */
    public static String detail(SessionDetail d, long nowEpochMs, ZoneId zone) {
        SessionSummary s = d.summary();
        StringBuilder sb = new StringBuilder();
        sb.append("%-21s%d%n%n".formatted("Session", s.id()));
        String state = s.state();
        flow(
                sb,
                "c2s",
                s.source(),
                s.fromZone(),
                s.destination(),
                s.protocol(),
                s.sourcePort(),
                s.destinationPort(),
                state,
                s.type(),
                d.sourceUser());
        // The reply comes from the translated server address to the translated client address.
        flow(
                sb,
                "s2c",
                s.translatedDestination(),
                s.toZone(),
                s.translatedSource(),
                s.protocol(),
                s.translatedDestinationPort(),
                s.translatedSourcePort(),
                state,
                s.type(),
                "unknown");
        long ttl = Math.max(0, d.timeoutS() - d.idleMs() / 1000);
        field(sb, "start time", Durations.ctime(d.startEpochMs(), zone));
        field(sb, "timeout", d.timeoutS() + " sec");
        field(sb, "time to live", ttl + " sec");
        field(sb, "total byte count(c2s)", Long.toString(d.bytesC2s()));
        field(sb, "total byte count(s2c)", Long.toString(d.bytesS2c()));
        field(sb, "layer7 packet count(c2s)", Long.toString(d.packetsC2s()));
        field(sb, "layer7 packet count(s2c)", Long.toString(d.packetsS2c()));
        field(sb, "vsys", "vsys1");
        field(sb, "application", s.application());
        field(sb, "rule", d.rule());
        field(sb, "session to be logged at end", trueFalse(d.logAtEnd()));
        field(sb, "session in session ager", trueFalse("ACTIVE".equalsIgnoreCase(state)));
        field(sb, "session updated by HA peer", trueFalse(d.updatedByHaPeer()));
        field(sb, "address/port translation", translation(s.flag()));
        if (d.natRule() != null && !d.natRule().isEmpty()) {
            field(sb, "nat-rule", d.natRule() + "(vsys1)");
        }
        field(sb, "layer7 processing", "disabled");
        field(sb, "session via syn-cookies", "False");
        field(sb, "session terminated on host", "False");
        field(sb, "ingress interface", d.ingressInterface());
        field(sb, "egress interface", d.egressInterface());
        if (d.tcpState() != null && !d.tcpState().isBlank()) {
            field(sb, "tcp state", d.tcpState());
        }
        field(sb, "owner worker", Integer.toString(d.worker()));
        field(sb, "HA sync state", d.syncState());
        return sb.toString().replace("\r\n", "\n");
    }

    private static void flow(
            StringBuilder sb,
            String name,
            String src,
            String zone,
            String dst,
            int proto,
            int sport,
            int dport,
            String state,
            String type,
            String srcUser) {
        String in = " ".repeat(16);
        sb.append("        ").append(name).append(" flow:\n");
        sb.append(in).append("%-13s%s [%s]%n".formatted("source:", src, zone));
        sb.append(in).append("%-13s%s%n".formatted("dst:", dst));
        sb.append(in).append("%-13s%d%n".formatted("proto:", proto));
        sb.append(in).append("%-13s%-16d%-12s%d%n".formatted("sport:", sport, "dport:", dport));
        sb.append(in).append("%-13s%-16s%-12s%s%n".formatted("state:", state, "type:", type));
        sb.append(in).append("%-13s%s%n".formatted("src user:", srcUser));
        sb.append(in).append("%-13s%s%n".formatted("dst user:", "unknown"));
        sb.append('\n');
    }

    private static void field(StringBuilder sb, String label, String value) {
        sb.append("        %-37s: %s%n".formatted(label, value));
    }

    private static String translation(String flag) {
        return switch (flag == null ? "" : flag.strip()) {
            case "NS" -> "source";
            case "ND" -> "destination";
            case "NB" -> "source + destination";
            default -> "None";
        };
    }

    /** {@code show session info}. */
    public static String info(SessionInfo i) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n');
        sb.append("Number of sessions supported: ").append(i.supported()).append('\n');
        sb.append("Number of allocated sessions: ").append(i.allocated()).append('\n');
        sb.append("Number of active TCP sessions: ").append(i.activeTcp()).append('\n');
        sb.append("Number of active UDP sessions: ").append(i.activeUdp()).append('\n');
        sb.append("Number of active ICMP sessions: ").append(i.activeIcmp()).append('\n');
        sb.append("Number of active other IP sessions: ")
                .append(i.activeOther())
                .append('\n');
        long utilization = i.supported() == 0 ? 0 : i.allocated() * 100 / i.supported();
        sb.append("Session table utilization: ").append(utilization).append("%\n");
        sb.append("Number of sessions created since bootup: ")
                .append(i.createdSinceBoot())
                .append('\n');
        sb.append("Packet rate: ").append(i.packetRate()).append("/s\n");
        sb.append("Throughput: ").append(i.throughputKbps()).append(" kbps\n");
        sb.append("New connection establish rate: ")
                .append(i.newConnectionRate())
                .append(" cps\n");
        sb.append(RULE).append('\n');
        sb.append("Session timeout\n");
        Map<String, Integer> byKey = new LinkedHashMap<>();
        i.timeoutsS().forEach((k, v) -> byKey.put(normalise(k), v));
        TIMEOUT_LABELS.forEach((key, label) -> {
            Integer v = byKey.remove(key);
            if (v != null) {
                sb.append(label).append(": ").append(v).append(" secs\n");
            }
        });
        Integer discardTcp = byKey.remove("discardtcp");
        Integer discardUdp = byKey.remove("discardudp");
        Integer discardOther = byKey.remove("discarddefault");
        if (discardTcp != null || discardUdp != null || discardOther != null) {
            sb.append("Session timeout in discard state:\n");
            sb.append("TCP: %s secs, UDP: %s secs, other IP protocols: %s secs%n"
                    .formatted(discardTcp, discardUdp, discardOther));
        }
        byKey.forEach((k, v) -> sb.append(k).append(" timeout: ").append(v).append(" secs\n"));
        sb.append(RULE).append('\n');
        sb.append("Session setup\n");
        sb.append("TCP - reject non-SYN first packet: ")
                .append(trueFalse(i.tcpRejectNonSyn()))
                .append('\n');
        sb.append(RULE).append('\n');
        return sb.toString().replace("\r\n", "\n");
    }

    /** {@code timeout-tcp-init}, {@code tcp-init} and {@code tcpinit} are the same key. */
    static String normalise(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("timeout-")) {
            k = k.substring("timeout-".length());
        }
        return k.replace("-", "").replace("_", "");
    }
}

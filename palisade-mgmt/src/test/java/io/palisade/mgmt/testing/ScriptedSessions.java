package io.palisade.mgmt.testing;

import io.palisade.ops.CounterValue;
import io.palisade.ops.SessionDetail;
import io.palisade.ops.SessionFilter;
import io.palisade.ops.SessionSummary;
import java.util.List;

/** The scripted node's session table and counters: a handful of realistic rows over the fw-a example's zones. */
final class ScriptedSessions {
    private ScriptedSessions() {}

    static List<SessionDetail> sample(long bootMs) {
        return List.of(
                detail(
                        new SessionSummary(
                                4101,
                                "ssl",
                                "ACTIVE",
                                "FLOW",
                                "",
                                "198.18.1.10",
                                51514,
                                "trust",
                                6,
                                "198.18.1.10",
                                51514,
                                "198.19.0.80",
                                443,
                                "untrust",
                                "198.19.0.80",
                                443,
                                false),
                        "ESTABLISHED",
                        bootMs + 60_000,
                        3600,
                        120,
                        18_230,
                        402_114,
                        41,
                        310,
                        "allow-outbound",
                        null,
                        false),
                detail(
                        new SessionSummary(
                                4102,
                                "dns",
                                "ACTIVE",
                                "FLOW",
                                "",
                                "198.18.1.11",
                                40022,
                                "trust",
                                17,
                                "198.18.1.11",
                                40022,
                                "198.19.0.53",
                                53,
                                "untrust",
                                "198.19.0.53",
                                53,
                                false),
                        "",
                        bootMs + 61_000,
                        30,
                        900,
                        74,
                        190,
                        1,
                        1,
                        "allow-outbound",
                        null,
                        false),
                detail(
                        new SessionSummary(
                                4103,
                                "ping",
                                "ACTIVE",
                                "FLOW",
                                "NS",
                                "198.18.1.12",
                                7,
                                "trust",
                                1,
                                "198.19.9.1",
                                30007,
                                "198.19.0.1",
                                7,
                                "untrust",
                                "198.19.0.1",
                                7,
                                true),
                        "",
                        bootMs + 62_000,
                        6,
                        200,
                        588,
                        588,
                        7,
                        7,
                        "allow-outbound",
                        "outbound-snat",
                        true),
                detail(
                        new SessionSummary(
                                4104,
                                "incomplete",
                                "DISCARD",
                                "FLOW",
                                "",
                                "198.19.5.5",
                                33100,
                                "untrust",
                                6,
                                "198.19.5.5",
                                33100,
                                "198.18.1.10",
                                22,
                                "trust",
                                "198.18.1.10",
                                22,
                                false),
                        "SYN_SENT",
                        bootMs + 63_000,
                        90,
                        1_000,
                        60,
                        0,
                        1,
                        0,
                        "deny-inbound",
                        null,
                        false),
                detail(
                        new SessionSummary(
                                4105,
                                "web-browsing",
                                "ACTIVE",
                                "FLOW",
                                "",
                                "198.18.1.13",
                                52000,
                                "trust",
                                6,
                                "198.18.1.13",
                                52000,
                                "198.19.0.81",
                                80,
                                "untrust",
                                "198.19.0.81",
                                80,
                                true),
                        "ESTABLISHED",
                        bootMs + 64_000,
                        3600,
                        50,
                        9_000,
                        120_000,
                        20,
                        95,
                        "allow-outbound",
                        null,
                        true));
    }

    private static SessionDetail detail(
            SessionSummary s,
            String tcpState,
            long startMs,
            long timeoutS,
            long idleMs,
            long bytesC2s,
            long bytesS2c,
            long packetsC2s,
            long packetsS2c,
            String rule,
            String natRule,
            boolean fromPeer) {
        return new SessionDetail(
                s,
                tcpState,
                startMs,
                timeoutS,
                idleMs,
                bytesC2s,
                bytesS2c,
                packetsC2s,
                packetsS2c,
                rule,
                natRule,
                "trust".equals(s.fromZone()) ? "ethernet1/1" : "ethernet1/2",
                "trust".equals(s.fromZone()) ? "ethernet1/2" : "ethernet1/1",
                "unknown",
                true,
                fromPeer,
                (int) (s.id() % 2),
                fromPeer ? "synced" : "acked");
    }

    static List<CounterValue> counters() {
        return List.of(
                new CounterValue("pkt_recv", 1_204_331, 120, "info", "packet", "Packets received"),
                new CounterValue("pkt_sent", 1_198_020, 118, "info", "packet", "Packets transmitted"),
                new CounterValue("session_installed", 5_044, 3, "info", "session", "Sessions installed"),
                new CounterValue("session_from_peer", 212, 0, "info", "session", "Sessions installed from the HA peer"),
                new CounterValue("flow_policy_deny", 311, 0, "drop", "flow", "Session setup: denied by policy"),
                new CounterValue(
                        "flow_tcp_non_syn_drop", 27, 0, "drop", "flow", "Packets dropped: non-SYN TCP without session"),
                new CounterValue("flow_ha_not_active", 0, 0, "drop", "ha", "Packets dropped: HA state is not active"),
                new CounterValue("pkt_tcp_cksum", 2, 0, "drop", "packet", "Packets dropped: bad TCP checksum"),
                new CounterValue("ha2_update_sent", 1_520, 2, "info", "ha", "HA2 session updates sent"));
    }

    static boolean matches(SessionSummary s, SessionFilter f) {
        return eq(f.source(), s.source())
                && eq(f.destination(), s.destination())
                && (f.sourcePort() == null || f.sourcePort() == s.sourcePort())
                && (f.destinationPort() == null || f.destinationPort() == s.destinationPort())
                && (f.protocol() == null || f.protocol() == s.protocol())
                && eq(f.fromZone(), s.fromZone())
                && eq(f.toZone(), s.toZone())
                && eq(f.application(), s.application())
                && eq(f.state(), s.state());
    }

    private static boolean eq(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }
}

package io.palisade.mgmt.metrics;

import io.palisade.ops.CounterValue;
import io.palisade.ops.FlapStatistics;
import io.palisade.ops.HaStatus;
import io.palisade.ops.HaStatus.HaLink;
import io.palisade.ops.HaStatus.PeerHa;
import io.palisade.ops.LinkMonitoringStatus;
import io.palisade.ops.OpsService;
import io.palisade.ops.PathMonitoringStatus;
import io.palisade.ops.SessionFilter;
import io.palisade.ops.SessionInfo;
import io.palisade.ops.StateSyncStatus;
import io.palisade.ops.SystemInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Prometheus scrape, built from ops snapshots when it is asked for: the data plane does no work per packet for
 * metrics. Families are documented in {@code docs/design/management.md}.
 */
public final class MetricsScrape {
    /**
     * Stable numeric codes of HA states for {@code palisade_ha_state_code} (alert rules compare numbers). A state
     * not in the table is {@link #UNKNOWN_STATE_CODE}.
     */
    public static final Map<String, Integer> STATE_CODES = Map.of(
            "initial", 0,
            "passive", 1,
            "active", 2,
            "non-functional", 3,
            "suspended", 4,
            "tentative", 5,
            "active-primary", 6,
            "active-secondary", 7,
            "disabled", 8);

    public static final int UNKNOWN_STATE_CODE = 9;

    /** Most sessions counted per state at one scrape: the count is exact up to this many. */
    public static final int SESSION_STATE_COUNT_CAP = 65_536;

    private MetricsScrape() {}

    /** The scrape text of a node. */
    public static String scrape(OpsService ops) {
        PrometheusText out = new PrometheusText();
        SystemInfo system = ops.systemInfo();
        out.gauge("palisade_info", "Node identity; the value is always 1")
                .sample(
                        1,
                        "hostname",
                        system.hostname(),
                        "serial",
                        system.serial(),
                        "version",
                        system.softwareVersion());
        out.gauge("palisade_uptime_seconds", "Time since the node started").sample(system.uptimeMs() / 1000.0);
        HaStatus ha = ops.haStatus();
        writeHaState(out, system, ha);
        writeHaCounters(out, ops.haTransitions().size(), ops.haFlapStatistics());
        writeLinks(out, ha);
        writeMonitors(out, ha.linkMonitoring(), ha.pathMonitoring());
        writeSync(out, ops.haStateSynchronization(), ha);
        writeSessions(out, ops);
        writeCounters(out, ops.globalCounters());
        out.counter("palisade_config_commits_total", "Configuration versions committed on this node")
                .sample(ops.configHistory().size());
        out.gauge("palisade_config_running_version", "Version number of the running configuration")
                .sample(system.runningVersion());
        return out.text();
    }

    static int stateCode(String state) {
        return STATE_CODES.getOrDefault(state == null ? "" : state.toLowerCase(Locale.ROOT), UNKNOWN_STATE_CODE);
    }

    private static void writeHaState(PrometheusText out, SystemInfo system, HaStatus ha) {
        String localState = ha.enabled() && ha.local() != null ? ha.local().state() : "disabled";
        out.gauge("palisade_ha_state", "HA state of each node of the group: 1 for the state it is in");
        out.sample(1, "node", system.hostname(), "role", "local", "state", localState);
        for (PeerHa peer : ha.peers()) {
            out.sample(1, "node", peer.serial(), "role", "peer", "state", peer.state());
        }
        out.gauge(
                "palisade_ha_state_code",
                "HA state as a number: initial 0, passive 1, active 2, non-functional 3, suspended 4, tentative 5, "
                        + "active-primary 6, active-secondary 7, disabled 8, unknown 9");
        out.sample(stateCode(localState), "node", system.hostname(), "role", "local");
        for (PeerHa peer : ha.peers()) {
            out.sample(stateCode(peer.state()), "node", peer.serial(), "role", "peer");
        }
        out.gauge("palisade_ha_peer_connected", "1 when the peer is heard on HA1");
        for (PeerHa peer : ha.peers()) {
            out.sample("up".equalsIgnoreCase(peer.connectionStatus()) ? 1 : 0, "node", peer.serial());
        }
    }

    private static void writeHaCounters(PrometheusText out, int transitions, FlapStatistics flaps) {
        out.counter("palisade_ha_transitions_total", "HA state transitions of this node (the event timeline)")
                .sample(transitions);
        out.gauge("palisade_ha_flaps", "Flaps counted in the current window, by kind")
                .sample(flaps.preemptionFlaps(), "kind", "preemption")
                .sample(flaps.nonFunctionalFlaps(), "kind", "non-functional");
    }

    private static void writeLinks(PrometheusText out, HaStatus ha) {
        out.gauge("palisade_ha_link_up", "HA link health: 1 up, 0 down (disabled links are not listed)");
        if (ha.local() == null) {
            return;
        }
        for (HaLink link : ha.local().links()) {
            if (!"disabled".equalsIgnoreCase(link.status())) {
                out.sample("up".equalsIgnoreCase(link.status()) ? 1 : 0, "link", link.name());
            }
        }
    }

    private static void writeMonitors(PrometheusText out, LinkMonitoringStatus links, PathMonitoringStatus paths) {
        out.gauge("palisade_link_monitor_up", "Monitored interface state: 1 up, 0 down");
        if (links != null) {
            for (LinkMonitoringStatus.Group g : links.groups()) {
                for (LinkMonitoringStatus.Member m : g.members()) {
                    out.sample(
                            "up".equalsIgnoreCase(m.state()) ? 1 : 0,
                            "group",
                            g.name(),
                            "interface",
                            m.interfaceName());
                }
            }
        }
        out.gauge("palisade_link_monitor_group_failed", "1 when a link group meets its failure condition");
        if (links != null) {
            links.groups().forEach(g -> out.sample(g.failed() ? 1 : 0, "group", g.name()));
        }
        out.gauge("palisade_path_monitor_up", "Path monitoring destination: 1 reachable, 0 not");
        if (paths != null) {
            for (PathMonitoringStatus.Group g : paths.groups()) {
                g.destinations()
                        .forEach(d -> out.sample(d.up() ? 1 : 0, "group", g.name(), "destination", d.address()));
            }
        }
        out.gauge("palisade_path_monitor_rtt_seconds", "Mean echo round-trip time of a destination");
        if (paths != null) {
            for (PathMonitoringStatus.Group g : paths.groups()) {
                g.destinations()
                        .forEach(d -> out.sample(d.rttAvgMs() / 1000.0, "group", g.name(), "destination", d.address()));
            }
        }
        out.gauge("palisade_path_monitor_group_failed", "1 when a path group meets its failure condition");
        if (paths != null) {
            paths.groups().forEach(g -> out.sample(g.failed() ? 1 : 0, "group", g.name()));
        }
    }

    private static void writeSync(PrometheusText out, StateSyncStatus sync, HaStatus ha) {
        out.gauge("palisade_ha2_sync_queue_depth", "Session updates waiting to be sent to the peer")
                .sample(sync.queueDepth());
        out.gauge("palisade_ha2_sync_lag_seconds", "Age of the oldest waiting session update")
                .sample(sync.lagMs() / 1000.0);
        out.gauge("palisade_ha2_bulk_sync_complete", "1 when the bulk session sync with the peer has finished")
                .sample("complete".equalsIgnoreCase(sync.bulkSync()) ? 1 : 0);
        out.counter("palisade_ha2_messages_total", "HA2 session messages, by direction")
                .sample(sync.messagesSent(), "direction", "sent")
                .sample(sync.messagesReceived(), "direction", "received");
        out.counter("palisade_ha2_sent_bytes_total", "HA2 bytes sent").sample(sync.bytesSent());
        out.counter("palisade_ha2_frames_lost_total", "Gaps seen in received HA2 sequence numbers")
                .sample(sync.framesLost());
        out.counter("palisade_ha2_retransmit_requests_total", "Requests for missed HA2 frames")
                .sample(sync.retransmitRequests());
        out.gauge("palisade_config_sync_synchronized", "1 when the running configuration is synchronised with the peer")
                .sample("synchronized".equalsIgnoreCase(ha.runningConfigSync()) ? 1 : 0);
    }

    private static void writeSessions(PrometheusText out, OpsService ops) {
        SessionInfo info = ops.sessionInfo();
        out.gauge("palisade_sessions", "Live sessions by protocol")
                .sample(info.activeTcp(), "protocol", "tcp")
                .sample(info.activeUdp(), "protocol", "udp")
                .sample(info.activeIcmp(), "protocol", "icmp")
                .sample(info.activeOther(), "protocol", "other");
        out.gauge("palisade_sessions_by_state", "Sessions by state (exact up to " + SESSION_STATE_COUNT_CAP + ")");
        for (String state : List.of("ACTIVE", "DISCARD")) {
            SessionFilter filter = new SessionFilter(null, null, null, null, null, null, null, null, null, state);
            out.sample(ops.sessions(filter, SESSION_STATE_COUNT_CAP).size(), "state", state.toLowerCase(Locale.ROOT));
        }
        out.gauge("palisade_sessions_allocated", "Sessions in use").sample(info.allocated());
        out.gauge("palisade_sessions_supported", "Sessions the node can hold").sample(info.supported());
        out.counter("palisade_sessions_created_total", "Sessions installed since the node started")
                .sample(info.createdSinceBoot());
        out.gauge("palisade_packet_rate", "Packets per second, recent").sample(info.packetRate());
        out.gauge("palisade_throughput_bits_per_second", "Throughput, recent").sample(info.throughputKbps() * 1000.0);
        out.gauge("palisade_new_sessions_per_second", "New connection rate, recent")
                .sample(info.newConnectionRate());
    }

    private static void writeCounters(PrometheusText out, List<CounterValue> counters) {
        out.counter("palisade_packets_total", "Packets received and sent by the data plane");
        counters.stream()
                .filter(c -> c.name().equals("pkt_recv") || c.name().equals("pkt_sent"))
                .forEach(c -> out.sample(c.value(), "direction", c.name().equals("pkt_recv") ? "received" : "sent"));
        out.counter("palisade_drops_total", "Packets dropped, by reason (the counters of severity drop)");
        counters.stream()
                .filter(c -> "drop".equalsIgnoreCase(c.severity()))
                .forEach(c -> out.sample(c.value(), "reason", c.name()));
        out.counter("palisade_counter_total", "Every global counter (show counter global)");
        counters.forEach(
                c -> out.sample(c.value(), "name", c.name(), "category", c.category(), "severity", c.severity()));
    }
}

package io.palisade.mgmt.shell.render;

import static io.palisade.mgmt.shell.render.Durations.interval;
import static io.palisade.mgmt.shell.render.Durations.yesNo;

import io.palisade.ops.FlapStatistics;
import io.palisade.ops.HaStatus;
import io.palisade.ops.HaStatus.HaLink;
import io.palisade.ops.HaStatus.LocalHa;
import io.palisade.ops.HaStatus.PeerHa;
import io.palisade.ops.HaTransition;
import io.palisade.ops.LinkMonitoringStatus;
import io.palisade.ops.PathMonitoringStatus;
import io.palisade.ops.StateSyncStatus;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code show high-availability ...} layouts, after the PAN-OS samples in the reference facts: the {@code Group 1:}
 * block with Local and Peer Information, and the path-monitoring table.
 */
public final class HaRenderer {
    private static final String RULE = "-".repeat(80);

    private HaRenderer() {}

    /** {@code show high-availability all}. */
    public static String all(HaStatus ha, long nowEpochMs) {
        if (!ha.enabled()) {
            return "HA not enabled\n";
        }
        Text t = new Text();
        t.line(0, "Group " + ha.groupId() + ": ");
        t.line(1, "Mode: " + ha.mode());
        local(t, ha, nowEpochMs, true);
        ha.peers().forEach(p -> peer(t, ha, p, true));
        t.line(1, "Link Monitoring Information:");
        linkMonitoringBody(t, ha.linkMonitoring(), 2);
        t.line(1, "Path Monitoring Information:");
        pathMonitoringBody(t, ha.pathMonitoring(), 2);
        configSync(t, ha);
        return t.toString();
    }

    /** {@code show high-availability state}: the summary blocks of {@link #all}. */
    public static String state(HaStatus ha, long nowEpochMs) {
        if (!ha.enabled()) {
            return "HA not enabled\n";
        }
        Text t = new Text();
        t.line(0, "Group " + ha.groupId() + ": ");
        t.line(1, "Mode: " + ha.mode());
        local(t, ha, nowEpochMs, false);
        ha.peers().forEach(p -> peer(t, ha, p, false));
        configSync(t, ha);
        return t.toString();
    }

    private static void local(Text t, HaStatus ha, long now, boolean detailed) {
        LocalHa l = ha.local();
        t.line(1, "Local Information:");
        t.line(2, "Version: 1");
        t.line(2, "Mode: " + ha.mode());
        t.line(2, "State: " + l.state() + " (last " + Durations.since(l.stateSinceEpochMs(), now) + ")");
        t.line(2, "State Reason: " + l.stateReason());
        t.line(2, "Device Information:");
        t.line(3, "Hostname: " + l.hostname());
        t.line(3, "Serial: " + l.serial());
        t.line(3, "Management Address: " + l.managementAddress());
        t.line(3, "Forwarding: " + l.forwarding());
        if (l.deviceId() != null) {
            t.line(3, "Device-id: " + l.deviceId());
        }
        if (detailed) {
            l.links().forEach(link -> link(t, link));
        }
        t.line(2, "Election Option Information:");
        t.line(3, "Priority: " + l.priority());
        t.line(3, "Preemptive: " + yesNo(l.preemptive()));
        if (detailed) {
            timers(t, l.timers());
            t.line(2, "Active-Passive Mode:");
            t.line(3, "Passive Link State: " + l.passiveLinkState());
            t.line(3, "Monitor Fail Hold Down Interval: " + interval(l.timers().monitorFailHoldDownMs()));
            t.line(2, "Version Information:");
            t.line(3, "Build Release: " + l.softwareVersion());
        }
        Map<String, String> compatibility =
                ha.peers().isEmpty() ? Map.of() : ha.peers().getFirst().compatibility();
        if (!compatibility.isEmpty()) {
            t.line(2, "Version Compatibility:");
            compatibility.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> t.line(3, e.getKey() + ": " + e.getValue()));
        }
        t.line(2, "State Synchronization: " + l.stateSync() + "; type: " + l.stateSyncType());
    }

    private static void link(Text t, HaLink link) {
        t.line(2, linkTitle(link.name()) + ":");
        if ("disabled".equalsIgnoreCase(link.status())) {
            t.line(3, "Not configured");
            return;
        }
        t.line(3, "Local Address: " + link.localAddress());
        t.line(3, "Peer Address: " + link.peerAddress());
        t.line(3, "Link State: " + capitalize(link.status()) + (link.detail().isEmpty() ? "" : "; " + link.detail()));
    }

    private static String linkTitle(String name) {
        return switch (name) {
            case "ha1" -> "HA1 Control Link Information";
            case "ha1-backup" -> "HA1 Backup Control Link Information";
            case "ha2" -> "HA2 Data Link Information";
            case "ha2-backup" -> "HA2 Backup Data Link Information";
            case "heartbeat-backup" -> "Heartbeat Backup Information";
            case "ha3" -> "HA3 Packet Forwarding Link Information";
            default -> name.toUpperCase(Locale.ROOT) + " Link Information";
        };
    }

    private static void timers(Text t, HaStatus.HaTimersView timers) {
        t.line(3, "Timer Profile: " + timers.profile());
        t.line(3, "Promotion Hold Interval: " + interval(timers.promotionHoldMs()));
        t.line(3, "Hello Message Interval: " + interval(timers.helloIntervalMs()));
        t.line(3, "Heartbeat Ping Interval: " + interval(timers.heartbeatIntervalMs()));
        t.line(3, "Heartbeat Miss Threshold: " + timers.heartbeatMissThreshold());
        t.line(3, "Max # of Flaps: " + timers.flapMax());
        t.line(3, "Preemption Hold Interval: " + interval(timers.preemptionHoldMs()));
        t.line(3, "Monitor Fail Hold Up Interval: " + interval(timers.monitorFailHoldUpMs()));
        t.line(3, "Addon Master Hold Up Interval: " + interval(timers.additionalMasterHoldUpMs()));
    }

    private static void peer(Text t, HaStatus ha, PeerHa p, boolean detailed) {
        t.line(1, "Peer Information:");
        t.line(2, "Connection status: " + p.connectionStatus());
        t.line(2, "Version: 1");
        t.line(2, "Mode: " + ha.mode());
        t.line(2, "State: " + p.state());
        t.line(2, "State Reason: " + p.stateReason());
        t.line(2, "Device Information:");
        t.line(3, "Serial: " + p.serial());
        if (p.deviceId() != null) {
            t.line(3, "Device-id: " + p.deviceId());
        }
        if (detailed) {
            t.line(2, "HA1 Control Link Information:");
            t.line(3, "IP Address: " + p.ha1Address());
            t.line(3, "Connection " + p.connectionStatus() + "; last heard " + p.lastHeardMsAgo() + " ms ago");
        }
        t.line(2, "Election Option Information:");
        t.line(3, "Priority: " + p.priority());
        t.line(3, "Preemptive: " + yesNo(p.preemptive()));
        if (detailed) {
            t.line(2, "Version Information:");
            t.line(3, "Build Release: " + p.softwareVersion());
        }
    }

    private static void configSync(Text t, HaStatus ha) {
        t.line(1, "Configuration Synchronization:");
        t.line(2, "Enabled: " + yesNo(ha.configSyncEnabled()));
        t.line(2, "Running Configuration: " + ha.runningConfigSync());
    }

    /** {@code show high-availability link-monitoring}. */
    public static String linkMonitoring(LinkMonitoringStatus status) {
        Text t = new Text();
        t.line(0, "Link Monitoring Information:");
        linkMonitoringBody(t, status, 1);
        return t.toString();
    }

    private static void linkMonitoringBody(Text t, LinkMonitoringStatus status, int indent) {
        t.line(indent, "Enabled: " + yesNo(status.enabled()));
        t.line(indent, "Failure condition: " + status.failureCondition());
        if (status.groups().isEmpty()) {
            t.line(indent, "No link monitoring groups");
        }
        for (LinkMonitoringStatus.Group g : status.groups()) {
            t.line(indent, "Group " + g.name() + ":");
            t.line(indent + 1, "Enabled: " + yesNo(g.enabled()));
            t.line(indent + 1, "Failure condition: " + g.failureCondition());
            g.members().forEach(m -> t.line(indent + 1, "Interface " + m.interfaceName() + ": " + m.state()));
        }
    }

    private static void pathMonitoringBody(Text t, PathMonitoringStatus status, int indent) {
        t.line(indent, "Enabled: " + yesNo(status.enabled()));
        t.line(indent, "Failure condition: " + status.failureCondition());
        for (String[] type :
                new String[][] {{"virtual-wire", "Virtual-Wire"}, {"vlan", "VLAN"}, {"virtual-router", "Virtual-Router"}
                }) {
            t.line(indent, type[1] + " Groups:");
            List<PathMonitoringStatus.Group> groups = status.groups().stream()
                    .filter(g -> g.type().equalsIgnoreCase(type[0]))
                    .toList();
            if (groups.isEmpty()) {
                t.line(indent + 1, "No " + type[1] + " path monitoring groups");
            }
            for (PathMonitoringStatus.Group g : groups) {
                t.line(indent + 1, "Group " + g.name() + " (" + g.target() + "):");
                t.line(indent + 2, "Enabled: " + yesNo(g.enabled()) + "; Failure condition: " + g.failureCondition());
                g.destinations()
                        .forEach(d ->
                                t.line(indent + 2, "Destination " + d.address() + ": " + (d.up() ? "up" : "down")));
            }
        }
    }

    /** {@code show high-availability path-monitoring}: the ntc-templates table layout. */
    public static String pathMonitoring(PathMonitoringStatus status) {
        StringBuilder sb = new StringBuilder();
        int paths =
                status.groups().stream().mapToInt(g -> g.destinations().size()).sum();
        sb.append(RULE).append('\n');
        sb.append("%-48s%s%n".formatted("path monitoring :", status.enabled() ? "enabled" : "disabled"));
        sb.append("%-48s%s%n".formatted("failure condition :", status.failureCondition()));
        sb.append("%-48s%d%n".formatted("total paths monitored :", paths));
        sb.append(RULE).append('\n');
        sb.append("grp/name/type             destination     suc/total rtt min/max/avg (ms) probe cnt/interval(ms)\n");
        sb.append(RULE).append('\n');
        for (PathMonitoringStatus.Group g : status.groups()) {
            String group = g.name() + "/" + g.target() + "/" + g.type();
            for (PathMonitoringStatus.Destination d : g.destinations()) {
                sb.append("%-25s %-15s %-9s %-19s %s%n"
                        .formatted(
                                group,
                                d.address(),
                                d.successes() + "/" + d.total(),
                                "%.2f/%.2f/%.2f".formatted(d.rttMinMs(), d.rttMaxMs(), d.rttAvgMs()),
                                g.pingCount() + "/" + g.pingIntervalMs()));
            }
        }
        sb.append(RULE).append('\n');
        return sb.toString().replace("\r\n", "\n");
    }

    /** {@code show high-availability state-synchronization}. */
    public static String stateSynchronization(StateSyncStatus s) {
        Text t = new Text();
        t.line(0, "State Synchronization:");
        t.line(1, "Enabled: " + yesNo(s.enabled()));
        t.line(1, "Transport: " + s.transport());
        t.line(1, "HA2 Link State: " + s.linkStatus());
        t.line(1, "Bulk Sync: " + s.bulkSync());
        t.line(1, "Session Messages Sent: " + s.messagesSent());
        t.line(1, "Session Messages Received: " + s.messagesReceived());
        t.line(1, "HA2 Bytes Sent: " + s.bytesSent());
        t.line(1, "Frames Lost: " + s.framesLost());
        t.line(1, "Retransmit Requests: " + s.retransmitRequests());
        t.line(1, "Send Queue Depth: " + s.queueDepth());
        t.line(1, "Send Queue Lag: " + s.lagMs() + " ms");
        t.line(1, "Sessions Installed From Peer: " + s.sessionsFromPeer());
        return t.toString();
    }

    /** {@code show high-availability flap-statistics}. */
    public static String flapStatistics(FlapStatistics f, ZoneId zone) {
        Text t = new Text();
        t.line(0, "Flap Statistics:");
        t.line(1, "Preemption Flap Count: " + f.preemptionFlaps());
        t.line(1, "Non-Functional Flap Count: " + f.nonFunctionalFlaps());
        t.line(1, "Max # of Flaps: " + (f.flapMax() == 0 ? "unlimited" : Integer.toString(f.flapMax())));
        t.line(1, "Last Flap: " + (f.lastFlapEpochMs() == 0 ? "never" : Durations.stamp(f.lastFlapEpochMs(), zone)));
        return t.toString();
    }

    /** {@code show high-availability transitions}: the timeline, oldest first. */
    public static String transitions(List<HaTransition> transitions, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        sb.append("%-20s %-16s %-16s %s%n".formatted("Time", "From", "To", "Reason"));
        sb.append(RULE).append('\n');
        for (HaTransition tr : transitions) {
            sb.append("%-20s %-16s %-16s %s%n"
                    .formatted(Durations.stamp(tr.atEpochMs(), zone), tr.from(), tr.to(), tr.reason()));
        }
        sb.append("Total transitions: ").append(transitions.size()).append('\n');
        return sb.toString().replace("\r\n", "\n");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Lines indented two spaces a level, as the PAN-OS samples. */
    private static final class Text {
        private final StringBuilder sb = new StringBuilder();

        void line(int level, String text) {
            sb.append("  ".repeat(level)).append(text).append('\n');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}

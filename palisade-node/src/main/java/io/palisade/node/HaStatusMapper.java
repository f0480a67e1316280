package io.palisade.node;

import io.palisade.config.model.HaConfig;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.ha.agent.HaView;
import io.palisade.ha.election.HaSnapshot;
import io.palisade.ha.election.HaStateMachine;
import io.palisade.ops.HaStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the HA agent's view into the {@code show high-availability all} record. */
final class HaStatusMapper {
    private HaStatusMapper() {}

    static HaStatus map(Node node, HaView v, PalisadeConfig c) {
        HaConfig ha = c.highAvailability();
        String mode = ha.mode() == io.palisade.config.model.HaMode.ACTIVE_ACTIVE ? "Active-Active" : "Active-Passive";
        if (v == null) {
            return new HaStatus(
                    false,
                    ha.groupId(),
                    mode,
                    standalone(node, c),
                    List.of(),
                    NodeOps.linkMonitoring(null, ha),
                    NodeOps.pathMonitoring(null, ha),
                    ha.configSync(),
                    "not synchronized");
        }
        HaSnapshot s = v.snapshot();
        HaStatus.LocalHa local = local(node, v, c);
        List<HaStatus.PeerHa> peers = new ArrayList<>();
        for (HaSnapshot.Peer p : s.peers()) {
            peers.add(peer(v, p, s));
        }
        return new HaStatus(
                true,
                ha.groupId(),
                mode,
                local,
                peers,
                NodeOps.linkMonitoring(v, ha),
                NodeOps.pathMonitoring(v, ha),
                ha.configSync(),
                v.configSynchronized() ? "synchronized" : "not synchronized");
    }

    private static HaStatus.LocalHa standalone(Node node, PalisadeConfig c) {
        return new HaStatus.LocalHa(
                "standalone",
                "HA disabled",
                node.startedEpochMs(),
                0,
                false,
                null,
                timers(c.highAvailability(), null),
                "n/a",
                List.of(),
                Node.SOFTWARE_VERSION,
                c.device().effectiveSerial(),
                c.device().hostname(),
                String.valueOf(c.device().management().listen()),
                "n/a",
                "n/a",
                "forward");
    }

    private static HaStatus.LocalHa local(Node node, HaView v, PalisadeConfig c) {
        HaConfig ha = c.highAvailability();
        HaSnapshot.Local l = v.snapshot().local();
        List<HaStatus.HaLink> links = new ArrayList<>();
        for (HaView.Link link : v.links()) {
            links.add(new HaStatus.HaLink(
                    link.name(), link.local(), link.peer(), link.up() ? "up" : "down", link.detail()));
        }
        if (ha.ha1Backup() == null) {
            links.add(new HaStatus.HaLink("ha1-backup", "", "", "disabled", "not configured"));
        }
        links.add(new HaStatus.HaLink(
                "heartbeat-backup",
                "",
                "",
                ha.heartbeatBackup() ? "up" : "disabled",
                ha.heartbeatBackup() ? "over HA2" : "not configured"));
        String forwarding = l.forwarding().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new HaStatus.LocalHa(
                l.state().displayName(),
                l.reason().toString(),
                epochOf(v, l.stateSinceNs()),
                l.priority(),
                l.preemptive(),
                ha.deviceId(),
                timers(ha, v),
                ha.activePassive().passiveLinkState().name().toLowerCase(Locale.ROOT),
                links,
                l.version().toString(),
                c.device().effectiveSerial(),
                c.device().hostname(),
                node.management() == null ? "" : node.management().baseUri().toString(),
                l.bulkSyncComplete() ? "Complete" : "Incomplete",
                ha.stateSynchronization().transport().name().toLowerCase(Locale.ROOT),
                forwarding);
    }

    private static HaStatus.HaTimersView timers(HaConfig ha, HaView v) {
        var r = ha.election().timers().resolve();
        long holdDown = v != null
                ? v.snapshot().local().timers().monitorFailHoldDownMs()
                : ha.activePassive().monitorFailHoldDownTimeMin() * 60_000L;
        return new HaStatus.HaTimersView(
                ha.election().timers().profile().name().toLowerCase(Locale.ROOT),
                r.promotionHoldTimeMs(),
                r.helloIntervalMs(),
                r.heartbeatIntervalMs(),
                r.heartbeatMissThreshold(),
                r.flapMax(),
                r.preemptionHoldTimeMs(),
                r.monitorFailHoldUpTimeMs(),
                r.additionalMasterHoldUpTimeMs(),
                holdDown);
    }

    private static HaStatus.PeerHa peer(HaView v, HaSnapshot.Peer p, HaSnapshot s) {
        HaView.PeerExtras x = v.peer();
        Map<String, String> compat = new LinkedHashMap<>();
        String version = p.version() == null ? "unknown" : p.version().toString();
        compat.put("Software Version", s.local().version().toString().equals(version) ? "Match" : "Mismatch");
        compat.put("Mode", p.mismatch() != null && p.mismatch().toString().contains("Mode") ? "Mismatch" : "Match");
        compat.put(
                "Group ID", p.mismatch() != null && p.mismatch().toString().contains("Group") ? "Mismatch" : "Match");
        long heardAgo = p.lastHeardNs() == HaStateMachine.NONE ? -1 : (s.takenAtNs() - p.lastHeardNs()) / 1_000_000;
        return new HaStatus.PeerHa(
                p.connectionUp() ? "up" : "down",
                p.state() == null ? "unknown" : p.state().displayName(),
                x == null ? "" : x.stateReason(),
                p.priority(),
                p.preemptive(),
                p.deviceId() < 0 ? null : p.deviceId(),
                version,
                p.serial(),
                x == null ? "" : x.ha1Address(),
                heardAgo,
                compat,
                x == null ? "" : x.configDigest());
    }

    private static long epochOf(HaView v, long ns) {
        return v.takenAtEpochMs() - (v.takenAtNs() - ns) / 1_000_000;
    }
}

package io.palisade.config.validate;

import io.palisade.config.bind.Names;
import io.palisade.config.model.Ha2KeepAliveAction;
import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HaConfig.DataLink;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import io.palisade.config.model.InterfaceMode;
import io.palisade.config.model.PathGroupType;
import io.palisade.config.model.TimerProfile;
import java.net.Inet4Address;
import java.util.HashSet;
import java.util.Set;

/** The high-availability block: ranges, links, monitors, and what each mode allows. */
final class HaRules {
    private static final String P = "high-availability";
    private static final String MAC = "([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}";

    private HaRules() {}

    static void check(Checks c) {
        HaConfig ha = c.config.highAvailability();
        c.range(ha.groupId(), 1, 63, P + ".group-id", "group-id");
        election(c, ha.election());
        modeRules(c, ha);
        links(c, ha);
        monitors(c, ha);
        activePassive(c, ha);
        if (ha.activeActive() != null) {
            activeActive(c, ha.activeActive());
        }
        if (ha.cluster() != null) {
            cluster(c, ha);
        }
    }

    private static void election(Checks c, HaConfig.Election e) {
        String p = P + ".election";
        c.range(e.devicePriority(), 0, 255, p + ".device-priority", "device-priority");
        c.range(
                e.peerNegotiationTimeoutMs(),
                500,
                3_600_000,
                p + ".peer-negotiation-timeout-ms",
                "peer-negotiation-timeout-ms");
        timers(c, e.timers(), p + ".timers");
    }

    private static void timers(Checks c, HaTimers t, String p) {
        if (t.profile() != TimerProfile.ADVANCED) {
            if (t.hasIndividualValues()) {
                c.problem(
                        p,
                        "individual timer values need profile: advanced (profile " + Names.enumName(t.profile())
                                + " fixes every value)");
            }
            return;
        }
        rangeIfSet(c, t.promotionHoldTimeMs(), 0, 60_000, p + ".promotion-hold-time-ms", "promotion-hold-time-ms");
        rangeIfSet(c, t.helloIntervalMs(), 1000, 60_000, p + ".hello-interval-ms", "hello-interval-ms");
        // Palisade extension: heartbeats down to 50 ms (PAN-OS stops at 1000 ms).
        rangeIfSet(c, t.heartbeatIntervalMs(), 50, 60_000, p + ".heartbeat-interval-ms", "heartbeat-interval-ms");
        rangeIfSet(c, t.heartbeatMissThreshold(), 2, 100, p + ".heartbeat-miss-threshold", "heartbeat-miss-threshold");
        rangeIfSet(c, t.flapMax(), 0, 16, p + ".flap-max", "flap-max");
        rangeIfSet(c, t.preemptionHoldTimeMin(), 1, 60, p + ".preemption-hold-time-min", "preemption-hold-time-min");
        rangeIfSet(
                c, t.preemptionHoldTimeMs(), 0, 3_600_000, p + ".preemption-hold-time-ms", "preemption-hold-time-ms");
        if (t.preemptionHoldTimeMin() != null && t.preemptionHoldTimeMs() != null) {
            c.problem(
                    p + ".preemption-hold-time-ms",
                    "set preemption-hold-time-min or preemption-hold-time-ms," + " not both");
        }
        rangeIfSet(
                c,
                t.monitorFailHoldUpTimeMs(),
                0,
                60_000,
                p + ".monitor-fail-hold-up-time-ms",
                "monitor-fail-hold-up-time-ms");
        rangeIfSet(
                c,
                t.additionalMasterHoldUpTimeMs(),
                0,
                60_000,
                p + ".additional-master-hold-up-time-ms",
                "additional-master-hold-up-time-ms");
    }

    private static void rangeIfSet(Checks c, Integer value, long min, long max, String path, String what) {
        if (value != null) {
            c.range(value, min, max, path, what);
        }
    }

    private static void modeRules(Checks c, HaConfig ha) {
        boolean aa = ha.mode() == HaMode.ACTIVE_ACTIVE;
        if (!aa) {
            if (ha.deviceId() != null && ha.cluster() == null) {
                c.problem(P + ".device-id", "device-id applies to active-active mode and clusters only");
            }
            if (ha.ha3() != null) {
                c.problem(P + ".ha3", "HA3 (packet forwarding) exists only in active-active mode");
            }
            if (ha.activeActive() != null) {
                c.problem(P + ".active-active", "active-active settings need mode: active-active");
            }
            if (ha.stateSynchronization().ha2KeepAlive().action() == Ha2KeepAliveAction.SPLIT_DATAPATH) {
                c.problem(
                        P + ".state-synchronization.ha2-keep-alive.action",
                        "split-datapath applies to active-active mode only; use log-only");
            }
        }
        if (ha.deviceId() != null) {
            c.range(ha.deviceId(), 0, 1, P + ".device-id", "device-id");
        }
        if (!ha.enabled()) {
            return;
        }
        if (aa && ha.deviceId() == null) {
            c.problem(P, "active-active mode needs device-id 0 or 1");
        }
        if (aa && ha.ha3() == null) {
            c.problem(P, "active-active mode needs an ha3 link to forward packets to the session owner");
        }
        if (ha.ha1() == null) {
            c.problem(P, "HA needs an ha1 control link (local and peer addresses)");
        }
        if (ha.stateSynchronization().enabled() && ha.ha2() == null) {
            c.problem(
                    P,
                    "state synchronization needs an ha2 link; add ha2 or set state-synchronization.enabled:"
                            + " false");
        }
        if (ha.heartbeatBackup() && ha.ha2() == null) {
            c.problem(P + ".heartbeat-backup", "heartbeat backup travels over HA2; add an ha2 link");
        }
        encryption(c, ha);
    }

    private static void encryption(Checks c, HaConfig ha) {
        var e = ha.ha1Encryption();
        String p = P + ".ha1-encryption";
        if (!e.enabled()) {
            return;
        }
        if (e.certificate() == null || e.key() == null || e.peerCertificate() == null) {
            c.problem(
                    p,
                    "HA1 TLS needs certificate, key and peer-certificate (make them with ./palisade ha keygen),"
                            + " or enabled: false for cleartext");
        }
        c.fileExists(e.certificate(), p + ".certificate", "certificate");
        c.fileExists(e.key(), p + ".key", "key");
        c.fileExists(e.peerCertificate(), p + ".peer-certificate", "peer certificate");
    }

    private static void links(Checks c, HaConfig ha) {
        Set<String> listeners = new HashSet<>();
        if (ha.ha1() != null) {
            ha1(c, ha.ha1(), P + ".ha1", listeners);
        }
        if (ha.ha1Backup() != null) {
            ha1(c, ha.ha1Backup(), P + ".ha1-backup", listeners);
        }
        Ha2Transport transport = ha.stateSynchronization().transport();
        dataLink(c, ha.ha2(), transport, P + ".ha2", listeners);
        dataLink(c, ha.ha2Backup(), transport, P + ".ha2-backup", listeners);
        dataLink(
                c,
                ha.ha3(),
                ha.ha3() != null && ha.ha3().link() != null ? Ha2Transport.ETHERNET : Ha2Transport.UDP,
                P + ".ha3",
                listeners);
        if (ha.ha2Backup() != null && ha.ha2() == null) {
            c.problem(P + ".ha2-backup", "ha2-backup needs a primary ha2 link");
        }
        if (ha.ha1Backup() != null && ha.ha1() == null) {
            c.problem(P + ".ha1-backup", "ha1-backup needs a primary ha1 link");
        }
        c.range(
                ha.stateSynchronization().ha2KeepAlive().thresholdMs(),
                5000,
                60_000,
                P + ".state-synchronization.ha2-keep-alive.threshold-ms",
                "HA2 keep-alive threshold (ms)");
    }

    private static void ha1(Checks c, HaConfig.Ha1Link link, String p, Set<String> listeners) {
        c.range(link.monitorHoldTimeMs(), 1000, 60_000, p + ".monitor-hold-time-ms", "monitor-hold-time-ms");
        if (link.local() != null && link.peer() != null && link.local().equals(link.peer())) {
            c.problem(p + ".peer", "the peer address is this node's own listen address " + link.local());
        }
        listener(c, link.local() == null ? null : link.local().toString(), p + ".local", listeners);
    }

    private static void dataLink(Checks c, DataLink link, Ha2Transport transport, String p, Set<String> listeners) {
        if (link == null) {
            return;
        }
        if (transport == Ha2Transport.UDP) {
            if (link.local() == null || link.peer() == null) {
                c.problem(p, "a UDP link needs local and peer addresses");
            }
            if (link.link() != null) {
                c.problem(p + ".link", "link is for the ethernet transport; this link uses UDP");
            }
            listener(c, link.local() == null ? null : "udp " + link.local(), p + ".local", listeners);
        } else {
            if (link.link() == null) {
                c.problem(p, "an Ethernet link needs the Linux interface in link");
            }
            if (link.local() != null || link.peer() != null) {
                c.problem(p, "local and peer are for the UDP transport; this link uses raw Ethernet");
            }
        }
        if (link.peerMac() != null && !link.peerMac().matches(MAC)) {
            c.problem(p + ".peer-mac", "'" + link.peerMac() + "' is not a MAC address like 00:1b:17:00:01:02");
        }
    }

    private static void listener(Checks c, String key, String path, Set<String> listeners) {
        if (key != null && !key.endsWith(":0") && !listeners.add(key)) {
            c.problem(path, key + " is used by two HA links");
        }
    }

    private static void monitors(Checks c, HaConfig ha) {
        var lm = ha.linkMonitoring();
        c.unique(lm.groups(), g -> g.name(), P + ".link-monitoring.groups", "link group");
        for (int i = 0; i < lm.groups().size(); i++) {
            var g = lm.groups().get(i);
            String p = P + ".link-monitoring.groups[" + i + "]";
            if (g.interfaces().isEmpty()) {
                c.problem(p + ".interfaces", "link group " + g.name() + " monitors no interface");
            }
            for (int j = 0; j < g.interfaces().size(); j++) {
                if (!c.interfaceExists(g.interfaces().get(j))) {
                    c.problem(
                            p + ".interfaces[" + j + "]",
                            "interface '" + g.interfaces().get(j) + "' does not exist");
                }
            }
        }
        var pm = ha.pathMonitoring();
        c.unique(pm.groups(), g -> g.name(), P + ".path-monitoring.groups", "path group");
        for (int i = 0; i < pm.groups().size(); i++) {
            pathGroup(c, pm.groups().get(i), P + ".path-monitoring.groups[" + i + "]");
        }
    }

    private static void pathGroup(Checks c, HaConfig.PathGroup g, String p) {
        c.range(g.pingIntervalMs(), 200, 60_000, p + ".ping-interval-ms", "ping-interval-ms");
        c.range(g.pingCount(), 3, 10, p + ".ping-count", "ping-count");
        if (g.destinations().isEmpty()) {
            c.problem(p + ".destinations", "path group " + g.name() + " has no destination to ping");
        }
        switch (g.type()) {
            case VIRTUAL_ROUTER -> {
                if (!c.config.virtualRouter().name().equals(g.target())) {
                    c.problem(
                            p + ".target",
                            "virtual router '" + g.target() + "' does not exist (the router is '"
                                    + c.config.virtualRouter().name() + "')");
                }
            }
            case VIRTUAL_WIRE -> {
                if (c.config.virtualWires().stream().noneMatch(v -> g.target().equals(v.name()))) {
                    c.problem(p + ".target", "virtual wire '" + g.target() + "' does not exist");
                }
                if (g.sourceIp() == null) {
                    c.problem(p + ".source-ip", "a virtual-wire path group needs source-ip: the wire has no address");
                }
            }
            case VLAN -> c.problem(p + ".type", "VLAN path groups need VLAN interfaces, which Palisade does not have");
        }
        if (g.sourceIp() != null) {
            for (int j = 0; j < g.destinations().size(); j++) {
                if ((g.sourceIp() instanceof Inet4Address) != (g.destinations().get(j) instanceof Inet4Address)) {
                    c.problem(
                            p + ".destinations[" + j + "]",
                            "destination and source-ip are of different address" + " families");
                }
            }
        }
        if (g.type() == PathGroupType.VIRTUAL_ROUTER && g.sourceIp() != null && !onInterfaceSubnet(c, g.sourceIp())) {
            c.problem(
                    p + ".source-ip",
                    g.sourceIp().getHostAddress()
                            + " is neither an address of a layer3 interface nor in the subnet of one");
        }
    }

    private static boolean ownAddress(Checks c, java.net.InetAddress a) {
        return c.config.interfaces().stream()
                .filter(i -> i.mode() == InterfaceMode.LAYER3)
                .flatMap(i -> i.addresses().stream())
                .anyMatch(pfx -> pfx.address().equals(a));
    }

    /**
     * A path monitoring source is one of the interface addresses, or a node-local monitor address in the subnet of
     * one: in an active/passive pair the interface addresses float with the active node, so each node pings from
     * an address of its own (held by its host) that the passive node can use too.
     */
    private static boolean onInterfaceSubnet(Checks c, java.net.InetAddress a) {
        return ownAddress(c, a)
                || c.config.interfaces().stream()
                        .filter(i -> i.mode() == InterfaceMode.LAYER3)
                        .flatMap(i -> i.addresses().stream())
                        .anyMatch(pfx -> pfx.contains(a));
    }

    private static void activePassive(Checks c, HaConfig ha) {
        var ap = ha.activePassive();
        String p = P + ".active-passive";
        c.range(
                ap.monitorFailHoldDownTimeMin(),
                1,
                60,
                p + ".monitor-fail-hold-down-time-min",
                "monitor-fail-hold-down-time-min");
        if (ap.monitorFailHoldDownTimeMs() != null) {
            c.range(
                    ap.monitorFailHoldDownTimeMs(),
                    0,
                    3_600_000,
                    p + ".monitor-fail-hold-down-time-ms",
                    "monitor-fail-hold-down-time-ms");
            if (ha.election().timers().profile() != TimerProfile.ADVANCED) {
                c.problem(
                        p + ".monitor-fail-hold-down-time-ms",
                        "the millisecond hold-down is a Palisade extension"
                                + " of the advanced timer profile; set election.timers.profile: advanced");
            }
        }
    }

    private static void activeActive(Checks c, HaConfig.ActiveActive aa) {
        String p = P + ".active-active";
        c.range(aa.tentativeHoldTimeS(), 10, 600, p + ".tentative-hold-time-s", "tentative-hold-time-s");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < aa.virtualAddresses().size(); i++) {
            var va = aa.virtualAddresses().get(i);
            String vp = p + ".virtual-addresses[" + i + "]";
            c.range(va.device0Priority(), 0, 255, vp + ".device-0-priority", "device-0-priority");
            c.range(va.device1Priority(), 0, 255, vp + ".device-1-priority", "device-1-priority");
            if (va.interfaceName() != null) {
                if (!c.interfaceExists(va.interfaceName())) {
                    c.problem(vp + ".interface", "interface '" + va.interfaceName() + "' does not exist");
                } else if (c.interfaceModes.get(va.interfaceName()) != InterfaceMode.LAYER3) {
                    c.problem(vp + ".interface", va.interfaceName() + " is not a layer3 interface");
                }
            }
            if (va.address() != null && !seen.add(va.address().address().getHostAddress())) {
                c.problem(vp + ".address", "virtual address " + va.address() + " is defined twice");
            }
            if (va.address() != null && ownAddress(c, va.address().address())) {
                c.problem(
                        vp + ".address",
                        va.address().address().getHostAddress()
                                + " is already an interface address; a virtual address must be its own");
            }
        }
    }

    private static void cluster(Checks c, HaConfig ha) {
        var cl = ha.cluster();
        String p = P + ".cluster";
        if (cl.clusterId() != null) {
            c.range(cl.clusterId(), 1, 99, p + ".cluster-id", "cluster-id");
        }
        c.range(
                cl.synchronizationTimeoutMin(),
                0,
                30,
                p + ".synchronization-timeout-min",
                "synchronization-timeout-min");
        c.range(
                cl.monitorFailHoldDownTimeMin(),
                1,
                60,
                p + ".monitor-fail-hold-down-time-min",
                "monitor-fail-hold-down-time-min");
        c.range(
                cl.ha4KeepAliveThresholdMs(),
                5000,
                60_000,
                p + ".ha4-keep-alive-threshold-ms",
                "ha4-keep-alive-threshold-ms");
        if (cl.members().size() > 16) {
            c.problem(
                    p + ".members",
                    "a cluster has at most 16 members, this one lists "
                            + cl.members().size());
        }
        c.unique(cl.members(), m -> m.serial(), p + ".members", "cluster member");
        String own = c.config.device().effectiveSerial();
        if (!cl.members().isEmpty() && cl.members().stream().noneMatch(m -> own.equals(m.serial()))) {
            c.problem(p + ".members", "the member list must include this device (serial " + own + ")");
        }
        if (!ha.enabled()) {
            c.problem(p, "clustering needs high-availability enabled: true");
        }
    }
}

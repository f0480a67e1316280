package io.palisade.config.validate;

import io.palisade.config.model.AggregateInterfaceConfig;
import io.palisade.config.model.Backing;
import io.palisade.config.model.FloodAction;
import io.palisade.config.model.InterfaceConfig;
import io.palisade.config.model.InterfaceMode;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.PassiveLinkState;
import io.palisade.config.model.ZoneConfig;
import io.palisade.config.model.ZoneProtectionProfile;
import io.palisade.config.model.ZoneProtectionProfile.FloodThresholds;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Interfaces, aggregates, virtual wires, zones, zone-protection profiles and the virtual router. */
final class NetworkRules {
    private static final String ETHERNET = "ethernet\\d{1,2}/\\d{1,3}";
    private static final String AGGREGATE = "ae\\d{1,3}";

    private NetworkRules() {}

    static void check(Checks c) {
        var cfg = c.config;
        c.unique(cfg.interfaces(), InterfaceConfig::name, "interfaces", "interface");
        c.unique(cfg.aggregateInterfaces(), AggregateInterfaceConfig::name, "aggregate-interfaces", "aggregate");
        c.unique(cfg.virtualWires(), v -> v.name(), "virtual-wires", "virtual wire");
        c.unique(cfg.zones(), ZoneConfig::name, "zones", "zone");
        c.unique(cfg.zoneProtectionProfiles(), ZoneProtectionProfile::name, "zone-protection-profiles", "profile");
        interfaces(c);
        aggregates(c);
        virtualWires(c);
        zones(c);
        profiles(c);
        routes(c);
    }

    private static void interfaces(Checks c) {
        Map<String, String> linkUse = new HashMap<>();
        Map<String, String> addressOwner = new HashMap<>();
        List<InterfaceConfig> list = c.config.interfaces();
        for (int i = 0; i < list.size(); i++) {
            InterfaceConfig ifc = list.get(i);
            String p = "interfaces[" + i + "]";
            if (ifc.name() != null && !ifc.name().matches(ETHERNET)) {
                c.problem(p + ".name", "interface name '" + ifc.name() + "' must look like ethernet1/1");
            }
            c.range(ifc.mtu(), 576, 9216, p + ".mtu", "MTU");
            if (ifc.mode() == InterfaceMode.VIRTUAL_WIRE && !ifc.addresses().isEmpty()) {
                c.problem(
                        p + ".addresses",
                        "virtual-wire interface " + ifc.name()
                                + " cannot have IP addresses; use mode layer3 or remove the addresses");
            }
            backing(c, ifc, p, linkUse);
            addresses(c, ifc.name(), ifc.addresses(), p, addressOwner);
        }
    }

    private static void backing(Checks c, InterfaceConfig ifc, String p, Map<String, String> linkUse) {
        String key = switch (ifc.backing()) {
            case Backing.AfPacket a -> a.link() == null ? null : "Linux link " + a.link();
            case Backing.UdpTunnel u -> u.local() == null ? null : "UDP address " + u.local();
            case Backing.Pcap pcap -> {
                c.fileExists(pcap.input(), p + ".backing.input", "capture");
                yield null;
            }
            case Backing.Memory m -> null;
            case null -> null;
        };
        if (key == null) {
            return;
        }
        String other = linkUse.putIfAbsent(key, ifc.name());
        if (other != null) {
            c.problem(p + ".backing", ifc.name() + " uses " + key + ", which " + other + " already uses");
        }
    }

    private static void addresses(
            Checks c, String owner, List<IpPrefix> addresses, String p, Map<String, String> addressOwner) {
        for (int j = 0; j < addresses.size(); j++) {
            IpPrefix a = addresses.get(j);
            String net = a.network().toString();
            String other = addressOwner.putIfAbsent(net, owner);
            if (other != null && !other.equals(owner)) {
                c.problem(p + ".addresses[" + j + "]", "subnet " + net + " of " + owner + " is also on " + other);
            } else if (other != null) {
                c.problem(p + ".addresses[" + j + "]", "subnet " + net + " appears twice on " + owner);
            }
        }
    }

    private static void aggregates(Checks c) {
        Map<String, String> memberOf = new HashMap<>();
        List<AggregateInterfaceConfig> list = c.config.aggregateInterfaces();
        for (int i = 0; i < list.size(); i++) {
            AggregateInterfaceConfig ae = list.get(i);
            String p = "aggregate-interfaces[" + i + "]";
            if (ae.name() != null && !ae.name().matches(AGGREGATE)) {
                c.problem(p + ".name", "aggregate name '" + ae.name() + "' must look like ae1");
            }
            c.range(ae.mtu(), 576, 9216, p + ".mtu", "MTU");
            if (ae.members().isEmpty()) {
                c.problem(p + ".members", "aggregate " + ae.name() + " needs at least one member interface");
            }
            for (int j = 0; j < ae.members().size(); j++) {
                member(c, ae, ae.members().get(j), p + ".members[" + j + "]", memberOf);
            }
            if (ae.lacp() != null) {
                lacp(c, ae.lacp(), p + ".lacp");
            }
        }
    }

    private static void member(
            Checks c, AggregateInterfaceConfig ae, String member, String path, Map<String, String> memberOf) {
        if (c.config.findInterface(member).isEmpty()) {
            c.problem(path, "member interface '" + member + "' does not exist");
            return;
        }
        String other = memberOf.putIfAbsent(member, ae.name());
        if (other != null) {
            c.problem(path, member + " is already a member of " + other);
        }
        if (c.config.zoneOfInterface(member).isPresent()) {
            c.problem(
                    path,
                    member + " is a member of " + ae.name() + " and cannot also be in a zone; put " + ae.name()
                            + " in the zone instead");
        }
        if (!c.config.findInterface(member).get().addresses().isEmpty()) {
            c.problem(path, member + " is a member of " + ae.name() + " and cannot have its own addresses");
        }
    }

    private static void lacp(Checks c, AggregateInterfaceConfig.Lacp lacp, String p) {
        c.range(lacp.systemPriority(), 1, 65535, p + ".system-priority", "LACP system priority");
        if (!lacp.enableInHaPassiveState()) {
            return;
        }
        var ha = c.config.highAvailability();
        boolean auto = ha.enabled() && ha.activePassive().passiveLinkState() == PassiveLinkState.AUTO;
        if (!lacp.enabled()) {
            c.problem(p + ".enable-in-ha-passive-state", "enable-in-ha-passive-state needs lacp enabled: true");
        } else if (!auto) {
            c.problem(
                    p + ".enable-in-ha-passive-state",
                    "LACP pre-negotiation in the HA passive state needs HA"
                            + " enabled with high-availability.active-passive.passive-link-state: auto");
        }
    }

    private static void virtualWires(Checks c) {
        Map<String, String> wireOf = new HashMap<>();
        var list = c.config.virtualWires();
        for (int i = 0; i < list.size(); i++) {
            var vw = list.get(i);
            String p = "virtual-wires[" + i + "]";
            c.objectName(vw.name(), p + ".name", "a virtual wire");
            if (vw.interfaces().size() != 2) {
                c.problem(
                        p + ".interfaces",
                        "virtual wire " + vw.name() + " needs exactly two interfaces, has "
                                + vw.interfaces().size());
            } else if (vw.interfaces().get(0).equals(vw.interfaces().get(1))) {
                c.problem(p + ".interfaces[1]", "virtual wire " + vw.name() + " joins an interface to itself");
            }
            for (int j = 0; j < vw.interfaces().size(); j++) {
                String name = vw.interfaces().get(j);
                String ip = p + ".interfaces[" + j + "]";
                if (!c.interfaceExists(name)) {
                    c.problem(ip, "interface '" + name + "' does not exist");
                    continue;
                }
                if (c.interfaceModes.get(name) != InterfaceMode.VIRTUAL_WIRE) {
                    c.problem(ip, name + " is not a virtual-wire interface (set its mode to virtual-wire)");
                }
                String other = wireOf.putIfAbsent(name, vw.name());
                if (other != null && !other.equals(vw.name())) {
                    c.problem(ip, name + " is already in virtual wire " + other);
                }
            }
        }
    }

    private static void zones(Checks c) {
        Map<String, String> zoneOf = new HashMap<>();
        var list = c.config.zones();
        for (int i = 0; i < list.size(); i++) {
            ZoneConfig z = list.get(i);
            String p = "zones[" + i + "]";
            c.objectName(z.name(), p + ".name", "a zone");
            InterfaceMode firstMode = null;
            for (int j = 0; j < z.interfaces().size(); j++) {
                String name = z.interfaces().get(j);
                String ip = p + ".interfaces[" + j + "]";
                if (!c.interfaceExists(name)) {
                    c.problem(
                            ip,
                            "interface '" + name + "' does not exist"
                                    + io.palisade.config.bind.Names.didYouMean(name, c.interfaceModes.keySet()));
                    continue;
                }
                String other = zoneOf.putIfAbsent(name, z.name());
                if (other != null) {
                    c.problem(ip, name + " is already in zone " + other + "; an interface belongs to one zone");
                }
                InterfaceMode mode = c.interfaceModes.get(name);
                if (firstMode == null) {
                    firstMode = mode;
                } else if (firstMode != mode) {
                    c.problem(ip, "zone " + z.name() + " mixes virtual-wire and layer3 interfaces");
                }
            }
            if (z.protectionProfile() != null
                    && c.config.zoneProtectionProfiles().stream()
                            .noneMatch(pp -> z.protectionProfile().equals(pp.name()))) {
                c.problem(
                        p + ".protection-profile",
                        "zone protection profile '" + z.protectionProfile() + "' does not exist");
            }
        }
        unzoned(c, zoneOf);
    }

    /** A data interface outside every zone would drop all its traffic; PAN-OS refuses to forward it too. */
    private static void unzoned(Checks c, Map<String, String> zoneOf) {
        var members = c.config.aggregateInterfaces().stream()
                .flatMap(a -> a.members().stream())
                .toList();
        var list = c.config.interfaces();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).name();
            if (name != null && !zoneOf.containsKey(name) && !members.contains(name)) {
                c.problem(
                        "interfaces[" + i + "]",
                        "interface " + name
                                + " is in no zone, so every packet on it would be dropped; add it to a zone");
            }
        }
    }

    private static void profiles(Checks c) {
        var list = c.config.zoneProtectionProfiles();
        for (int i = 0; i < list.size(); i++) {
            ZoneProtectionProfile zp = list.get(i);
            String p = "zone-protection-profiles[" + i + "]";
            c.objectName(zp.name(), p + ".name", "a zone protection profile");
            var f = zp.flood();
            if (f != null) {
                flood(c, f.syn(), p + ".flood.syn", true);
                flood(c, f.udp(), p + ".flood.udp", false);
                flood(c, f.icmp(), p + ".flood.icmp", false);
                flood(c, f.icmpv6(), p + ".flood.icmpv6", false);
                flood(c, f.otherIp(), p + ".flood.other-ip", false);
            }
            var r = zp.reconnaissance();
            if (r != null) {
                scan(c, r.tcpPortScan().intervalS(), r.tcpPortScan().threshold(), p + ".reconnaissance.tcp-port-scan");
                scan(c, r.udpPortScan().intervalS(), r.udpPortScan().threshold(), p + ".reconnaissance.udp-port-scan");
                scan(c, r.hostSweep().intervalS(), r.hostSweep().threshold(), p + ".reconnaissance.host-sweep");
            }
        }
    }

    private static void flood(Checks c, FloodThresholds t, String p, boolean syn) {
        if (t == null) {
            return;
        }
        c.range(t.alarmRate(), 0, 2_000_000, p + ".alarm-rate", "alarm rate");
        c.range(t.activateRate(), 1, 2_000_000, p + ".activate-rate", "activate rate");
        c.range(t.maximumRate(), 1, 2_000_000, p + ".maximum-rate", "maximum rate");
        if (t.activateRate() > t.maximumRate()) {
            c.problem(
                    p + ".activate-rate",
                    "activate rate " + t.activateRate() + " is above the maximum rate " + t.maximumRate()
                            + "; it must be at most the maximum");
        }
        if (t.alarmRate() > t.maximumRate()) {
            c.problem(
                    p + ".alarm-rate", "alarm rate " + t.alarmRate() + " is above the maximum rate " + t.maximumRate());
        }
        if (!syn && t.action() == FloodAction.SYN_COOKIES) {
            c.problem(p + ".action", "syn-cookies applies to SYN floods only");
        }
    }

    private static void scan(Checks c, int intervalS, int threshold, String p) {
        c.range(intervalS, 2, 65535, p + ".interval-s", "scan interval (s)");
        c.range(threshold, 2, 65535, p + ".threshold", "scan threshold");
    }

    private static void routes(Checks c) {
        var vr = c.config.virtualRouter();
        c.objectName(vr.name(), "virtual-router.name", "a virtual router");
        c.unique(vr.staticRoutes(), r -> r.name(), "virtual-router.static-routes", "static route");
        for (int i = 0; i < vr.staticRoutes().size(); i++) {
            var r = vr.staticRoutes().get(i);
            String p = "virtual-router.static-routes[" + i + "]";
            c.range(r.metric(), 1, 65535, p + ".metric", "metric");
            if (r.interfaceName() == null && r.nextHop() == null) {
                c.problem(p, "static route " + r.name() + " needs an interface, a next-hop, or both");
            }
            if (r.interfaceName() != null) {
                if (!c.interfaceExists(r.interfaceName())) {
                    c.problem(p + ".interface", "interface '" + r.interfaceName() + "' does not exist");
                } else if (c.interfaceModes.get(r.interfaceName()) != InterfaceMode.LAYER3) {
                    c.problem(p + ".interface", r.interfaceName() + " is not a layer3 interface; routes need one");
                }
            }
            if (r.destination() != null
                    && r.nextHop() != null
                    && r.destination().isIpv4() != (r.nextHop() instanceof Inet4Address)) {
                c.problem(
                        p + ".next-hop",
                        "next-hop " + r.nextHop().getHostAddress() + " is not of the destination's address family");
            }
        }
    }
}

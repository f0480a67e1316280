package io.palisade.node;

import io.palisade.config.model.HaConfig;
import io.palisade.config.model.IpAddresses;
import io.palisade.dataplane.port.Port;
import io.palisade.dataplane.port.UdpTunnelPort;
import io.palisade.ha.ha1.Ha1Transport;
import io.palisade.ha.ha1.LinkFaults;
import io.palisade.ha.sync.Ha2Link;
import io.palisade.ops.CommandResult;
import io.palisade.ops.LabFault;
import io.palisade.ops.LabFaultRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LAB / FAULT INJECTION behind {@link NodeOps}: maps the ops fault switches onto the real, off-by-default switches
 * of the transports: {@link Ha1Transport#faults()}, the HA2 links' {@link Ha2Link#faults()}, the udp-tunnel
 * ports' carrier ({@link UdpTunnelPort#setLinkUp}) and the {@link SimulatedPathProbes}. Every change is logged as
 * a lab fault so nobody mistakes it for a real failure.
 */
final class NodeLabFaults {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");

    private final Node node;

    NodeLabFaults(Node node) {
        this.node = node;
    }

    private boolean enabled() {
        return node.options().labFaults();
    }

    List<LabFault> list() {
        if (!enabled()) {
            return List.of();
        }
        List<LabFault> out = new ArrayList<>();
        for (Ha1Transport t : node.ha1Links()) {
            out.add(new LabFault(
                    LabFault.HA1_BLOCK, t.name(), t.faults().blocked(), "HA1 connections closed and refused"));
        }
        for (Ha2Link l : ha2Links()) {
            out.add(new LabFault(
                    LabFault.HA2_BLOCK,
                    l.name(),
                    l.faults().blocked(),
                    "every HA2 frame dropped (sessions, keep-alives, heartbeat backup)"));
        }
        for (Port p : node.dataplane().ports()) {
            if (p instanceof UdpTunnelPort u) {
                out.add(new LabFault(LabFault.LINK_DOWN, u.name(), !u.linkUp(), "udp-tunnel carrier down"));
            }
        }
        if (node.options().pathProbes() instanceof SimulatedPathProbes s) {
            for (InetAddress d : destinations()) {
                out.add(new LabFault(
                        LabFault.PATH_UNREACHABLE,
                        d.getHostAddress(),
                        !s.reachable(d),
                        "simulated path probe: the destination stops answering"));
            }
        }
        return out;
    }

    CommandResult set(LabFaultRequest r) {
        if (r == null || r.fault() == null || !LabFault.FAULTS.contains(r.fault())) {
            throw new IllegalArgumentException("fault must be one of " + LabFault.FAULTS);
        }
        if (r.target() == null || r.target().isBlank()) {
            throw new IllegalArgumentException("target is required");
        }
        if (!enabled()) {
            return new CommandResult(
                    false, "lab fault injection is not enabled on this node (start it with --lab-faults)");
        }
        CommandResult result = switch (r.fault()) {
            case LabFault.HA1_BLOCK -> ha1(r.target(), r.on());
            case LabFault.HA2_BLOCK -> ha2(r.target(), r.on());
            case LabFault.LINK_DOWN -> link(r.target(), r.on());
            case LabFault.PATH_UNREACHABLE -> path(r.target(), r.on());
            default -> throw new IllegalArgumentException("unknown fault " + r.fault());
        };
        if (result.ok()) {
            LOG.warn("LAB FAULT {} {} {}: {}", r.fault(), r.target(), r.on() ? "ON" : "off", result.message());
        }
        return result;
    }

    private CommandResult ha1(String target, boolean on) {
        List<LinkFaults> chosen = new ArrayList<>();
        for (Ha1Transport t : node.ha1Links()) {
            if (LabFault.ALL.equals(target) || t.name().equals(target)) {
                chosen.add(t.faults());
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no HA1 link '" + target + "' (links: "
                    + node.ha1Links().stream().map(Ha1Transport::name).toList() + ", or all)");
        }
        chosen.forEach(f -> f.setBlocked(on));
        return new CommandResult(true, chosen.size() + " HA1 link(s) " + (on ? "blocked" : "unblocked"));
    }

    private CommandResult ha2(String target, boolean on) {
        List<Ha2Link> links = ha2Links();
        if (links.isEmpty()) {
            return new CommandResult(false, "this node has no HA2 link (state synchronisation is off)");
        }
        List<Ha2Link> chosen = links.stream()
                .filter(l -> LabFault.ALL.equals(target) || l.name().equals(target))
                .toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no HA2 link '" + target + "' (links: "
                    + links.stream().map(Ha2Link::name).toList() + ", or all)");
        }
        chosen.forEach(l -> l.faults().setBlocked(on));
        return new CommandResult(true, chosen.size() + " HA2 link(s) " + (on ? "blocked" : "unblocked"));
    }

    private CommandResult link(String target, boolean on) {
        for (Port p : node.dataplane().ports()) {
            if (p != null && p.name().equals(target)) {
                if (!(p instanceof UdpTunnelPort u)) {
                    return new CommandResult(
                            false,
                            target
                                    + " is not a udp-tunnel port: take its link down in the network (ip link set ... down)");
                }
                u.setLinkUp(!on);
                return new CommandResult(true, target + " carrier " + (on ? "down" : "up"));
            }
        }
        throw new IllegalArgumentException("no interface '" + target + "' with a port on this node");
    }

    private CommandResult path(String target, boolean on) {
        if (!(node.options().pathProbes() instanceof SimulatedPathProbes s)) {
            return new CommandResult(
                    false,
                    "path probes are real ICMP echo on this node: make " + target
                            + " unreachable in the network (the in-process lab runs --simulated-path-probes)");
        }
        InetAddress address;
        try {
            address = IpAddresses.parse(target);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + target + "' is not an IP address");
        }
        if (!destinations().contains(address)) {
            throw new IllegalArgumentException(target + " is not a path-monitoring destination of this node");
        }
        s.setReachable(address, !on);
        return new CommandResult(true, "simulated path destination " + target + (on ? " unreachable" : " reachable"));
    }

    private List<Ha2Link> ha2Links() {
        SessionSync s = node.sessionSync();
        if (s == null || s.ha2() == null) {
            return List.of();
        }
        List<Ha2Link> out = new ArrayList<>();
        for (String name : List.of(Ha2Link.PRIMARY, Ha2Link.BACKUP)) {
            Ha2Link l = s.ha2().link(name);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private Set<InetAddress> destinations() {
        HaConfig ha = node.configService().running().config().highAvailability();
        Set<InetAddress> out = new LinkedHashSet<>();
        ha.pathMonitoring().groups().forEach(g -> out.addAll(g.destinations()));
        return out;
    }
}

package io.palisade.lab.netns;

import io.palisade.lab.demo.DemoOptions;
import io.palisade.linux.netlink.RtNetlink;
import io.palisade.linux.netns.NetNamespace;
import java.util.Locale;

/**
 * The faults the lab injects on real links, each on the node given (the active one in the demo):
 *
 * <ul>
 *   <li>{@code kill}: SIGKILL of the node's process (a crash: no goodbye, heartbeats just stop);
 *   <li>{@code ha1-down}: the primary HA1 veth goes down (the HA1 backup keeps the pair together: no failover);
 *   <li>{@code link-down}: the switch port of the node's outside interface goes down, so the node loses carrier
 *       (a pulled cable): link monitoring fails the node;
 *   <li>{@code path-down}: the server drops ICMP echo from the node's monitor address (nftables in the server's
 *       namespace): path monitoring fails the node;
 *   <li>{@code suspend}: {@code request high-availability state suspend} through the node's REST API.
 * </ul>
 */
public final class Faults {
    private Faults() {}

    /**
     * Does the slow part of a fault ahead of time, so that {@link #apply} acts within a millisecond or two and the
     * fault's timestamp is true: the first netlink call or HTTP request of this JVM loads classes and links native
     * calls (tens of milliseconds), and the nftables table and chain can exist before the rule that drops.
     */
    public static void prepare(NetnsLab lab, String fault, String node) {
        String fw = TopologyBuilder.nodeNs(node);
        switch (fault.toLowerCase(Locale.ROOT)) {
            case "ha1-down" -> readLink(lab.ns(fw), ha1Link(node));
            case "link-down" -> readLink(lab.ns(TopologyBuilder.SWITCH), switchPort(node));
            case "path-down" -> createPingFilter(lab.ns(TopologyBuilder.SERVER));
            case "suspend" -> lab.api(node, "/api/v1/ha");
            default -> {
                // kill needs nothing
            }
        }
    }

    private static void readLink(String ns, String link) {
        try {
            NetNamespace.call(ns, () -> {
                try (RtNetlink rt = RtNetlink.open()) {
                    return rt.link(link);
                }
            });
        } catch (Exception e) {
            throw LabException.of("link " + link + " in " + ns + ": " + e.getMessage());
        }
    }

    /** Injects {@code fault} on {@code node} (call {@link #prepare} first for a precise fault time). */
    public static void apply(NetnsLab lab, String fault, String node) {
        String fw = TopologyBuilder.nodeNs(node);
        switch (fault.toLowerCase(Locale.ROOT)) {
            case "kill" -> lab.kill(node);
            case "ha1-down" -> setLink(lab.ns(fw), ha1Link(node), false);
            case "link-down" -> setLink(lab.ns(TopologyBuilder.SWITCH), switchPort(node), false);
            case "path-down" ->
                dropPingsFrom(
                        lab.ns(TopologyBuilder.SERVER),
                        NodeConfigs.monitorAddress(
                                lab.settings().topology().nodes().indexOf(node)));
            case "suspend" -> lab.apiPost(node, "/api/v1/ha/suspend");
            default ->
                throw new io.palisade.common.UserError(
                        "unknown fault '" + fault + "' (" + String.join(", ", DemoOptions.FAULTS) + ")");
        }
    }

    /** Undoes a fault where that makes sense (link up again, pings answered again, functional again). */
    public static void repair(NetnsLab lab, String fault, String node) {
        String fw = TopologyBuilder.nodeNs(node);
        switch (fault.toLowerCase(Locale.ROOT)) {
            case "kill" -> lab.startNode(node);
            case "ha1-down" -> Shell.run("ip", "-n", lab.ns(fw), "link", "set", ha1Link(node), "up");
            case "link-down" ->
                Shell.run("ip", "-n", lab.ns(TopologyBuilder.SWITCH), "link", "set", switchPort(node), "up");
            case "path-down" -> Shell.run(deletePingFilter(lab.ns(TopologyBuilder.SERVER)));
            case "suspend" -> lab.apiPost(node, "/api/v1/ha/functional");
            default -> throw new io.palisade.common.UserError("unknown fault '" + fault + "'");
        }
    }

    /**
     * Link up or down through rtnetlink from a thread inside the namespace: a millisecond, where spawning
     * {@code ip} takes tens on a busy machine and would blur the fault's time.
     */
    static void setLink(String ns, String link, boolean up) {
        try {
            NetNamespace.call(ns, () -> {
                try (RtNetlink rt = RtNetlink.open()) {
                    rt.setLinkUp(link, up);
                }
                return null;
            });
        } catch (Exception e) {
            throw LabException.of("link " + link + " in " + ns + " " + (up ? "up" : "down") + ": " + e.getMessage());
        }
    }

    /** The node's primary HA1 veth, in its own namespace ({@code fwa-ha1}). */
    static String ha1Link(String node) {
        return TopologyBuilder.nodeNs(node) + "-ha1";
    }

    /** The switch's port facing the node's outside interface, in the switch namespace ({@code a-e2}). */
    static String switchPort(String node) {
        String fw = TopologyBuilder.nodeNs(node);
        return fw.substring(fw.length() - 1) + "-e2";
    }

    /** The command that removes the ping filter (and with it every drop rule) from the server. */
    static String[] deletePingFilter(String serverNs) {
        return Shell.nsCommand(serverNs, "nft", "delete", "table", "inet", "palisade_lab")
                .toArray(String[]::new);
    }

    /** The server's nftables table and input chain for ping drops ("add" is idempotent). */
    static void createPingFilter(String serverNs) {
        Shell.inNs(serverNs, "nft", "add", "table", "inet", "palisade_lab");
        Shell.inNs(serverNs, "nft", "add chain inet palisade_lab input { type filter hook input priority 0 ; }");
    }

    /** The server drops ICMP echo requests from {@code source} (a node's path-monitor address). */
    static void dropPingsFrom(String serverNs, String source) {
        createPingFilter(serverNs); // prepare() usually created table and chain already
        Shell.inNs(
                serverNs,
                "nft",
                "add rule inet palisade_lab input ip saddr " + source + " icmp type echo-request drop");
    }
}

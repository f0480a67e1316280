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
        String letter = fw.substring(fw.length() - 1);
        switch (fault.toLowerCase(Locale.ROOT)) {
            case "ha1-down" -> readLink(lab.ns(fw), fw + "-ha1");
            case "link-down" -> readLink(lab.ns(TopologyBuilder.SWITCH), letter + "-e2");
            case "path-down" -> {
                String sv = lab.ns(TopologyBuilder.SERVER);
                Shell.inNs(sv, "nft", "add", "table", "inet", "palisade_lab");
                Shell.inNs(sv, "nft", "add chain inet palisade_lab input { type filter hook input priority 0 ; }");
            }
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
        String letter = fw.substring(fw.length() - 1);
        switch (fault.toLowerCase(Locale.ROOT)) {
            case "kill" -> lab.kill(node);
            case "ha1-down" -> setLink(lab.ns(fw), fw + "-ha1", false);
            case "link-down" -> setLink(lab.ns(TopologyBuilder.SWITCH), letter + "-e2", false);
            case "path-down" -> blockPings(lab, node);
            case "suspend" -> lab.apiPost(node, "/api/v1/ha/suspend");
            default ->
                throw new io.palisade.common.UserError(
                        "unknown fault '" + fault + "' (" + String.join(", ", DemoOptions.FAULTS) + ")");
        }
    }

    /** Undoes a fault where that makes sense (link up again, pings answered again, functional again). */
    public static void repair(NetnsLab lab, String fault, String node) {
        String fw = TopologyBuilder.nodeNs(node);
        String letter = fw.substring(fw.length() - 1);
        switch (fault.toLowerCase(Locale.ROOT)) {
            case "kill" -> lab.startNode(node);
            case "ha1-down" -> Shell.run("ip", "-n", lab.ns(fw), "link", "set", fw + "-ha1", "up");
            case "link-down" ->
                Shell.run("ip", "-n", lab.ns(TopologyBuilder.SWITCH), "link", "set", letter + "-e2", "up");
            case "path-down" ->
                Shell.inNs(lab.ns(TopologyBuilder.SERVER), "nft", "delete", "table", "inet", "palisade_lab");
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

    private static void blockPings(NetnsLab lab, String node) {
        int index = lab.settings().topology().nodes().indexOf(node);
        String sv = lab.ns(TopologyBuilder.SERVER);
        // "add" is idempotent: prepare() usually created table and chain already
        Shell.inNs(sv, "nft", "add", "table", "inet", "palisade_lab");
        Shell.inNs(sv, "nft", "add chain inet palisade_lab input { type filter hook input priority 0 ; }");
        Shell.inNs(
                sv,
                "nft",
                "add rule inet palisade_lab input ip saddr " + NodeConfigs.monitorAddress(index)
                        + " icmp type echo-request drop");
    }
}

package io.palisade.lab.netns;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Topology} with {@code ip}: namespaces (loopback up, IPv6 off so hosts stay quiet), veth pairs
 * created directly inside their namespaces (the root namespace is never touched), the two switch bridges, host
 * addresses and routes, the firewalls' HA links, and offloads off on every veth (see {@link #disableOffloads}).
 * The firewalls' data veths carry no kernel address for the interface addresses: Palisade answers ARP for those.
 */
final class TopologyBuilder {
    /** Short names of the namespaces (the full name is the lab prefix plus this). */
    static final String CLIENT = "cl";

    static final String SERVER = "sv";
    static final String SWITCH = "sw";

    private final String prefix;
    private final Topology topology;
    private final List<String> created = new ArrayList<>();

    TopologyBuilder(String prefix, Topology topology) {
        this.prefix = prefix;
        this.topology = topology;
    }

    /** The full namespace name of a short name ({@code cl}, {@code sv}, {@code sw}, {@code fwa}, {@code fwb}). */
    String ns(String shortName) {
        return prefix + shortName;
    }

    /** Namespace short name of a node ({@code fw-a} -> {@code fwa}). */
    static String nodeNs(String node) {
        return node.replace("-", "");
    }

    /** Namespaces created so far (full names), for clean-up even when building failed half way. */
    List<String> created() {
        return List.copyOf(created);
    }

    void build() {
        List<String> firewalls =
                topology.nodes().stream().map(TopologyBuilder::nodeNs).toList();
        for (String n : List.of(CLIENT, SERVER, SWITCH)) {
            namespace(n);
        }
        firewalls.forEach(this::namespace);
        ip(SWITCH, "link", "add", "name", "swin", "type", "bridge");
        ip(SWITCH, "link", "add", "name", "swout", "type", "bridge");
        host(CLIENT, "cl-p", "swin", Topology.CLIENT_IP, "198.18.10.1");
        host(SERVER, "sv-p", "swout", topology.serverIp(), "198.18.20.1");
        for (String fw : firewalls) {
            String letter = fw.substring(fw.length() - 1);
            for (int i = 1; i <= 2; i++) {
                String inFw = fw + "-e" + i;
                String onSwitch = letter + "-e" + i;
                ip(fw, "link", "add", "name", inFw, "type", "veth", "peer", "name", onSwitch, "netns", ns(SWITCH));
                ip(SWITCH, "link", "set", onSwitch, "master", i == 1 ? "swin" : "swout");
                up(SWITCH, onSwitch);
                up(fw, inFw);
                disableOffloads(fw, inFw);
                disableOffloads(SWITCH, onSwitch);
            }
            sysctl(fw, "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2");
        }
        up(SWITCH, "swin");
        up(SWITCH, "swout");
        if (topology.pair()) {
            haLinks();
            if (topology.layer3()) {
                for (int i = 0; i < firewalls.size(); i++) {
                    ip(
                            firewalls.get(i),
                            "addr",
                            "add",
                            NodeConfigs.monitorAddress(i) + "/24",
                            "dev",
                            firewalls.get(i) + "-e2");
                }
            }
        }
    }

    private void haLinks() {
        String[][] links = {{"ha1", "100"}, {"ha1b", "101"}, {"ha2", "102"}};
        for (String[] l : links) {
            ip(
                    "fwa",
                    "link",
                    "add",
                    "name",
                    "fwa-" + l[0],
                    "type",
                    "veth",
                    "peer",
                    "name",
                    "fwb-" + l[0],
                    "netns",
                    ns("fwb"));
            ip("fwa", "addr", "add", "198.18." + l[1] + ".1/24", "dev", "fwa-" + l[0]);
            ip("fwb", "addr", "add", "198.18." + l[1] + ".2/24", "dev", "fwb-" + l[0]);
            up("fwa", "fwa-" + l[0]);
            up("fwb", "fwb-" + l[0]);
        }
    }

    private void namespace(String shortName) {
        Shell.run("ip", "netns", "add", ns(shortName));
        created.add(ns(shortName));
        ip(shortName, "link", "set", "lo", "up");
        sysctl(shortName, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
    }

    private void host(String shortName, String switchPort, String bridge, String address, String gateway) {
        ip(shortName, "link", "add", "name", "eth0", "type", "veth", "peer", "name", switchPort, "netns", ns(SWITCH));
        ip(SWITCH, "link", "set", switchPort, "master", bridge);
        up(SWITCH, switchPort);
        ip(shortName, "addr", "add", address + "/24", "dev", "eth0");
        up(shortName, "eth0");
        if (topology.layer3()) {
            ip(shortName, "route", "add", "default", "via", gateway);
        }
        disableOffloads(shortName, "eth0");
        disableOffloads(SWITCH, switchPort);
    }

    /**
     * Offloads off ({@code ethtool -K tx off gro off gso off tso off}): with TX checksum offload a veth hands
     * frames with partial checksums to AF_PACKET (the firewall completes them in software, but the kernel
     * bridge-and-conntrack comparison would then measure different work), and with GRO/GSO/TSO frames larger than
     * the MTU arrive, which the firewall drops and counts as oversize.
     */
    void disableOffloads(String shortName, String ifname) {
        Shell.inNs(ns(shortName), "ethtool", "-K", ifname, "tx", "off", "gro", "off", "gso", "off", "tso", "off");
    }

    void ip(String shortName, String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = "ip";
        argv[1] = "-n";
        argv[2] = ns(shortName);
        System.arraycopy(args, 0, argv, 3, args.length);
        Shell.run(argv);
    }

    private void up(String shortName, String ifname) {
        ip(shortName, "link", "set", ifname, "up");
    }

    private void sysctl(String shortName, String... settings) {
        String[] argv = new String[settings.length + 2];
        argv[0] = "sysctl";
        argv[1] = "-qw";
        System.arraycopy(settings, 0, argv, 2, settings.length);
        Shell.inNs(ns(shortName), argv);
    }

    /** Deletes every namespace whose name starts with {@code prefix} (their interfaces go with them). */
    static void deleteNamespaces(String prefix) {
        Shell.Result list = Shell.tryRun(10_000, "ip", "netns", "list");
        for (String line : list.stdout().lines().toList()) {
            String name = line.split("\\s+", 2)[0];
            if (name.startsWith(prefix)) {
                Shell.tryRun(10_000, "ip", "netns", "del", name);
            }
        }
    }
}

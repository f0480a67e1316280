package io.palisade.lab.netns;

import io.palisade.ha.tls.HaKeygen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the firewalls' configuration files for a lab: interfaces on the lab's veths, zones {@code inside} (client
 * side) and {@code outside}, an allow rule from inside to outside (plus a deny rule when asked), source NAT on
 * layer 3, and for pairs the HA block with fresh HA1 keys, link monitoring of both data interfaces and (layer 3)
 * path monitoring of the server from each node's own monitor address.
 */
final class NodeConfigs {
    /** Management port of fw-a; fw-b uses the next one (each listens on its own namespace's loopback). */
    static final int API_PORT = 9451;

    private NodeConfigs() {}

    /** The node's API key. */
    static String apiKey(String node) {
        return "lab-key-" + node + "-0001";
    }

    static String apiUrl(int index) {
        return "http://127.0.0.1:" + (API_PORT + index);
    }

    /** Writes {@code <node>.yaml} for every node into {@code dir} and returns their paths. */
    static java.util.List<Path> write(Path dir, LabSettings s) {
        try {
            Files.createDirectories(dir);
            if (s.topology().pair()) {
                for (String node : s.topology().nodes()) {
                    HaKeygen.generate(dir.resolve("keys"), node, true);
                }
            }
            java.util.List<Path> files = new java.util.ArrayList<>();
            for (int i = 0; i < s.topology().nodes().size(); i++) {
                Path file = dir.resolve(s.topology().nodes().get(i) + ".yaml");
                Files.writeString(file, yaml(s, i));
                files.add(file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lab configuration into " + dir + ": " + e.getMessage(), e);
        }
    }

    static String yaml(LabSettings s, int index) {
        String node = s.topology().nodes().get(index);
        String letter = node.substring(node.length() - 1);
        StringBuilder y = new StringBuilder();
        y.append("# ")
                .append(s.topology().label())
                .append(" lab, node ")
                .append(node)
                .append(" (generated)\n");
        y.append("device:\n  hostname: ").append(node).append("\n  workers: ").append(s.workers());
        y.append("\n  management:\n    listen: 127.0.0.1:").append(API_PORT + index);
        y.append("\n    api-key: ").append(apiKey(node)).append("\nsession:\n  capacity: 131072\n");
        interfaces(y, s, letter);
        policy(y, s);
        if (s.topology().pair()) {
            ha(y, s, index, letter);
        }
        return y.toString();
    }

    private static void interfaces(StringBuilder y, LabSettings s, String letter) {
        y.append("interfaces:\n");
        for (int i = 1; i <= 2; i++) {
            y.append("  - name: ethernet1/").append(i).append("\n    backing: {type: af-packet, link: fw");
            y.append(letter).append("-e").append(i).append("}\n");
            if (s.topology().layer3()) {
                y.append("    mode: layer3\n    addresses: [198.18.")
                        .append(i * 10)
                        .append(".1/24]\n");
            } else {
                y.append("    mode: virtual-wire\n");
            }
        }
        if (!s.topology().layer3()) {
            y.append("virtual-wires:\n  - {name: vw, interfaces: [ethernet1/1, ethernet1/2]}\n");
        }
        y.append("zones:\n  - {name: inside, interfaces: [ethernet1/1]}\n");
        y.append("  - {name: outside, interfaces: [ethernet1/2]}\n");
    }

    private static void policy(StringBuilder y, LabSettings s) {
        y.append("addresses:\n  - {name: inside-net, ip-netmask: 198.18.10.0/24}\n");
        if (s.denyPort() > 0) {
            y.append("services:\n  - {name: denied, protocol: tcp, destination-port: \"")
                    .append(s.denyPort())
                    .append("\"}\n");
        }
        if (s.nat() && s.topology().layer3()) {
            y.append("nat-rules:\n  - name: hide-inside\n    from: [inside]\n    to: [outside]\n");
            y.append("    source: [inside-net]\n    source-translation:\n");
            y.append("      type: dynamic-ip-and-port\n      interface: ethernet1/2\n");
        }
        y.append("security-rules:\n");
        if (s.denyPort() > 0) {
            y.append("  - {name: deny-port, from: [inside], to: [outside], service: [denied], action: deny}\n");
        }
        y.append("  - {name: inside-out, from: [inside], to: [outside], source: [inside-net], service: [any],");
        y.append(" action: allow, log-end: false}\n");
    }

    private static void ha(StringBuilder y, LabSettings s, int index, String letter) {
        int me = index + 1;
        int peer = 2 - index;
        String other = index == 0 ? "fw-b" : "fw-a";
        y.append("high-availability:\n  enabled: true\n  group-id: 1\n  mode: active-passive\n");
        y.append("  election:\n    device-priority: ").append(index == 0 ? 50 : 100);
        // generous: on a loaded two-core machine one node JVM can start seconds after the other, and a node that
        // gives up on its peer first goes active alone (correct, but not the pair the lab promises)
        y.append("\n    preemptive: ").append(s.preemptive()).append("\n    peer-negotiation-timeout-ms: 20000\n");
        y.append("    timers:\n      profile: ").append(s.timerProfile()).append('\n');
        if ("advanced".equals(s.timerProfile())) {
            y.append("      promotion-hold-time-ms: 50\n      hello-interval-ms: 1000\n");
            y.append("      heartbeat-interval-ms: 50\n      heartbeat-miss-threshold: 3\n");
            y.append("      preemption-hold-time-ms: 3000\n      monitor-fail-hold-up-time-ms: 0\n");
            y.append("      additional-master-hold-up-time-ms: 0\n");
        }
        y.append("  ha1:\n    local: 198.18.100.").append(me).append(":28769\n    peer: 198.18.100.");
        y.append(peer).append(":28769\n  ha1-backup:\n    local: 198.18.101.").append(me);
        y.append(":28770\n    peer: 198.18.101.").append(peer).append(":28770\n");
        y.append("  ha1-encryption:\n    certificate: keys/")
                .append(s.topology().nodes().get(index));
        y.append(".crt\n    key: keys/").append(s.topology().nodes().get(index)).append(".key\n");
        y.append("    peer-certificate: keys/").append(other).append(".crt\n");
        if ("ethernet".equals(s.ha2Transport())) {
            y.append("  ha2:\n    link: fw").append(letter).append("-ha2\n");
            y.append("  state-synchronization:\n    transport: ethernet\n");
        } else {
            y.append("  ha2:\n    local: 198.18.102.").append(me).append(":29281\n    peer: 198.18.102.");
            y.append(peer).append(":29281\n");
        }
        y.append("  link-monitoring:\n    groups:\n      - name: data-links\n");
        y.append("        interfaces: [ethernet1/1, ethernet1/2]\n");
        if (s.topology().layer3()) {
            boolean fast = "advanced".equals(s.timerProfile());
            y.append("  path-monitoring:\n    groups:\n      - name: server\n        type: virtual-router\n");
            y.append("        target: default\n        source-ip: ").append(monitorAddress(index));
            y.append("\n        destinations: [")
                    .append(s.topology().serverIp())
                    .append("]\n");
            y.append("        ping-interval-ms: ").append(200).append('\n');
            y.append("        ping-count: ").append(fast ? 3 : 5).append('\n');
        }
        y.append("  active-passive:\n    passive-link-state: ")
                .append(s.passiveLinkState())
                .append('\n');
    }

    /** The node's own (kernel) address on the outside segment, the source of its path monitoring pings. */
    static String monitorAddress(int index) {
        return "198.18.20." + (index + 2);
    }
}

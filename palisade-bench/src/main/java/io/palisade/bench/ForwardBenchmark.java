package io.palisade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.common.UserError;
import io.palisade.lab.netns.JavaCommand;
import io.palisade.lab.netns.NamespaceHttp;
import io.palisade.lab.netns.NetnsLab;
import io.palisade.lab.netns.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bench forward}: the same three-namespace topology forwards iperf3 TCP (one stream) and 64-byte UDP frames
 * at full rate, once through a Palisade virtual wire (AF_PACKET rings, session engine, one node process) and once
 * through the Linux kernel (a bridge with nftables and connection tracking, one stateful accept rule).
 *
 * <pre>
 *  cl 198.18.10.10 eth0 ── e1 [fw: Palisade virtual wire | kernel bridge + nftables ct] e2 ── eth0 sv 198.18.10.20
 * </pre>
 *
 * Offloads are off on every veth for both runs (the firewall must see wire-sized frames, and the kernel run then
 * does the same work per packet). Each run is preceded by a short warm-up (JIT, ARP, conntrack).
 */
public final class ForwardBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "198.18.10.10";
    private static final String SERVER = "198.18.10.20";
    /** UDP payload for 64-byte frames: 14 Ethernet + 20 IPv4 + 8 UDP + 18 = 60, plus the 4-byte FCS on a wire. */
    private static final int UDP_PAYLOAD = 18;

    private final double seconds;
    private final int workers;
    private final String prefix =
            "pal-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    private final Path directory;

    private ForwardBenchmark(double seconds, int workers, Path directory) {
        this.seconds = seconds;
        this.workers = workers;
        this.directory = directory;
    }

    /** One variant's figures. */
    record Figures(double tcpGbps, double udpKpps, double udpSentKpps, double firewallCpuSeconds, String notes) {}

    /** Runs both variants and returns the TCP and UDP results with the ratio Palisade / kernel. */
    public static List<BenchResult> run(double seconds, int workers) {
        NetnsLab.unavailableReason().ifPresent(r -> {
            throw new UserError("bench forward: " + r);
        });
        for (String tool : List.of("iperf3", "nft")) {
            if (!Shell.has(tool)) {
                throw new UserError("bench forward needs the '" + tool + "' command");
            }
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("palisade-bench-forward-");
        } catch (IOException e) {
            throw new UserError("bench forward: " + e.getMessage());
        }
        ForwardBenchmark b =
                new ForwardBenchmark(seconds, Integer.getInteger("palisade.bench.forward.workers", workers), dir);
        Thread cleanup = new Thread(b::deleteNamespaces, "bench-forward-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            b.topology();
            Process server = Shell.spawn(dir.resolve("iperf3-server.log"), Shell.nsCommand(b.ns("sv"), "iperf3", "-s"));
            try {
                Figures palisade = b.palisade();
                Figures kernel = b.kernel();
                return results(palisade, kernel, seconds, b.workers);
            } finally {
                server.destroy();
            }
        } finally {
            b.deleteNamespaces();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private String ns(String shortName) {
        return prefix + shortName;
    }

    private void topology() {
        for (String n : List.of("cl", "fw", "sv")) {
            Shell.run("ip", "netns", "add", ns(n));
            Shell.run("ip", "-n", ns(n), "link", "set", "lo", "up");
            Shell.inNs(ns(n), "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
        }
        Shell.run(
                "ip", "-n", ns("cl"), "link", "add", "name", "eth0", "type", "veth", "peer", "name", "e1", "netns",
                ns("fw"));
        Shell.run(
                "ip", "-n", ns("sv"), "link", "add", "name", "eth0", "type", "veth", "peer", "name", "e2", "netns",
                ns("fw"));
        Shell.run("ip", "-n", ns("cl"), "addr", "add", CLIENT + "/24", "dev", "eth0");
        Shell.run("ip", "-n", ns("sv"), "addr", "add", SERVER + "/24", "dev", "eth0");
        for (String[] link : new String[][] {{"cl", "eth0"}, {"sv", "eth0"}, {"fw", "e1"}, {"fw", "e2"}}) {
            Shell.run("ip", "-n", ns(link[0]), "link", "set", link[1], "up");
            Shell.inNs(ns(link[0]), "ethtool", "-K", link[1], "tx", "off", "gro", "off", "gso", "off", "tso", "off");
        }
    }

    private Figures palisade() {
        Path config = directory.resolve("fw.yaml");
        try {
            Files.writeString(config, vwireConfig(workers));
        } catch (IOException e) {
            throw new UserError("bench forward: " + e.getMessage());
        }
        Path log = directory.resolve("fw.log");
        Process node = Shell.spawn(
                log,
                JavaCommand.node(
                        ns("fw"),
                        0,
                        "512m",
                        "--config",
                        config.toString(),
                        "--state",
                        directory.resolve("state").toString()));
        try {
            awaitLine(log, "running; management", node);
            Figures f = measure(node.pid(), "Palisade virtual wire, " + workers + " worker(s), AF_PACKET TPACKET_V3");
            return new Figures(
                    f.tcpGbps(), f.udpKpps(), f.udpSentKpps(), f.firewallCpuSeconds(), f.notes() + "; " + counters());
        } finally {
            node.destroy();
            try {
                node.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Figures kernel() {
        Shell.run("ip", "-n", ns("fw"), "link", "add", "name", "br0", "type", "bridge");
        Shell.run("ip", "-n", ns("fw"), "link", "set", "e1", "master", "br0");
        Shell.run("ip", "-n", ns("fw"), "link", "set", "e2", "master", "br0");
        Shell.run("ip", "-n", ns("fw"), "link", "set", "br0", "up");
        // Bridged IPv4 reaches the inet hooks through br_netfilter, with connection tracking.
        Path rules = directory.resolve("kernel.nft");
        try {
            Files.writeString(rules, """
                    table inet palisade_bench {
                      chain forward_filter {
                        type filter hook forward priority 0; policy drop;
                        ct state established,related accept
                        ct state new accept
                      }
                    }
                    """);
        } catch (IOException e) {
            throw new UserError("bench forward: " + e.getMessage());
        }
        Shell.inNs(ns("fw"), "nft", "-f", rules.toString());
        Figures f = measure(0, "Linux bridge + nftables (inet forward hook via br_netfilter, ct state accept)");
        String conntrack = Shell.tryRun(5000, "ip", "netns", "exec", ns("fw"), "conntrack", "-C")
                .stdout()
                .strip();
        return new Figures(
                f.tcpGbps(),
                f.udpKpps(),
                f.udpSentKpps(),
                f.firewallCpuSeconds(),
                f.notes() + "; conntrack entries at the end: " + (conntrack.isEmpty() ? "unknown" : conntrack));
    }

    /** The node's packet counters over both runs: where frames went (received, sent, handed over, lost). */
    private String counters() {
        List<String> wanted = List.of(
                "pkt_recv",
                "pkt_sent",
                "flow_handoff",
                "flow_handoff_full",
                "pkt_tx_failed",
                "pkt_too_big",
                "pkt_rx_ring_drop",
                "flow_fastpath",
                "session_installed");
        StringBuilder s = new StringBuilder("node counters:");
        try {
            for (JsonNode c :
                    NamespaceHttp.get(ns("fw"), "http://127.0.0.1:9460", "bench-key-0001", "/api/v1/counters")) {
                if (wanted.contains(c.path("name").asText())) {
                    s.append(' ')
                            .append(c.path("name").asText())
                            .append('=')
                            .append(c.path("value").asLong());
                }
            }
        } catch (RuntimeException e) {
            s.append(" unavailable (").append(e.getMessage()).append(')');
        }
        return s.toString();
    }

    /** Warm-up, TCP, then UDP; {@code pid} is the firewall process whose CPU time is read (0: the kernel). */
    private Figures measure(long pid, String notes) {
        iperf("-t", "2"); // warm-up: JIT, ARP, sessions
        JsonNode tcp = iperf("-t", fmt(seconds));
        double tcpGbps =
                tcp.path("end").path("sum_received").path("bits_per_second").asDouble() / 1e9;
        double cpuBefore = cpuSeconds(pid);
        JsonNode udp = iperf("-u", "-b", "0", "-l", String.valueOf(UDP_PAYLOAD), "-t", fmt(seconds));
        double cpu = cpuSeconds(pid) - cpuBefore;
        JsonNode sum = udp.path("end").path("sum");
        double secs = Math.max(1e-9, sum.path("seconds").asDouble(seconds));
        long packets = sum.path("packets").asLong();
        long lost = Math.max(0, sum.path("lost_packets").asLong());
        double receivedKpps = (packets - lost) / secs / 1000;
        double sentKpps = packets / secs / 1000;
        return new Figures(tcpGbps, receivedKpps, sentKpps, cpu, notes);
    }

    private JsonNode iperf(String... args) {
        List<String> argv = new java.util.ArrayList<>(Shell.nsCommand(ns("cl"), "iperf3", "-c", SERVER, "-J"));
        argv.addAll(List.of(args));
        Shell.Result r = Shell.tryRun((long) (seconds * 1000) + 20_000, argv.toArray(String[]::new));
        try {
            JsonNode json = JSON.readTree(r.stdout());
            if (!r.ok() || json.has("error")) {
                throw new UserError("bench forward: iperf3 " + String.join(" ", args) + ": "
                        + json.path("error").asText(r.describe()));
            }
            return json;
        } catch (IOException e) {
            throw new UserError("bench forward: iperf3 printed no JSON: " + r.describe());
        }
    }

    /** User plus system CPU seconds of a process and its threads, from /proc (0 when not applicable). */
    private static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void awaitLine(Path log, String text, Process p) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && Files.readString(log).contains(text)) {
                    return;
                }
            } catch (IOException e) {
                // not written yet
            }
            if (!p.isAlive()) {
                throw new UserError("bench forward: the Palisade node exited; see " + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            }
        }
        throw new UserError("bench forward: the Palisade node did not start within 60 s; see " + log);
    }

    static String vwireConfig(int workers) {
        return """
                device:
                  hostname: fw-bench
                  workers: %d
                  management: {listen: 127.0.0.1:9460, api-key: bench-key-0001}
                session:
                  capacity: 65536
                interfaces:
                  - {name: ethernet1/1, backing: {type: af-packet, link: e1}, mode: virtual-wire}
                  - {name: ethernet1/2, backing: {type: af-packet, link: e2}, mode: virtual-wire}
                virtual-wires:
                  - {name: vw, interfaces: [ethernet1/1, ethernet1/2]}
                zones:
                  - {name: inside, interfaces: [ethernet1/1]}
                  - {name: outside, interfaces: [ethernet1/2]}
                security-rules:
                  - {name: allow-out, from: [inside], to: [outside], service: [any], action: allow}
                """.formatted(workers);
    }

    private static List<BenchResult> results(Figures p, Figures k, double seconds, int workers) {
        BenchResult tcp = BenchResult.of("forward-tcp", round(p.tcpGbps()), "Gbit/s")
                .with("palisadeGbps", round(p.tcpGbps()))
                .with("kernelGbps", round(k.tcpGbps()))
                .with("ratio", round(p.tcpGbps() / k.tcpGbps()))
                .with("flows", 1)
                .with("durationSeconds", seconds)
                .with("workers", workers)
                .with("palisade", p.notes())
                .with("kernel", k.notes());
        BenchResult udp = BenchResult.of("forward-udp64", round(p.udpKpps()), "kpps")
                .with("palisadeKpps", round(p.udpKpps()))
                .with("kernelKpps", round(k.udpKpps()))
                .with("ratio", round(p.udpKpps() / k.udpKpps()))
                .with("offeredKppsPalisadeRun", round(p.udpSentKpps()))
                .with("offeredKppsKernelRun", round(k.udpSentKpps()))
                .with("frameBytes", 64)
                .with("durationSeconds", seconds)
                .with("workers", workers)
                .with("palisadeCpuSecondsDuringUdp", round(p.firewallCpuSeconds()));
        if (p.tcpGbps() < k.tcpGbps() || p.udpKpps() < k.udpKpps()) {
            String where = "every frame crosses user space (a copy from the receive ring into the worker's batch, a"
                    + " copy into the sendmmsg batch, the kernel's copy into a new skb) where the kernel bridge"
                    + " forwards the same skb in the sender's softirq; frames lost at full receive rings"
                    + " (pkt_rx_ring_drop) are TCP losses; one TCP flow is owned by one worker; the firewall,"
                    + " the iperf3 sender and receiver share "
                    + Runtime.getRuntime().availableProcessors()
                    + " cores (Palisade used " + round(p.firewallCpuSeconds()) + " CPU seconds in the "
                    + seconds + " s UDP run)";
            tcp.with("whereTheTimeGoes", where);
            udp.with("whereTheTimeGoes", where);
        }
        return List.of(tcp, udp);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", Math.max(1, v));
    }

    private void deleteNamespaces() {
        for (String n : List.of("cl", "fw", "sv")) {
            Shell.tryRun(10_000, "ip", "netns", "del", ns(n));
        }
    }
}

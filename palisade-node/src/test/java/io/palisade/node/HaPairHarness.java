package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.FreePorts;
import io.palisade.ha.election.HaState;
import io.palisade.ha.monitor.ScriptedPathProbe;
import io.palisade.ha.tls.HaKeygen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Two {@link Node}s of an active/passive pair in one JVM, over real loopback sockets: HA1 (TLS 1.3, pinned
 * certificates) on 127.0.0.1, HA1 backup on 127.0.0.2, HA2 over UDP on 127.0.0.1, all on free ports chosen per
 * harness. Keys come from {@link HaKeygen}; each node has its own state directory. Data interfaces are memory ports
 * (a virtual wire trust ↔ untrust) so a test injects frames and reads what the node forwards. Timers are short
 * ({@code advanced} profile), so HA events happen within a second or two.
 *
 * <p>The configuration is generated from {@code examples/ap-pair/fw-a.yaml} / {@code fw-b.yaml} as a template:
 * same zones, wire and rules, with the ports, keys, backings and timers a test needs.
 */
final class HaPairHarness implements AutoCloseable {
    static final String A = "fw-a";
    static final String B = "fw-b";
    static final String TRUST = "ethernet1/1";
    static final String UNTRUST = "ethernet1/2";
    /** The destination path monitoring pings (through a scripted probe: nothing leaves the JVM). */
    static final String PATH_DESTINATION = "192.0.2.1";

    /**
     * What one node's configuration says, with the defaults of a preferred node A (priority 50) and a standby B
     * (priority 100), both preemptive.
     *
     * @param backings each interface's backing (YAML flow mapping), by interface name
     * @param peerCertificate whose certificate this node pins as its peer's (normally the peer's)
     */
    record Settings(
            String hostname,
            int priority,
            boolean preemptive,
            Map<String, String> backings,
            int flapMax,
            int preemptionHoldMs,
            int holdDownMs,
            boolean ha1Backup,
            boolean heartbeatBackup,
            boolean linkMonitoring,
            boolean pathMonitoring,
            String passiveLinkState,
            int workers,
            String peerCertificate,
            String extraRules,
            boolean layer3Nat) {

        Settings withPriority(int value) {
            return new Settings(
                    hostname,
                    value,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withPreemptive(boolean value) {
            return new Settings(
                    hostname,
                    priority,
                    value,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withBackings(Map<String, String> value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    value,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withFlapMax(int value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    value,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withPreemptionHoldMs(int value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    value,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withHa1Backup(boolean value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    value,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withHeartbeatBackup(boolean value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    value,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withLinkMonitoring(boolean value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    value,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withPathMonitoring(boolean value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    value,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withPassiveLinkState(String value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    value,
                    workers,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withWorkers(int value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    value,
                    peerCertificate,
                    extraRules,
                    layer3Nat);
        }

        Settings withPeerCertificate(String value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    value,
                    extraRules,
                    layer3Nat);
        }

        Settings withExtraRules(String value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    value,
                    layer3Nat);
        }

        Settings withLayer3Nat(boolean value) {
            return new Settings(
                    hostname,
                    priority,
                    preemptive,
                    backings,
                    flapMax,
                    preemptionHoldMs,
                    holdDownMs,
                    ha1Backup,
                    heartbeatBackup,
                    linkMonitoring,
                    pathMonitoring,
                    passiveLinkState,
                    workers,
                    peerCertificate,
                    extraRules,
                    value);
        }

        String peer() {
            return hostname.equals(A) ? B : A;
        }
    }

    /** The local ports of one node: HA1 on 127.0.0.1, HA1 backup on 127.0.0.2, HA2 (UDP) on 127.0.0.1. */
    private record Endpoints(int ha1, int ha1Backup, int ha2) {}

    private final Path root;
    private final Path keys;
    private final Map<String, Endpoints> endpoints = new HashMap<>();
    private final List<HaTestNode> started = new ArrayList<>();
    final LogCapture log;

    HaPairHarness(Path root) {
        this.root = root;
        this.keys = root.resolve("keys");
        for (String name : List.of(A, B, "intruder")) {
            HaKeygen.generate(keys, name, false);
        }
        endpoints.putAll(freePorts());
        this.log = LogCapture.attach();
    }

    static Settings defaults(String hostname) {
        Map<String, String> memory = Map.of(TRUST, "{type: memory}", UNTRUST, "{type: memory}");
        return new Settings(
                hostname,
                hostname.equals(A) ? 50 : 100,
                true,
                memory,
                3,
                1000,
                500,
                true,
                true,
                true,
                false,
                "auto",
                1,
                hostname.equals(A) ? B : A,
                "",
                false);
    }

    /** The folder with every generated key pair ({@code <name>.key}, {@code <name>.crt}). */
    Path keys() {
        return keys;
    }

    Settings a() {
        return defaults(A);
    }

    Settings b() {
        return defaults(B);
    }

    /** Writes the node's configuration (into its own folder) and starts it. */
    HaTestNode start(Settings s) {
        Path dir = root.resolve(s.hostname());
        Path config = dir.resolve(s.hostname() + ".yaml");
        Path state = dir.resolve("state");
        try {
            Files.createDirectories(dir);
            Files.writeString(config, yaml(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Path probes are always scripted: a test never sends real ICMP.
        BreakablePathProbe probe = new BreakablePathProbe(new ScriptedPathProbe(1_000_000L));
        Node node = Node.start(
                config,
                Node.Options.standard()
                        .withStateDirectory(state)
                        .withLogging(false, false)
                        .withPathProbes(g -> probe));
        HaTestNode n = new HaTestNode(s, config, state, node, probe);
        started.add(n);
        return n;
    }

    /** Starts A, then B, and waits until A is active and B passive with a complete bulk sync. */
    HaTestNode[] startPair(Settings a, Settings b) {
        HaTestNode na = start(a);
        HaTestNode nb = start(b);
        Poll.until(
                "A active and B passive with a complete bulk sync",
                () -> na.is(HaState.ACTIVE) && nb.is(HaState.PASSIVE) && nb.bulkSyncComplete(),
                context(na, nb));
        // The pair formed in one step each: no detour through non-functional, no moment with B active.
        assertThat(na.history()).as(na.describe()).hasSize(1);
        assertThat(nb.history()).as(nb.describe()).hasSize(1);
        return new HaTestNode[] {na, nb};
    }

    HaTestNode[] startPair() {
        return startPair(a(), b());
    }

    String describe(HaTestNode... nodes) {
        StringBuilder sb = new StringBuilder();
        for (HaTestNode n : nodes) {
            sb.append("  ").append(n.describe()).append('\n');
        }
        return sb.toString();
    }

    /** For failure messages: each node's state and history, and the last HA log lines of both nodes. */
    Supplier<String> context(HaTestNode... nodes) {
        return () -> {
            List<String> lines = log.matching("HA Group");
            return describe(nodes) + "  last HA log lines:\n    "
                    + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        };
    }

    /** Interfaces, zones, NAT and security rules: a virtual wire, or two layer-3 interfaces with source NAT. */
    private static String network(Settings s) {
        String template = s.layer3Nat() ? """
                interfaces:
                  - name: ethernet1/1
                    backing: %s
                    mode: layer3
                    addresses: [198.18.10.1/24]
                  - name: ethernet1/2
                    backing: %s
                    mode: layer3
                    addresses: [198.18.20.1/24]

                zones:
                  - {name: trust, interfaces: [ethernet1/1]}
                  - {name: untrust, interfaces: [ethernet1/2]}

                addresses:
                  - {name: inside-net, ip-netmask: 198.18.10.0/24}

                nat-rules:
                  - name: hide-inside
                    from: [trust]
                    to: [untrust]
                    source: [inside-net]
                    source-translation:
                      type: dynamic-ip-and-port
                      interface: ethernet1/2

                security-rules:
                  - name: allow-outbound
                    from: [trust]
                    to: [untrust]
                    service: [any]
                    action: allow
                %s""" : """
                interfaces:
                  - name: ethernet1/1
                    backing: %s
                    mode: virtual-wire
                  - name: ethernet1/2
                    backing: %s
                    mode: virtual-wire

                virtual-wires:
                  - name: vw1
                    interfaces: [ethernet1/1, ethernet1/2]

                zones:
                  - {name: trust, interfaces: [ethernet1/1]}
                  - {name: untrust, interfaces: [ethernet1/2]}

                security-rules:
                  - name: allow-outbound
                    from: [trust]
                    to: [untrust]
                    service: [any]
                    action: allow
                %s""";
        return template.formatted(s.backings().get(TRUST), s.backings().get(UNTRUST), s.extraRules());
    }

    /** The configuration file text of a node with these settings. */
    String yaml(Settings s) {
        Endpoints local = endpoints.get(s.hostname());
        Endpoints peer = endpoints.get(s.peer());
        String cert = keys.resolve(s.hostname() + ".crt").toString();
        String key = keys.resolve(s.hostname() + ".key").toString();
        String peerCert = keys.resolve(s.peerCertificate() + ".crt").toString();
        String backup = s.ha1Backup() ? """
                  ha1-backup:
                    local: 127.0.0.2:%d
                    peer: 127.0.0.2:%d
                """.formatted(local.ha1Backup(), peer.ha1Backup()) : "";
        String linkMonitoring = s.linkMonitoring() ? """
                  link-monitoring:
                    failure-condition: any
                    groups:
                      - name: wire-links
                        failure-condition: any
                        interfaces: [ethernet1/1, ethernet1/2]
                """ : "";
        if (s.pathMonitoring()) {
            linkMonitoring += """
                  path-monitoring:
                    failure-condition: any
                    groups:
                      - name: upstream
                        type: virtual-wire
                        target: vw1
                        source-ip: 192.0.2.254
                        destinations: [%s]
                        ping-interval-ms: 200
                        ping-count: 3
                """.formatted(PATH_DESTINATION);
        }
        return """
                # Generated by HaPairHarness from examples/ap-pair/%s.yaml.
                device:
                  hostname: %s
                  workers: %d
                  management:
                    listen: 127.0.0.1:0
                    api-key: test-key-%s-0001

                %s
                session:
                  tcp-reject-non-syn: true

                high-availability:
                  enabled: true
                  group-id: 1
                  mode: active-passive
                  election:
                    device-priority: %d
                    preemptive: %s
                    peer-negotiation-timeout-ms: 1000
                    timers:
                      profile: advanced
                      promotion-hold-time-ms: 50
                      hello-interval-ms: 1000
                      heartbeat-interval-ms: 100
                      heartbeat-miss-threshold: 3
                      flap-max: %d
                      preemption-hold-time-ms: %d
                      monitor-fail-hold-up-time-ms: 0
                      additional-master-hold-up-time-ms: 100
                  ha1:
                    local: 127.0.0.1:%d
                    peer: 127.0.0.1:%d
                %s  ha1-encryption:
                    certificate: "%s"
                    key: "%s"
                    peer-certificate: "%s"
                  heartbeat-backup: %s
                  ha2:
                    local: 127.0.0.1:%d
                    peer: 127.0.0.1:%d
                  state-synchronization:
                    transport: udp
                    ha2-keep-alive: {enabled: true, action: log-only, threshold-ms: 5000}
                %s  active-passive:
                    passive-link-state: %s
                    monitor-fail-hold-down-time-ms: %d
                """.formatted(
                        s.hostname(),
                        s.hostname(),
                        s.workers(),
                        s.hostname(),
                        network(s),
                        s.priority(),
                        s.preemptive(),
                        s.flapMax(),
                        s.preemptionHoldMs(),
                        local.ha1(),
                        peer.ha1(),
                        backup,
                        cert,
                        key,
                        peerCert,
                        s.heartbeatBackup(),
                        local.ha2(),
                        peer.ha2(),
                        linkMonitoring,
                        s.passiveLinkState(),
                        s.holdDownMs());
    }

    /** Free ports for both nodes (see {@link FreePorts} for why not {@code bind(0)}). */
    private static Map<String, Endpoints> freePorts() {
        Map<String, Endpoints> out = new HashMap<>();
        for (String name : List.of(A, B)) {
            out.put(
                    name,
                    new Endpoints(FreePorts.tcp("127.0.0.1"), FreePorts.tcp("127.0.0.2"), FreePorts.udp("127.0.0.1")));
        }
        return out;
    }

    /**
     * Samples both nodes every few milliseconds in a background thread and counts the samples where both
     * forward traffic or both say they are active. Closing it stops the sampling.
     */
    static final class DualActiveWatch implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger samples = new AtomicInteger();
        private final AtomicInteger bothForwarding = new AtomicInteger();
        private final AtomicInteger bothActive = new AtomicInteger();
        private final List<String> evidence = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;

        DualActiveWatch(HaTestNode a, HaTestNode b) {
            thread = Thread.ofPlatform().daemon().name("dual-active-watch").start(() -> {
                while (running.get()) {
                    sample(a, b);
                    Poll.sleep(2);
                }
            });
        }

        /**
         * Reads A, then B, then A again, and counts only when all three reads agree: the two nodes' views are
         * published by two threads, so a single read of each could pair a fresh value of one node with a stale
         * value of the other and report an overlap that never existed. A active at both reads around B's read means
         * A was active while B was read (a node does not leave and re-enter active within microseconds).
         */
        private void sample(HaTestNode a, HaTestNode b) {
            boolean fa1 = a.forwarding();
            HaState sa1 = a.closed() ? null : a.state();
            boolean fb = b.forwarding();
            HaState sb = b.closed() ? null : b.state();
            boolean fa2 = a.forwarding();
            HaState sa2 = a.closed() ? null : a.state();
            samples.incrementAndGet();
            if (fa1 && fb && fa2) {
                bothForwarding.incrementAndGet();
                evidence.add("both forwarding: " + sa1 + "/" + sb);
            }
            if (active(sa1) && active(sb) && active(sa2)) {
                bothActive.incrementAndGet();
                evidence.add("both active: " + a.reason() + " / " + b.reason());
            }
        }

        private static boolean active(HaState s) {
            return s != null && s.isActive();
        }

        int samples() {
            return samples.get();
        }

        int bothForwarding() {
            return bothForwarding.get();
        }

        int bothActive() {
            return bothActive.get();
        }

        List<String> evidence() {
            return evidence;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        log.close();
    }
}

package io.palisade.bench;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.engine.FlowCounter;
import io.palisade.dataplane.engine.ForwardingMode;
import io.palisade.dataplane.engine.ForwardingSwitch;
import io.palisade.dataplane.engine.FragmentTable;
import io.palisade.dataplane.engine.NeighborTable;
import io.palisade.dataplane.engine.RuntimeConfig;
import io.palisade.dataplane.engine.SessionEngine;
import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.TrafficLogSink;
import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.policy.CompiledPolicy;
import io.palisade.dataplane.policy.SyntheticPolicy;
import io.palisade.dataplane.replay.Replay;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Session-engine benchmarks on one worker (one thread, no ports: frames are handed to the engine from memory,
 * so the figures are the engine's own cost per packet, not I/O). Each runs a warm-up, then measures for a fixed
 * time or count, and reports what it did.
 */
public final class EngineBenchmarks {
    private static final int FAST_FRAME = 64;
    private static final int BATCH = 32;
    /** Keeps the prefetch loads from being optimised away. */
    static volatile long PREFETCH_SINK;

    private EngineBenchmarks() {}

    private static SessionEngine engine(PalisadeConfig config, int capacity, NeighborTable neighbors) {
        CompiledPolicy policy = CompiledPolicy.compile(config);
        RuntimeConfig rc = new RuntimeConfig(
                1, config, policy, new long[policy.interfaces().interfaceCount()], 1, false);
        SessionEngine.Wiring w = new SessionEngine.Wiring(
                0,
                1,
                capacity,
                new ForwardingSwitch(ForwardingMode.FORWARD),
                neighbors,
                SessionEventSink.NONE,
                TrafficLogSink.NONE,
                (id, f, len) -> true,
                (i, t) -> false,
                System.nanoTime(),
                System.currentTimeMillis());
        return new SessionEngine(w, rc, new FragmentTable());
    }

    /**
     * Established flows on the fast path: {@code flows} UDP flows through a virtual wire, 64-byte frames, visited
     * in a scattered order so the session table is read as under real traffic.
     */
    public static BenchResult fastpath(int flows, double seconds) {
        try (Arena arena = Arena.ofShared()) {
            // Frames are laid out in the order they are processed, as a receive ring delivers them; the flows
            // they belong to are interleaved by a stride, so session records and index slots are read in a
            // scattered order, as under real traffic.
            int stride = coprimeStride(flows);
            MemorySegment frames = arena.allocate((long) flows * FAST_FRAME, 64);
            MemorySegment[] views = new MemorySegment[flows];
            int flow = 0;
            for (int k = 0; k < flows; k++) {
                int src = 0xC6120000 | (flow >>> 8 & 0xff) << 8 | (flow & 0xff);
                int dst = 0xC6130000 | (flow >>> 16 & 0xff);
                SyntheticFrames.udp(frames, (long) k * FAST_FRAME, FAST_FRAME, src, dst, 10000 + (flow & 0x3fff), 53);
                views[k] = frames.asSlice((long) k * FAST_FRAME, FAST_FRAME);
                flow += stride;
                if (flow >= flows) {
                    flow -= flows;
                }
            }
            SessionEngine e = engine(Replay.builtInConfig(), flows + flows / 4, new NeighborTable());
            int ingress = e.runtimeConfig().policy().interfaceId("ethernet1/1");
            long now = System.nanoTime();
            e.beginBatch(now);
            // Install in flow order (not the processing order), so record numbers do not follow the frames.
            int[] positionOfFlow = new int[flows];
            flow = 0;
            for (int k = 0; k < flows; k++) {
                positionOfFlow[flow] = k;
                flow += stride;
                if (flow >= flows) {
                    flow -= flows;
                }
            }
            for (int f = 0; f < flows; f++) {
                e.process(views[positionOfFlow[f]], FAST_FRAME, 0, ingress, LinkType.ETHERNET, true, now);
            }
            long installed = e.counters().get(FlowCounter.SESSION_INSTALLED);
            run(e, views, ingress, Math.max(0.5, seconds / 3));
            long before = e.counters().get(FlowCounter.FLOW_FASTPATH);
            long start = System.nanoTime();
            long packets = run(e, views, ingress, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long fast = e.counters().get(FlowCounter.FLOW_FASTPATH) - before;
            e.close();
            double mpps = packets / elapsed / 1e6;
            return BenchResult.of("fastpath", round(mpps), "Mpps per worker")
                    .with("threads", 1)
                    .with("flows", flows)
                    .with("sessionsInstalled", installed)
                    .with("frameBytes", FAST_FRAME)
                    .with("packets", packets)
                    .with("fastPathPackets", fast)
                    .with("durationS", round(elapsed))
                    .with("warmupS", round(Math.max(0.5, seconds / 3)))
                    .with("loadAverage", loadAverage())
                    .with(
                            "measures",
                            "parse (incl. IP and UDP checksums) + session lookup + state, counters and"
                                    + " forward decision; virtual wire; frames read in ring order from memory, flows"
                                    + " interleaved (no port I/O); batches of 32 through the Worker's batch path"
                                    + " (SessionEngine.prefetch warms the batch in stages, then process per frame)")
                    .with("target", "10 Mpps per worker at 100k flows");
        }
    }

    private static long run(SessionEngine e, MemorySegment[] views, int ingress, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long packets = 0;
        int n = views.length;
        int[] lengths = new int[n];
        java.util.Arrays.fill(lengths, FAST_FRAME);
        int i = 0;
        long now = System.nanoTime();
        long sink = 0;
        while (true) {
            // Batches of 32 as a worker receives them, the way Worker does: warm the batch (staged), then process.
            for (int k = 0; k < 4096; k += BATCH) {
                sink += e.prefetch(views, lengths, i, Math.min(BATCH, n - i), ingress);
                for (int b = 0; b < BATCH; b++) {
                    e.process(views[i], FAST_FRAME, 0, ingress, LinkType.ETHERNET, true, now);
                    if (++i == n) {
                        i = 0;
                    }
                }
            }
            PREFETCH_SINK = sink;
            packets += 4096;
            now = System.nanoTime();
            e.beginBatch(now);
            if (now > deadline) {
                return packets;
            }
        }
    }

    /** The 1-minute load average: the machine is shared, so figures are read next to it. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int coprimeStride(int n) {
        int s = (int) (n * 0.618) | 1;
        while (gcd(s, n) != 1) {
            s += 2;
        }
        return s;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * New sessions per second: TCP SYNs of distinct flows through the slow path with a {@code rules}-rule policy
     * and source NAT (dynamic-ip-and-port), each installed as a session with a translated port.
     */
    public static BenchResult setup(int rules, int sessions) {
        PalisadeConfig config = SyntheticPolicy.config(rules);
        NeighborTable neighbors = new NeighborTable();
        try (Arena arena = Arena.ofShared()) {
            int warm = Math.min(sessions / 4, 200_000);
            int total = sessions + warm;
            MemorySegment frames = arena.allocate((long) total * 60, 64);
            int dst = 0xC6120109; // 198.18.1.9, routed to untrust
            for (int i = 0; i < total; i++) {
                int rule = (int) ((i * 2_654_435_761L) % rules);
                int host = 1 + i / rules % 254;
                int src = 10 << 24 | (rule >>> 8 & 0xff) << 16 | (rule & 0xff) << 8 | host;
                int sport = 1024 + i / (rules * 254) % 60000;
                SyntheticFrames.tcpSyn(frames, (long) i * 60, src, dst, sport, SyntheticPolicy.destinationPortOf(rule));
            }
            SessionEngine e = engine(config, total + total / 4, neighbors);
            var policy = e.runtimeConfig().policy();
            neighbors.learn(
                    policy.interfaceId("ethernet1/2"),
                    0xC61200FE,
                    SyntheticFrames.SERVER_MAC,
                    System.nanoTime(),
                    Long.MAX_VALUE);
            int ingress = policy.interfaceId("ethernet1/1");
            long now = System.nanoTime();
            e.beginBatch(now);
            for (int i = 0; i < warm; i++) {
                e.process(frames.asSlice((long) i * 60, 60), 60, 0, ingress, LinkType.ETHERNET, true, now);
            }
            long installedBefore = e.counters().get(FlowCounter.SESSION_INSTALLED);
            long start = System.nanoTime();
            for (int i = warm; i < total; i++) {
                if ((i & 4095) == 0) {
                    now = System.nanoTime();
                }
                e.process(frames.asSlice((long) i * 60, 60), 60, 0, ingress, LinkType.ETHERNET, true, now);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long installed = e.counters().get(FlowCounter.SESSION_INSTALLED) - installedBefore;
            long natExhausted = e.counters().get(FlowCounter.NAT_PORT_EXHAUSTED);
            long forwarded =
                    e.counters().get(FlowCounter.PKT_RECV) - e.counters().get(FlowCounter.ARP_UNRESOLVED_DROP);
            var stats = policy.stats();
            e.close();
            return BenchResult.of("setup", round(installed / elapsed / 1e6), "million new sessions/s per worker")
                    .with("threads", 1)
                    .with("rules", rules)
                    .with("natRules", 1)
                    .with("natPoolAddresses", SyntheticPolicy.POOL_SIZE)
                    .with("attempted", sessions)
                    .with("installed", installed)
                    .with("natExhausted", natExhausted)
                    .with("packetsSeen", forwarded)
                    .with("durationS", round(elapsed))
                    .with("warmupSessions", warm)
                    .with("policyBytes", stats.securityBytes() + stats.natBytes())
                    .with("loadAverage", loadAverage())
                    .with(
                            "measures",
                            "TCP SYN of a new flow: parse, route, NAT match, security match, NAT port"
                                    + " allocation, session install (both keys), first-packet rewrite and L3 output")
                    .with("target", "1 million/s per worker at 1,000 rules");
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

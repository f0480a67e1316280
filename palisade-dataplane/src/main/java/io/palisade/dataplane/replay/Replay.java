package io.palisade.dataplane.replay;

import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.VirtualWireConfig;
import io.palisade.dataplane.capture.CaptureFormatException;
import io.palisade.dataplane.capture.CaptureReader;
import io.palisade.dataplane.capture.PcapWriter;
import io.palisade.dataplane.capture.TimestampPrecision;
import io.palisade.dataplane.engine.ForwardingMode;
import io.palisade.dataplane.engine.ForwardingSwitch;
import io.palisade.dataplane.engine.FragmentTable;
import io.palisade.dataplane.engine.NeighborTable;
import io.palisade.dataplane.engine.RuntimeConfig;
import io.palisade.dataplane.engine.SessionEngine;
import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.TrafficLogSink;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketParser;
import io.palisade.dataplane.packet.ParseStatus;
import io.palisade.dataplane.policy.CompiledPolicy;
import io.palisade.dataplane.session.SessionTable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a capture through one session engine on a virtual wire: every packet is forwarded, dropped with a
 * named reason, or skipped for an unsupported link type. A packet enters on the side of the wire its flow's
 * first packet came from when it is from that flow's first sender, on the other side otherwise (so replies
 * arrive from the server side). Capture timestamps drive the engine's clock, so timeouts apply as recorded.
 */
public final class Replay {
    /** The configuration used without {@code --config}: a virtual wire that allows everything. */
    public static final String BUILT_IN = """
            device: {hostname: replay, management: {api-key: replay-not-served}}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: virtual-wire}
              - {name: ethernet1/2, backing: {type: memory}, mode: virtual-wire}
            virtual-wires: [{name: replay-wire, interfaces: [ethernet1/1, ethernet1/2]}]
            zones:
              - {name: side-a, interfaces: [ethernet1/1]}
              - {name: side-b, interfaces: [ethernet1/2]}
            security-rules:
              - {name: allow-all, from: any, to: any, application: any, service: any, action: allow, log-end: false}
            """;

    /** What to replay. */
    public record Options(Path input, PalisadeConfig config, Path output, boolean acceptMidstream) {}

    /**
     * The outcome. {@code error} is set when the capture ended with a format problem (counts are those before it).
     */
    public record Result(
            long packets,
            long forwarded,
            long dropped,
            long unsupported,
            Map<String, Long> sessions,
            Map<String, Long> drops,
            int linkType,
            long elapsedMs,
            String error) {}

    private Replay() {}

    public static PalisadeConfig builtInConfig() {
        return ConfigLoader.parse(BUILT_IN, "built-in replay policy").orThrow();
    }

    public static Result run(Options o) throws IOException {
        long started = System.nanoTime();
        PalisadeConfig config = o.config() != null ? o.config() : builtInConfig();
        VirtualWireConfig wire = config.virtualWires().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("replay needs a virtual wire in the configuration"));
        CompiledPolicy policy = CompiledPolicy.compile(config);
        int sideA = policy.interfaceId(wire.interfaces().get(0));
        int sideB = policy.interfaceId(wire.interfaces().get(1));
        RuntimeConfig rc = new RuntimeConfig(
                1, config, policy, new long[policy.interfaces().interfaceCount()], 1, o.acceptMidstream());
        SessionCounter sessions = new SessionCounter();
        try (CaptureReader reader = CaptureReader.open(o.input());
                Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(CaptureReader.MAX_FRAME, 64);
            Tally tally = new Tally();
            SessionEngine engine = null;
            PcapWriter writer = null;
            FlowSides sides = new FlowSides();
            long lastTs = Long.MIN_VALUE;
            String error = null;
            try {
                while (reader.next()) {
                    if (tally.linkType < 0) {
                        tally.linkType = reader.linkType();
                    }
                    tally.packets++;
                    if (!LinkType.isSupported(reader.linkType())) {
                        tally.unsupported++;
                        continue;
                    }
                    long ts = Math.max(lastTs, reader.timestampNs());
                    lastTs = ts;
                    if (engine == null) {
                        engine = engine(rc, sessions, ts);
                    }
                    int len = reader.capturedLength();
                    MemorySegment.copy(reader.frame(), 0, buffer, 0, len);
                    int ingress = sides.sideOf(buffer, len, reader.linkType()) ? sideA : sideB;
                    engine.beginBatch(ts);
                    int verdict = engine.process(buffer, len, 0, ingress, reader.linkType(), true, ts);
                    if (verdict == SessionEngine.FORWARD) {
                        tally.forwarded++;
                        if (o.output() != null) {
                            writer = writer != null
                                    ? writer
                                    : PcapWriter.create(o.output(), reader.linkType(), TimestampPrecision.NANOSECONDS);
                            if (reader.linkType() == tally.linkType) {
                                writer.write(buffer, len, len, ts);
                            }
                        }
                    } else {
                        tally.drop(
                                engine.lastDrop() == null
                                        ? "consumed_by_firewall"
                                        : engine.lastDrop().counterName());
                    }
                }
            } catch (CaptureFormatException e) {
                error = e.getMessage();
            } finally {
                if (writer != null) {
                    writer.close();
                }
                if (engine != null) {
                    engine.close();
                }
            }
            return new Result(
                    tally.packets,
                    tally.forwarded,
                    tally.dropped,
                    tally.unsupported,
                    sessions.byProtocol(),
                    tally.drops,
                    tally.linkType,
                    (System.nanoTime() - started) / 1_000_000,
                    error);
        }
    }

    private static SessionEngine engine(RuntimeConfig rc, SessionCounter sessions, long startNs) {
        SessionEngine.Wiring wiring = new SessionEngine.Wiring(
                0,
                1,
                1 << 20,
                new ForwardingSwitch(ForwardingMode.FORWARD),
                new NeighborTable(),
                sessions,
                TrafficLogSink.NONE,
                (id, f, len) -> true,
                (w, t) -> false,
                startNs,
                System.currentTimeMillis());
        return new SessionEngine(wiring, rc, new FragmentTable());
    }

    /** Running totals of a replay. */
    private static final class Tally {
        long packets;
        long forwarded;
        long dropped;
        long unsupported;
        int linkType = -1;
        final Map<String, Long> drops = new TreeMap<>();

        void drop(String reason) {
            dropped++;
            drops.merge(reason, 1L, Long::sum);
        }
    }

    /** Counts sessions created during the replay by protocol (ICMPv6 counts as icmp). */
    private static final class SessionCounter implements SessionEventSink {
        long tcp;
        long udp;
        long icmp;
        long other;

        @Override
        public void onInsert(int worker, SessionTable table, int record, long nowNs) {
            switch (table.protocol(record)) {
                case IpProtocol.TCP -> tcp++;
                case IpProtocol.UDP -> udp++;
                case IpProtocol.ICMP, IpProtocol.ICMPV6 -> icmp++;
                default -> other++;
            }
        }

        @Override
        public void onUpdate(int worker, SessionTable table, int record, long nowNs) {}

        @Override
        public void onDelete(int worker, SessionTable table, int record, long nowNs) {}

        Map<String, Long> byProtocol() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("tcp", tcp);
            m.put("udp", udp);
            m.put("icmp", icmp);
            m.put("other", other);
            return m;
        }
    }

    /**
     * Which side of the wire a packet enters: side A for a flow's first sender, side B for the other end. Keyed
     * by the unordered address/port pair; frames that do not parse as IP enter on side A.
     */
    private static final class FlowSides {
        private final PacketMeta meta = new PacketMeta();
        private final Map<FlowKey, Endpoint> firstSender = new HashMap<>();

        private record Endpoint(long hi, long lo, int port) {}

        private record FlowKey(Endpoint a, Endpoint b, int protocol) {}

        boolean sideOf(MemorySegment frame, int length, int linkType) {
            if (PacketParser.parse(frame, length, linkType, meta) != ParseStatus.OK) {
                return true;
            }
            Endpoint src = new Endpoint(meta.srcAddrHi(), meta.srcAddrLo(), meta.srcPort());
            Endpoint dst = new Endpoint(meta.dstAddrHi(), meta.dstAddrLo(), meta.dstPort());
            if (meta.isIcmpError()) {
                // An error belongs to the flow it quotes and travels towards that flow's sender.
                Endpoint quotedSrc = new Endpoint(meta.innerSrcAddrHi(), meta.innerSrcAddrLo(), meta.innerSrcPort());
                Endpoint quotedDst = new Endpoint(meta.innerDstAddrHi(), meta.innerDstAddrLo(), meta.innerDstPort());
                Endpoint first = firstSender.get(key(quotedSrc, quotedDst, meta.innerProtocol()));
                return first != null && !first.equals(quotedSrc);
            }
            Endpoint first = firstSender.computeIfAbsent(key(src, dst, meta.protocol()), k -> src);
            return first.equals(src);
        }

        private static FlowKey key(Endpoint x, Endpoint y, int protocol) {
            boolean ordered = Long.compareUnsigned(x.hi, y.hi) < 0
                    || x.hi == y.hi && (Long.compareUnsigned(x.lo, y.lo) < 0 || x.lo == y.lo && x.port <= y.port);
            return ordered ? new FlowKey(x, y, protocol) : new FlowKey(y, x, protocol);
        }
    }
}

package io.palisade.dataplane.engine;

import io.palisade.config.model.FloodAction;
import io.palisade.config.model.ScanAction;
import io.palisade.config.model.ZoneProtectionProfile;

/**
 * One zone's protection profile compiled for a worker: flood thresholds divided by the number of workers
 * (each worker sees its share of new sessions, the flow hash spreads them evenly), scan settings, and the
 * packet-based checks as booleans.
 */
public record ZoneProtectionPlan(
        Flood[] flood,
        Scan tcpPortScan,
        Scan udpPortScan,
        Scan hostSweep,
        boolean spoofedIpDiscard,
        boolean malformedIpOptionDiscard,
        boolean unknownIpOptionDiscard,
        boolean tcpSynWithDataDiscard,
        boolean ipFragmentDiscard,
        boolean overlappingFragmentDiscard) {

    /** Flood classes, indexes into {@link #flood}. */
    public static final int SYN = 0;

    public static final int UDP = 1;
    public static final int ICMP = 2;
    public static final int ICMPV6 = 3;
    public static final int OTHER = 4;

    /** Per-worker flood thresholds of one class (new sessions per second). */
    public record Flood(boolean enabled, FloodAction action, int alarmRate, int activateRate, int maximumRate) {}

    /** Scan detection settings. */
    public record Scan(boolean enabled, ScanAction action, long intervalNs, int threshold, long blockNs) {}

    /** No protection: what a zone without a profile gets. */
    public static final ZoneProtectionPlan NONE = new ZoneProtectionPlan(
            new Flood[] {off(), off(), off(), off(), off()},
            new Scan(false, ScanAction.ALLOW, 1, Integer.MAX_VALUE, 0),
            new Scan(false, ScanAction.ALLOW, 1, Integer.MAX_VALUE, 0),
            new Scan(false, ScanAction.ALLOW, 1, Integer.MAX_VALUE, 0),
            false,
            false,
            false,
            false,
            false,
            false);

    private static Flood off() {
        return new Flood(false, FloodAction.RANDOM_EARLY_DROP, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Compiles a profile for one of {@code workers} workers. */
    public static ZoneProtectionPlan compile(ZoneProtectionProfile p, int workers) {
        var f = p.flood();
        var r = p.reconnaissance();
        var pb = p.packetBased();
        return new ZoneProtectionPlan(
                new Flood[] {
                    flood(f.syn(), workers),
                    flood(f.udp(), workers),
                    flood(f.icmp(), workers),
                    flood(f.icmpv6(), workers),
                    flood(f.otherIp(), workers)
                },
                scan(
                        r.tcpPortScan().enabled(),
                        r.tcpPortScan().action(),
                        r.tcpPortScan().intervalS(),
                        r.tcpPortScan().threshold(),
                        r.tcpPortScan().blockDurationS()),
                scan(
                        r.udpPortScan().enabled(),
                        r.udpPortScan().action(),
                        r.udpPortScan().intervalS(),
                        r.udpPortScan().threshold(),
                        r.udpPortScan().blockDurationS()),
                scan(
                        r.hostSweep().enabled(),
                        r.hostSweep().action(),
                        r.hostSweep().intervalS(),
                        r.hostSweep().threshold(),
                        r.hostSweep().blockDurationS()),
                pb.spoofedIpDiscard(),
                pb.malformedIpOptionDiscard(),
                pb.unknownIpOptionDiscard(),
                pb.tcpSynWithDataDiscard(),
                pb.ipFragmentDiscard(),
                pb.overlappingFragmentDiscard());
    }

    private static Flood flood(ZoneProtectionProfile.FloodThresholds t, int workers) {
        return new Flood(
                t.enabled(),
                t.action(),
                share(t.alarmRate(), workers),
                share(t.activateRate(), workers),
                share(t.maximumRate(), workers));
    }

    private static int share(int rate, int workers) {
        return Math.max(1, (rate + workers - 1) / workers);
    }

    private static Scan scan(boolean enabled, ScanAction action, int intervalS, int threshold, int blockS) {
        return new Scan(enabled, action, intervalS * 1_000_000_000L, threshold, blockS * 1_000_000_000L);
    }

    public boolean anyScan() {
        return tcpPortScan.enabled() || udpPortScan.enabled() || hostSweep.enabled();
    }
}

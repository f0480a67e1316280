package io.palisade.dataplane.engine;

import io.palisade.config.model.ScanAction;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.TcpFlags;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zone protection on the ingress zone, one worker's share: packet-based checks on every packet, flood
 * thresholds and reconnaissance detection on new sessions. Reads the packet meta and the zone's
 * {@link ZoneProtectionPlan}; returns the counter of the drop, or null to let the packet on.
 */
final class ZoneGuard {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");
    private static final int TRACKED_SOURCES = 4096;

    private final SessionEngine e;
    private final SplittableRandom random;
    private final boolean[] alarm = new boolean[1];
    private final ScanTracker tcpScans = new ScanTracker(TRACKED_SOURCES);
    private final ScanTracker udpScans = new ScanTracker(TRACKED_SOURCES);
    private final ScanTracker sweeps = new ScanTracker(TRACKED_SOURCES);
    private final ScanTracker blockedIps = new ScanTracker(TRACKED_SOURCES);
    private FloodMeter[][] meters = new FloodMeter[0][];
    private ZoneProtectionPlan[] plans = new ZoneProtectionPlan[0];

    ZoneGuard(SessionEngine engine, long seed) {
        this.e = engine;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
    }

    void adopt(RuntimeConfig rc) {
        plans = rc.zonePlans;
        if (meters.length != plans.length) {
            meters = new FloodMeter[plans.length][];
            for (int z = 0; z < plans.length; z++) {
                meters[z] = new FloodMeter[] {
                    new FloodMeter(), new FloodMeter(), new FloodMeter(), new FloodMeter(), new FloodMeter()
                };
            }
        }
    }

    /** Packet-based checks and blocked sources, for every packet arriving in the zone. */
    FlowCounter checkPacket(int zone, int ingress, long nowNs) {
        ZoneProtectionPlan plan = plans[zone];
        if (plan == ZoneProtectionPlan.NONE) {
            return null;
        }
        PacketMeta m = e.meta;
        if (plan.anyScan() && blockedIps.isBlocked(zone, m.srcAddrHi(), m.srcAddrLo(), nowNs)) {
            return FlowCounter.SCAN_BLOCK_DROP;
        }
        if (plan.malformedIpOptionDiscard() && m.hasMalformedIpOption()) {
            return FlowCounter.IP_OPTION_MALFORMED_DROP;
        }
        if (plan.unknownIpOptionDiscard() && m.hasUnknownIpOption()) {
            return FlowCounter.IP_OPTION_UNKNOWN_DROP;
        }
        if (plan.ipFragmentDiscard() && m.isFragment()) {
            return FlowCounter.FRAGMENT_DROP;
        }
        if (plan.tcpSynWithDataDiscard()
                && m.protocol() == IpProtocol.TCP
                && (m.tcpFlags() & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN
                && m.payloadLength() > 0) {
            return FlowCounter.SYN_WITH_DATA_DROP;
        }
        if (plan.spoofedIpDiscard()
                && e.rc.layer3[ingress]
                && e.rc.policy.routes().isSpoofed(ingress, m.ipVersion(), m.srcAddrHi(), m.srcAddrLo())) {
            return FlowCounter.SPOOFED_IP_DROP;
        }
        return null;
    }

    /** Checks on a non-first fragment: discard-all and overlap with fragments already seen. */
    FlowCounter checkFragment(int zone, FragmentTable.Entry entry, long nowNs) {
        ZoneProtectionPlan plan = plans[zone];
        PacketMeta m = e.meta;
        if (plan.ipFragmentDiscard()) {
            return FlowCounter.FRAGMENT_DROP;
        }
        long start = m.fragmentOffset();
        long end = start + (m.l3End() - m.l4Offset());
        if (entry.addRange(start, end) && plan.overlappingFragmentDiscard()) {
            return FlowCounter.OVERLAPPING_FRAGMENT_DROP;
        }
        return null;
    }

    /** Flood and reconnaissance checks for a packet that would open a session. */
    FlowCounter checkNewSession(int zone, long nowNs) {
        ZoneProtectionPlan plan = plans[zone];
        if (plan == ZoneProtectionPlan.NONE) {
            return null;
        }
        PacketMeta m = e.meta;
        int cls = floodClass(m.protocol());
        ZoneProtectionPlan.Flood flood = plan.flood()[cls];
        if (flood.enabled()) {
            alarm[0] = false;
            int verdict = meters[zone][cls].onNewSession(flood, nowNs, random, alarm);
            if (alarm[0]) {
                e.counters.increment(FlowCounter.FLOOD_ALARM);
                LOG.warn(
                        "Zone {}: {} flood above the alarm rate ({} new sessions per second per worker)",
                        e.rc.zoneName(zone),
                        className(cls),
                        flood.alarmRate());
            }
            if (verdict == FloodMeter.MAX_DROP) {
                return FlowCounter.FLOOD_MAX_DROP;
            }
            if (verdict == FloodMeter.RED_DROP) {
                return FlowCounter.FLOOD_RED_DROP;
            }
        }
        if (!plan.anyScan()) {
            return null;
        }
        FlowCounter scan = null;
        if (m.protocol() == IpProtocol.TCP) {
            scan = scan(tcpScans, plan.tcpPortScan(), zone, m.dstPort(), "TCP port scan", nowNs);
        } else if (m.protocol() == IpProtocol.UDP) {
            scan = scan(udpScans, plan.udpPortScan(), zone, m.dstPort(), "UDP port scan", nowNs);
        }
        if (scan == null) {
            int host = (int) (m.dstAddrLo() ^ m.dstAddrLo() >>> 32 ^ m.dstAddrHi() ^ m.dstAddrHi() >>> 32);
            scan = scan(sweeps, plan.hostSweep(), zone, host, "host sweep", nowNs);
        }
        return scan;
    }

    private FlowCounter scan(
            ScanTracker tracker, ZoneProtectionPlan.Scan plan, int zone, int target, String what, long nowNs) {
        if (!plan.enabled()) {
            return null;
        }
        PacketMeta m = e.meta;
        int verdict = tracker.observe(zone, m.srcAddrHi(), m.srcAddrLo(), target, plan, nowNs);
        if (verdict == ScanTracker.BLOCKED) {
            return FlowCounter.SCAN_BLOCK_DROP;
        }
        if (verdict != ScanTracker.DETECTED) {
            return null;
        }
        e.counters.increment(FlowCounter.SCAN_DETECTED);
        LOG.warn(
                "Zone {}: {} detected from {} (over {} in {} s), action {}",
                e.rc.zoneName(zone),
                what,
                Addresses.format(m.ipVersion(), m.srcAddrHi(), m.srcAddrLo()),
                plan.threshold(),
                plan.intervalNs() / 1_000_000_000L,
                plan.action().name().toLowerCase(java.util.Locale.ROOT));
        if (plan.action() == ScanAction.BLOCK) {
            tracker.block(zone, m.srcAddrHi(), m.srcAddrLo(), plan.intervalNs(), nowNs);
            return FlowCounter.SCAN_BLOCK_DROP;
        }
        if (plan.action() == ScanAction.BLOCK_IP) {
            blockedIps.observe(zone, m.srcAddrHi(), m.srcAddrLo(), 0, plan, nowNs);
            blockedIps.block(zone, m.srcAddrHi(), m.srcAddrLo(), plan.blockNs(), nowNs);
            return FlowCounter.SCAN_BLOCK_DROP;
        }
        return null;
    }

    private static int floodClass(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> ZoneProtectionPlan.SYN;
            case IpProtocol.UDP -> ZoneProtectionPlan.UDP;
            case IpProtocol.ICMP -> ZoneProtectionPlan.ICMP;
            case IpProtocol.ICMPV6 -> ZoneProtectionPlan.ICMPV6;
            default -> ZoneProtectionPlan.OTHER;
        };
    }

    private static String className(int cls) {
        return switch (cls) {
            case ZoneProtectionPlan.SYN -> "SYN";
            case ZoneProtectionPlan.UDP -> "UDP";
            case ZoneProtectionPlan.ICMP -> "ICMP";
            case ZoneProtectionPlan.ICMPV6 -> "ICMPv6";
            default -> "other IP";
        };
    }
}

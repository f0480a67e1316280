package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;

/**
 * Ingress protection applied to packets arriving in a zone: flood thresholds, reconnaissance detection and
 * packet-based checks. Rates are packets (or new sessions) per second, as in PAN-OS.
 *
 * @param name profile name referenced by zones
 * @param flood flood protection per traffic class
 * @param reconnaissance port-scan and host-sweep detection
 * @param packetBased packet-based attack checks
 */
public record ZoneProtectionProfile(
        @Required String name, Flood flood, Reconnaissance reconnaissance, PacketBased packetBased) {

    /** Flood thresholds per class of new sessions. */
    public record Flood(
            FloodThresholds syn,
            FloodThresholds udp,
            FloodThresholds icmp,
            FloodThresholds icmpv6,
            FloodThresholds otherIp) {}

    /**
     * Flood thresholds (PAN-OS defaults 10000 / 10000 / 40000 per second).
     *
     * @param enabled apply the thresholds
     * @param action SYN only: random early drop or SYN cookies above the activate rate
     * @param alarmRate rate that raises an alarm
     * @param activateRate rate from which random early drop starts
     * @param maximumRate rate above which everything is dropped
     */
    public record FloodThresholds(
            @Default("false") boolean enabled,
            @Default("random-early-drop") FloodAction action,
            @Default("10000") int alarmRate,
            @Default("10000") int activateRate,
            @Default("40000") int maximumRate) {}

    /** Reconnaissance protection. */
    public record Reconnaissance(PortScan tcpPortScan, PortScan udpPortScan, HostSweep hostSweep) {}

    /**
     * Port-scan detection: more than {@code threshold} distinct destination ports from one source within
     * {@code intervalS}.
     */
    public record PortScan(
            @Default("false") boolean enabled,
            @Default("alert") ScanAction action,
            @Default("2") int intervalS,
            @Default("100") int threshold,
            @Default("3600") int blockDurationS) {}

    /** Host-sweep detection: more than {@code threshold} distinct destinations from one source. */
    public record HostSweep(
            @Default("false") boolean enabled,
            @Default("alert") ScanAction action,
            @Default("10") int intervalS,
            @Default("100") int threshold,
            @Default("3600") int blockDurationS) {}

    /**
     * Packet-based attack protection.
     *
     * @param spoofedIpDiscard drop packets whose source would not be routed back out the ingress interface
     * @param malformedIpOptionDiscard drop packets with malformed IP options
     * @param unknownIpOptionDiscard drop packets with IP options of unknown type
     * @param tcpSynWithDataDiscard drop SYN packets carrying payload
     * @param ipFragmentDiscard drop every IP fragment
     * @param overlappingFragmentDiscard drop fragments that overlap an earlier fragment of the same datagram
     */
    public record PacketBased(
            @Default("false") boolean spoofedIpDiscard,
            @Default("true") boolean malformedIpOptionDiscard,
            @Default("false") boolean unknownIpOptionDiscard,
            @Default("true") boolean tcpSynWithDataDiscard,
            @Default("false") boolean ipFragmentDiscard,
            @Default("true") boolean overlappingFragmentDiscard) {}
}

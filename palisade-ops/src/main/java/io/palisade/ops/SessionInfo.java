package io.palisade.ops;

import java.util.Map;

/**
 * {@code show session info}.
 *
 * @param supported sessions the node can hold
 * @param allocated sessions in use
 * @param activeTcp live TCP sessions
 * @param activeUdp live UDP sessions
 * @param activeIcmp live ICMP/ICMPv6 sessions
 * @param activeOther other protocols
 * @param createdSinceBoot sessions installed since start
 * @param packetRate packets per second (recent)
 * @param throughputKbps kilobits per second (recent)
 * @param newConnectionRate new sessions per second (recent)
 * @param timeoutsS configured timeouts by PAN-OS name
 * @param tcpRejectNonSyn the setting
 */
public record SessionInfo(
        long supported,
        long allocated,
        long activeTcp,
        long activeUdp,
        long activeIcmp,
        long activeOther,
        long createdSinceBoot,
        long packetRate,
        long throughputKbps,
        long newConnectionRate,
        Map<String, Integer> timeoutsS,
        boolean tcpRejectNonSyn) {}

package io.palisade.ops;

import java.util.List;

/**
 * The HA picture as {@code show high-availability all} prints it.
 *
 * @param enabled HA configured
 * @param groupId HA group
 * @param mode {@code Active-Passive} or {@code Active-Active}
 * @param local this node
 * @param peers the peers (one in a pair); empty when none was ever heard
 * @param linkMonitoring link monitoring configuration and status
 * @param pathMonitoring path monitoring configuration and status
 * @param configSyncEnabled config sync on
 * @param runningConfigSync {@code synchronized} or {@code not synchronized}
 */
public record HaStatus(
        boolean enabled,
        int groupId,
        String mode,
        LocalHa local,
        List<PeerHa> peers,
        LinkMonitoringStatus linkMonitoring,
        PathMonitoringStatus pathMonitoring,
        boolean configSyncEnabled,
        String runningConfigSync) {

    /**
     * This node.
     *
     * @param state PAN-OS state name ({@code active}, {@code passive}, ...)
     * @param stateReason why it is in that state
     * @param stateSinceEpochMs when it entered the state
     * @param priority device priority
     * @param preemptive preemption enabled
     * @param deviceId active/active device id, or null
     * @param timers effective HA timers
     * @param passiveLinkState {@code shutdown} or {@code auto}
     * @param links HA1, HA1 backup, HA2, HA2 backup, heartbeat backup, HA3
     * @param softwareVersion Palisade version
     * @param serial device serial
     * @param hostname device hostname
     * @param managementAddress management listener
     * @param stateSync {@code Complete} or {@code Incomplete}
     * @param stateSyncType {@code udp} or {@code ethernet}
     * @param forwarding whether this node forwards traffic now ({@code forward}, {@code discard},
     *     {@code send-to-peer})
     */
    public record LocalHa(
            String state,
            String stateReason,
            long stateSinceEpochMs,
            int priority,
            boolean preemptive,
            Integer deviceId,
            HaTimersView timers,
            String passiveLinkState,
            List<HaLink> links,
            String softwareVersion,
            String serial,
            String hostname,
            String managementAddress,
            String stateSync,
            String stateSyncType,
            String forwarding) {}

    /**
     * A peer as heard on HA1.
     *
     * @param connectionStatus {@code up} or {@code down}
     * @param state its state
     * @param stateReason its reason
     * @param priority its priority
     * @param preemptive its preemption setting
     * @param deviceId its device id, or null
     * @param softwareVersion its version
     * @param serial its serial
     * @param ha1Address its HA1 address
     * @param lastHeardMsAgo milliseconds since anything was heard from it
     * @param compatibility check name to {@code Match}/{@code Mismatch}
     * @param runningConfigDigest its shared config digest
     */
    public record PeerHa(
            String connectionStatus,
            String state,
            String stateReason,
            int priority,
            boolean preemptive,
            Integer deviceId,
            String softwareVersion,
            String serial,
            String ha1Address,
            long lastHeardMsAgo,
            java.util.Map<String, String> compatibility,
            String runningConfigDigest) {}

    /**
     * One HA link.
     *
     * @param name {@code ha1}, {@code ha1-backup}, {@code ha2}, {@code ha2-backup}, {@code heartbeat-backup},
     *     {@code ha3}
     * @param localAddress this end
     * @param peerAddress the other end
     * @param status {@code up}, {@code down} or {@code disabled}
     * @param detail e.g. {@code TLS 1.3}, {@code cleartext}, {@code udp}, {@code ethernet}
     */
    public record HaLink(String name, String localAddress, String peerAddress, String status, String detail) {}

    /** Effective HA timers, all in milliseconds except the flap count. */
    public record HaTimersView(
            String profile,
            long promotionHoldMs,
            long helloIntervalMs,
            long heartbeatIntervalMs,
            int heartbeatMissThreshold,
            int flapMax,
            long preemptionHoldMs,
            long monitorFailHoldUpMs,
            long additionalMasterHoldUpMs,
            long monitorFailHoldDownMs) {}
}

package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Key;
import io.palisade.config.bind.NullWhenAbsent;
import io.palisade.config.bind.Required;
import java.net.InetAddress;
import java.util.List;

/**
 * The high-availability block. HA-local: it never synchronises to the peer. Ranges and defaults follow PAN-OS
 * (see {@code docs/design/config.md}); Palisade extensions are marked there.
 *
 * @param enabled take part in an HA group
 * @param groupId HA group id 1..63, also in the virtual MAC
 * @param description free text
 * @param mode active-passive or active-active
 * @param deviceId active/active and clusters: 0 or 1
 * @param election priority, preemption and timers
 * @param ha1 primary control link
 * @param ha1Backup backup control link on other addresses
 * @param ha1Encryption TLS for HA1 (mutual, pinned certificates)
 * @param heartbeatBackup also send heartbeats over HA2
 * @param ha2 primary data link (session sync)
 * @param ha2Backup backup data link
 * @param stateSynchronization HA2 session sync settings
 * @param ha3 active/active packet-forwarding link
 * @param configSync synchronise committed configuration to the peer
 * @param linkMonitoring link monitoring groups
 * @param pathMonitoring path monitoring groups
 * @param activePassive active/passive settings
 * @param activeActive active/active settings (only in active-active mode)
 * @param cluster HA clustering (HA4), or absent
 */
public record HaConfig(
        @Default("false") boolean enabled,
        @Default("1") int groupId,
        String description,
        @Default("active-passive") HaMode mode,
        Integer deviceId,
        Election election,
        @NullWhenAbsent Ha1Link ha1,
        @NullWhenAbsent Ha1Link ha1Backup,
        Ha1Encryption ha1Encryption,
        @Default("false") boolean heartbeatBackup,
        @NullWhenAbsent DataLink ha2,
        @NullWhenAbsent DataLink ha2Backup,
        StateSynchronization stateSynchronization,
        @NullWhenAbsent DataLink ha3,
        @Default("true") boolean configSync,
        LinkMonitoring linkMonitoring,
        PathMonitoring pathMonitoring,
        ActivePassive activePassive,
        @NullWhenAbsent ActiveActive activeActive,
        @NullWhenAbsent Cluster cluster) {

    /** This block with another HA1 encryption block (a node resolves key paths against its config folder). */
    public HaConfig withHa1Encryption(Ha1Encryption encryption) {
        return new HaConfig(
                enabled,
                groupId,
                description,
                mode,
                deviceId,
                election,
                ha1,
                ha1Backup,
                encryption,
                heartbeatBackup,
                ha2,
                ha2Backup,
                stateSynchronization,
                ha3,
                configSync,
                linkMonitoring,
                pathMonitoring,
                activePassive,
                activeActive,
                cluster);
    }

    /**
     * Election settings.
     *
     * @param devicePriority 0..255, lower wins
     * @param preemptive preempt when this node has the better priority (both peers must enable it)
     * @param timers HA timers
     * @param peerNegotiationTimeoutMs how long the initial state waits for a peer before going active alone
     */
    public record Election(
            @Default("100") int devicePriority,
            @Default("false") boolean preemptive,
            HaTimers timers,
            @Default("60000") int peerNegotiationTimeoutMs) {}

    /**
     * An HA1 control link: this node listens on {@code local} and connects to {@code peer}.
     *
     * @param local listen address
     * @param peer the peer's HA1 address (pinned: connections from elsewhere are refused)
     * @param monitorHoldTimeMs how long the link may be down before it counts as lost
     */
    public record Ha1Link(
            @Required HostPort local,
            @Required HostPort peer,
            @Default("3000") int monitorHoldTimeMs) {}

    /**
     * HA1 encryption: TLS 1.3 with mutual authentication; each node pins its peer's certificate. Cleartext only
     * when {@code enabled: false} is written explicitly.
     *
     * @param enabled use TLS
     * @param certificate this node's PEM certificate ({@code ./palisade ha keygen} writes one)
     * @param key this node's PEM private key
     * @param peerCertificate the peer's PEM certificate, the only one accepted
     */
    public record Ha1Encryption(
            @Default("true") boolean enabled, String certificate, String key, String peerCertificate) {}

    /**
     * An HA2 or HA3 data link. UDP transport uses {@code local}/{@code peer}; Ethernet uses {@code link} and
     * {@code peer-mac}.
     *
     * @param local UDP address to receive on
     * @param peer UDP address of the peer
     * @param link Linux interface for raw Ethernet frames
     * @param peerMac the peer's MAC on that link (broadcast when absent)
     */
    public record DataLink(HostPort local, HostPort peer, String link, String peerMac) {}

    /**
     * HA2 session synchronisation.
     *
     * @param enabled synchronise sessions
     * @param transport udp or ethernet (EtherType 0x7261)
     * @param ha2KeepAlive HA2 keep-alive monitoring
     */
    public record StateSynchronization(
            @Default("true") boolean enabled,
            @Default("udp") Ha2Transport transport,
            Ha2KeepAlive ha2KeepAlive) {}

    /**
     * HA2 keep-alive.
     *
     * @param enabled send and monitor keep-alives
     * @param action log-only (any mode) or split-datapath (active/active)
     * @param thresholdMs 5000..60000
     */
    public record Ha2KeepAlive(
            @Default("false") boolean enabled,
            @Default("log-only") Ha2KeepAliveAction action,
            @Default("10000") int thresholdMs) {}

    /** Link monitoring: the node fails when the global condition over its enabled groups holds. */
    public record LinkMonitoring(
            @Default("true") boolean enabled,
            @Default("any") FailureCondition failureCondition,
            List<LinkGroup> groups) {
        public LinkMonitoring {
            groups = Lists.copy(groups);
        }
    }

    /** A link group: fails when any or all of its interfaces are down. */
    public record LinkGroup(
            @Required String name,
            @Default("true") boolean enabled,
            @Default("any") FailureCondition failureCondition,
            @Required List<String> interfaces) {
        public LinkGroup {
            interfaces = Lists.copy(interfaces);
        }
    }

    /** Path monitoring: the node fails when the global condition over its enabled groups holds. */
    public record PathMonitoring(
            @Default("true") boolean enabled,
            @Default("any") FailureCondition failureCondition,
            List<PathGroup> groups) {
        public PathMonitoring {
            groups = Lists.copy(groups);
        }
    }

    /**
     * A path-monitoring destination group: ICMP echo to each destination; a destination fails after
     * {@code ping-count} consecutive lost echoes sent every {@code ping-interval-ms}.
     *
     * @param name group name
     * @param type virtual-router, virtual-wire or vlan
     * @param target the virtual router or virtual wire the group belongs to
     * @param enabled monitor this group
     * @param failureCondition any or all destinations
     * @param sourceIp source address of the echoes (required for virtual-wire groups)
     * @param destinations addresses to ping
     * @param pingIntervalMs 200..60000
     * @param pingCount 3..10
     */
    public record PathGroup(
            @Required String name,
            @Default("virtual-router") PathGroupType type,
            @Default("default") String target,
            @Default("true") boolean enabled,
            @Default("any") FailureCondition failureCondition,
            InetAddress sourceIp,
            @Required List<InetAddress> destinations,
            @Default("200") int pingIntervalMs,
            @Default("10") int pingCount) {
        public PathGroup {
            destinations = Lists.copy(destinations);
        }
    }

    /**
     * Active/passive settings.
     *
     * @param passiveLinkState shutdown or auto
     * @param monitorFailHoldDownTimeMin minutes a node stays non-functional after a monitor failure, 1..60
     * @param monitorFailHoldDownTimeMs Palisade extension (advanced profile): the same in milliseconds
     */
    public record ActivePassive(
            @Default("shutdown") PassiveLinkState passiveLinkState,
            @Default("1") int monitorFailHoldDownTimeMin,
            Integer monitorFailHoldDownTimeMs) {}

    /**
     * Active/active settings.
     *
     * @param tentativeHoldTimeS seconds in tentative state before active-secondary, 10..600
     * @param sessionOwnerSelection first-packet or primary-device
     * @param sessionSetup first-packet, ip-modulo, ip-hash or primary-device
     * @param ipHashKey source or source-and-destination (ip-hash only)
     * @param virtualAddresses floating and ARP load-sharing addresses
     */
    public record ActiveActive(
            @Default("60") int tentativeHoldTimeS,
            @Default("first-packet") SessionOwnerSelection sessionOwnerSelection,
            @Default("ip-modulo") SessionSetup sessionSetup,
            @Default("source") IpHashKey ipHashKey,
            List<VirtualAddress> virtualAddresses) {
        public ActiveActive {
            virtualAddresses = Lists.copy(virtualAddresses);
        }
    }

    /**
     * An active/active virtual address.
     *
     * @param interfaceName interface that carries it (key {@code interface})
     * @param address address with prefix length
     * @param type floating or arp-load-sharing
     * @param device0Priority floating: priority of device 0 for owning it (lower wins)
     * @param device1Priority floating: priority of device 1
     * @param bindToActivePrimary floating: always owned by the active-primary device
     * @param failoverIfLinkDown floating: move it when the owner's interface link is down
     * @param deviceSelection arp-load-sharing: ip-modulo or ip-hash over the ARP sender address
     */
    public record VirtualAddress(
            @Key("interface") @Required String interfaceName,
            @Required IpPrefix address,
            @Default("floating") VirtualAddressType type,
            @Key("device-0-priority") @Default("100") int device0Priority,
            @Key("device-1-priority") @Default("100") int device1Priority,
            @Default("false") boolean bindToActivePrimary,
            @Default("false") boolean failoverIfLinkDown,
            @Default("ip-modulo") DeviceSelection deviceSelection) {}

    /**
     * HA clustering over HA4.
     *
     * @param clusterId 1..99
     * @param description free text
     * @param synchronizationTimeoutMin minutes to wait for a member blocking full sync, 0..30
     * @param monitorFailHoldDownTimeMin 1..60
     * @param ha4KeepAliveThresholdMs 5000..60000
     * @param ha4 this member's HA4 address
     * @param ha4Backup this member's HA4 backup address
     * @param members every member of the cluster, including this one and both nodes of any HA pair
     */
    public record Cluster(
            @Required Integer clusterId,
            String description,
            @Default("0") int synchronizationTimeoutMin,
            @Default("1") int monitorFailHoldDownTimeMin,
            @Default("10000") int ha4KeepAliveThresholdMs,
            @Required HostPort ha4,
            HostPort ha4Backup,
            @Required List<ClusterMember> members) {
        public Cluster {
            members = Lists.copy(members);
        }
    }

    /**
     * A cluster member.
     *
     * @param serial the member's device serial
     * @param ha4 its HA4 address
     * @param ha4Backup its HA4 backup address
     * @param sessionSync synchronise sessions with it
     */
    public record ClusterMember(
            @Required String serial,
            @Required HostPort ha4,
            HostPort ha4Backup,
            @Default("true") boolean sessionSync) {}
}

package io.palisade.dataplane.engine;

import io.palisade.config.model.HaMode;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.SessionSettings;
import io.palisade.config.model.ZoneProtectionProfile;
import io.palisade.dataplane.policy.CompiledPolicy;
import io.palisade.dataplane.route.InterfaceIndex;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;

/**
 * One configuration epoch compiled for the data plane: interfaces, zones, compiled policy, routes, NAT,
 * timeouts, zone protection. Immutable and shared by all workers; a commit publishes a new one and each
 * worker picks it up at the start of its next batch.
 */
public final class RuntimeConfig {
    private static final long S = 1000L;

    final long epoch;
    final PalisadeConfig config;
    final CompiledPolicy policy;
    final InterfaceIndex interfaces;
    final int interfaceCount;
    final int[] zoneOf;
    final int[] wirePeer;
    final boolean[] layer3;
    /** Source MAC used on each interface (the HA virtual MAC when HA is on, else the port's MAC). */
    final long[] interfaceMac;
    /** Own IPv4 addresses, sorted, with the interface owning each. */
    final int[] ownIpv4;

    final int[] ownIpv4Interface;
    final ZoneProtectionPlan[] zonePlans;
    final boolean anyZoneProtection;
    final boolean tcpRejectNonSyn;
    final int ownerDeviceId;
    final long tcpInitMs;
    final long tcpHandshakeMs;
    final long tcpMs;
    final long tcpHalfClosedMs;
    final long tcpTimeWaitMs;
    final long tcpUnverifiedRstMs;
    final long udpMs;
    final long icmpMs;
    final long otherMs;
    final long discardTcpMs;
    final long discardUdpMs;
    final long discardOtherMs;

    /**
     * @param epoch configuration version
     * @param config the committed configuration
     * @param policy its compiled policy
     * @param portMacs each interface's port MAC by interface id (0 when the port has none)
     * @param workers worker count (flood thresholds are shared among them)
     * @param acceptMidstream turn tcp-reject-non-syn off regardless of the configuration (replay option)
     */
    public RuntimeConfig(
            long epoch,
            PalisadeConfig config,
            CompiledPolicy policy,
            long[] portMacs,
            int workers,
            boolean acceptMidstream) {
        this.epoch = epoch;
        this.config = config;
        this.policy = policy;
        this.interfaces = policy.interfaces();
        this.interfaceCount = interfaces.interfaceCount();
        zoneOf = new int[interfaceCount];
        wirePeer = new int[interfaceCount];
        layer3 = new boolean[interfaceCount];
        interfaceMac = new long[interfaceCount];
        var ha = config.highAvailability();
        boolean virtualMacs = ha.enabled() && ha.mode() == HaMode.ACTIVE_PASSIVE;
        for (int i = 0; i < interfaceCount; i++) {
            zoneOf[i] = interfaces.zoneOf(i);
            wirePeer[i] = interfaces.virtualWirePeer(i);
            layer3[i] = interfaces.isLayer3(i);
            long portMac = i < portMacs.length ? portMacs[i] : 0;
            interfaceMac[i] = virtualMacs ? virtualMac(ha.groupId(), interfaceNumber(interfaces.name(i), i)) : portMac;
        }
        int[][] own = ownAddresses();
        ownIpv4 = own[0];
        ownIpv4Interface = own[1];
        zonePlans = new ZoneProtectionPlan[interfaces.zoneCount()];
        boolean any = false;
        for (int z = 0; z < zonePlans.length; z++) {
            zonePlans[z] = plan(config, interfaces.zoneName(z), workers);
            any |= zonePlans[z] != ZoneProtectionPlan.NONE;
        }
        anyZoneProtection = any;
        SessionSettings s = config.session();
        tcpRejectNonSyn = s.tcpRejectNonSyn() && !acceptMidstream;
        ownerDeviceId = ha.enabled() && ha.mode() == HaMode.ACTIVE_ACTIVE && ha.deviceId() != null ? ha.deviceId() : -1;
        var t = s.timeouts();
        tcpInitMs = t.tcpInit() * S;
        tcpHandshakeMs = t.tcpHandshake() * S;
        tcpMs = t.tcp() * S;
        tcpHalfClosedMs = t.tcpHalfClosed() * S;
        tcpTimeWaitMs = t.tcpTimeWait() * S;
        tcpUnverifiedRstMs = t.tcpUnverifiedRst() * S;
        udpMs = t.udp() * S;
        icmpMs = t.icmp() * S;
        otherMs = t.otherIp() * S;
        discardTcpMs = t.discardTcp() * S;
        discardUdpMs = t.discardUdp() * S;
        discardOtherMs = t.discardDefault() * S;
    }

    /** PAN-OS style virtual MAC {@code 00:1b:17:00:<group>:<interface id>}. */
    public static long virtualMac(int groupId, int interfaceNumber) {
        return 0x001b_1700_0000L | (groupId & 0xffL) << 8 | (interfaceNumber & 0xffL);
    }

    private static int interfaceNumber(String name, int fallback) {
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
            i--;
        }
        return i == name.length() ? fallback + 1 : Integer.parseInt(name.substring(i));
    }

    private int[][] ownAddresses() {
        long[] packed = new long[0];
        for (int i = 0; i < interfaceCount; i++) {
            if (!layer3[i]) {
                continue;
            }
            List<IpPrefix> addrs = interfaces.addresses(i);
            for (IpPrefix p : addrs) {
                if (p.address() instanceof Inet4Address a) {
                    int ip = java.nio.ByteBuffer.wrap(a.getAddress()).getInt();
                    packed = Arrays.copyOf(packed, packed.length + 1);
                    packed[packed.length - 1] = (long) ip << 32 | i;
                }
            }
        }
        Arrays.sort(packed);
        int[] ips = new int[packed.length];
        int[] ifs = new int[packed.length];
        for (int k = 0; k < packed.length; k++) {
            ips[k] = (int) (packed[k] >> 32);
            ifs[k] = (int) packed[k];
        }
        return new int[][] {ips, ifs};
    }

    private static ZoneProtectionPlan plan(PalisadeConfig config, String zone, int workers) {
        var zc = config.zones().stream()
                .filter(z -> z.name().equals(zone))
                .findFirst()
                .orElse(null);
        if (zc == null || zc.protectionProfile() == null) {
            return ZoneProtectionPlan.NONE;
        }
        for (ZoneProtectionProfile p : config.zoneProtectionProfiles()) {
            if (p.name().equals(zc.protectionProfile())) {
                return ZoneProtectionPlan.compile(p, workers);
            }
        }
        return ZoneProtectionPlan.NONE;
    }

    /** The interface owning IPv4 address {@code ip}, or -1 when it is not ours. */
    int ownInterface(int ip) {
        int k = Arrays.binarySearch(ownIpv4, ip);
        return k >= 0 ? ownIpv4Interface[k] : -1;
    }

    /** An own IPv4 address on {@code interfaceId}, or 0. */
    int addressOn(int interfaceId) {
        for (int k = 0; k < ownIpv4.length; k++) {
            if (ownIpv4Interface[k] == interfaceId) {
                return ownIpv4[k];
            }
        }
        return 0;
    }

    public long epoch() {
        return epoch;
    }

    public PalisadeConfig config() {
        return config;
    }

    public CompiledPolicy policy() {
        return policy;
    }

    public String interfaceName(int id) {
        return id >= 0 && id < interfaceCount ? interfaces.name(id) : "unknown";
    }

    public String zoneName(int id) {
        return id >= 0 && id < interfaces.zoneCount() ? interfaces.zoneName(id) : "unknown";
    }

    public int interfaceCount() {
        return interfaceCount;
    }

    public long interfaceMac(int id) {
        return interfaceMac[id];
    }

    public boolean isLayer3(int id) {
        return layer3[id];
    }

    /** Every own IPv4 address with its interface id, for gratuitous ARP. */
    public int[][] ownIpv4Addresses() {
        return new int[][] {ownIpv4.clone(), ownIpv4Interface.clone()};
    }
}

package io.palisade.dataplane.policy;

import io.palisade.config.model.AppPort;
import io.palisade.config.model.ApplicationDef;
import io.palisade.config.model.Applications;
import io.palisade.config.model.PortRanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The effective application table of one configuration (built-in applications plus configured ones, a configured
 * name overriding a built-in), with ids, and identification by protocol and destination port.
 *
 * <p>Ids: the effective applications in name order, then the fallbacks {@code unknown-tcp}, {@code unknown-udp} and
 * {@code unknown-ip} (other IP protocols). Without App-ID signatures an application is known by its default ports
 * only. When several applications claim a port, identification prefers a configured application, then the one whose
 * matching entry is narrowest, then the one claiming fewer ports overall, then the first by name. ICMP echo requests
 * (the engine passes the ICMP type as the destination port: 8 for ICMP, 128 for ICMPv6) identify as {@code ping}.
 */
public final class ApplicationTable {
    public static final String UNKNOWN_TCP = "unknown-tcp";
    public static final String UNKNOWN_UDP = "unknown-udp";
    public static final String UNKNOWN_IP = "unknown-ip";

    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMPV6_ECHO_REQUEST = 128;

    private final String[] names;
    private final ApplicationDef[] definitions;
    private final Map<String, Integer> ids = new HashMap<>();
    /** Per application: default ports as inclusive key intervals ({@link #key}), low and high interleaved. */
    private final int[][] portKeys;

    private final int[] identifyStarts;
    private final int[] identifyApp;
    private final int unknownTcp;
    private final int unknownUdp;
    private final int unknownIp;
    private final int ping;

    private ApplicationTable(List<ApplicationDef> configured) {
        Map<String, ApplicationDef> effective = Applications.effective(configured);
        Set<String> configuredNames = new TreeSet<>();
        configured.forEach(a -> configuredNames.add(a.name()));
        List<String> nameList = new ArrayList<>(effective.keySet());
        for (String fallback : List.of(UNKNOWN_TCP, UNKNOWN_UDP, UNKNOWN_IP)) {
            if (!effective.containsKey(fallback)) {
                nameList.add(fallback);
            }
        }
        names = nameList.toArray(String[]::new);
        definitions = new ApplicationDef[names.length];
        portKeys = new int[names.length][];
        for (int id = 0; id < names.length; id++) {
            ids.put(names[id], id);
            definitions[id] = effective.get(names[id]);
            portKeys[id] = definitions[id] == null ? new int[0] : keysOf(definitions[id].defaultPorts());
        }
        unknownTcp = ids.get(UNKNOWN_TCP);
        unknownUdp = ids.get(UNKNOWN_UDP);
        unknownIp = ids.get(UNKNOWN_IP);
        ping = ids.getOrDefault("ping", -1);
        int[][] table = buildIdentification(configuredNames);
        identifyStarts = table[0];
        identifyApp = table[1];
    }

    public static ApplicationTable of(List<ApplicationDef> configured) {
        return new ApplicationTable(configured);
    }

    /** The classifier key of a protocol and port: protocol in bits 16-23, port in bits 0-15. */
    public static int key(int protocol, int port) {
        return (protocol & 0xFF) << 16 | (port & 0xFFFF);
    }

    public int size() {
        return names.length;
    }

    /** The id of an application name, or -1. */
    public int id(String name) {
        return ids.getOrDefault(name, -1);
    }

    public String name(int appId) {
        return appId >= 0 && appId < names.length ? names[appId] : UNKNOWN_IP;
    }

    /** The definition (default ports, timeout), or null for the unknown-* fallbacks. */
    public ApplicationDef definition(int appId) {
        return appId >= 0 && appId < names.length ? definitions[appId] : null;
    }

    /** The application's session timeout in seconds once identified, or null for the protocol default. */
    public Integer timeoutS(int appId) {
        ApplicationDef d = definition(appId);
        return d == null ? null : d.timeoutS();
    }

    /** Ids of the fallbacks, for callers that need to recognise them. */
    public boolean isUnknown(int appId) {
        return appId == unknownTcp || appId == unknownUdp || appId == unknownIp;
    }

    /** The application of a new session, from its protocol and destination port (ICMP: the ICMP type). */
    public int identify(int protocol, int dstPort) {
        if (ping >= 0
                && (protocol == AppPort.ICMP && dstPort == ICMP_ECHO_REQUEST
                        || protocol == AppPort.ICMPV6 && dstPort == ICMPV6_ECHO_REQUEST)
                && onDefaultPort(ping, protocol, dstPort)) {
            return ping;
        }
        int k = key(protocol, dstPort);
        int lo = 0;
        int hi = identifyStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (identifyStarts[mid] <= k) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int app = identifyApp[lo];
        if (app >= 0) {
            return app;
        }
        return protocol == AppPort.TCP ? unknownTcp : protocol == AppPort.UDP ? unknownUdp : unknownIp;
    }

    /** Whether (protocol, port) is one of the application's default ports. Allocation-free. */
    public boolean onDefaultPort(int appId, int protocol, int dstPort) {
        if (appId < 0 || appId >= names.length) {
            return false;
        }
        int k = key(protocol, dstPort);
        int[] keys = portKeys[appId];
        for (int i = 0; i < keys.length; i += 2) {
            if (k >= keys[i] && k <= keys[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The default ports of an application as inclusive key intervals, low and high interleaved. */
    int[] defaultPortKeys(int appId) {
        return portKeys[appId];
    }

    private static int[] keysOf(List<AppPort> ports) {
        List<Integer> out = new ArrayList<>();
        for (AppPort p : ports) {
            if (p.ports() == null) {
                out.add(key(p.protocol(), 0));
                out.add(key(p.protocol(), 0xFFFF));
                continue;
            }
            for (PortRanges.Range r : p.ports().ranges()) {
                out.add(key(p.protocol(), r.first()));
                out.add(key(p.protocol(), r.last()));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Elementary key intervals, each with the preferred application claiming it (or -1). */
    private int[][] buildIdentification(Set<String> configuredNames) {
        TreeSet<Integer> bounds = new TreeSet<>();
        bounds.add(0);
        for (int[] keys : portKeys) {
            for (int i = 0; i < keys.length; i += 2) {
                bounds.add(keys[i]);
                bounds.add(keys[i + 1] + 1);
            }
        }
        List<Integer> starts = new ArrayList<>();
        List<Integer> apps = new ArrayList<>();
        for (int start : bounds) {
            int best = bestClaim(start, configuredNames);
            if (apps.isEmpty() || apps.getLast() != best) {
                starts.add(start);
                apps.add(best);
            }
        }
        return new int[][] {
            starts.stream().mapToInt(Integer::intValue).toArray(),
            apps.stream().mapToInt(Integer::intValue).toArray()
        };
    }

    private int bestClaim(int k, Set<String> configuredNames) {
        int best = -1;
        long[] bestRank = null;
        for (int id = 0; id < names.length; id++) {
            int[] keys = portKeys[id];
            for (int i = 0; i < keys.length; i += 2) {
                if (k < keys[i] || k > keys[i + 1]) {
                    continue;
                }
                long[] rank = {configuredNames.contains(names[id]) ? 0 : 1, keys[i + 1] - keys[i], claimed(keys), id};
                if (bestRank == null || Arrays.compare(rank, bestRank) < 0) {
                    best = id;
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    private static long claimed(int[] keys) {
        long total = 0;
        for (int i = 0; i < keys.length; i += 2) {
            total += keys[i + 1] - keys[i] + 1L;
        }
        return total;
    }
}

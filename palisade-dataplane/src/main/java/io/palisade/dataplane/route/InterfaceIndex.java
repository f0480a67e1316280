package io.palisade.dataplane.route;

import io.palisade.config.model.AggregateInterfaceConfig;
import io.palisade.config.model.InterfaceConfig;
import io.palisade.config.model.InterfaceMode;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.VirtualWireConfig;
import io.palisade.config.model.ZoneConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data plane's numbering of interfaces and zones for one configuration. Interface id = index in
 * {@code config.interfaces()}, then the aggregates after them; zone id = index in {@code config.zones()}. The
 * engine, the route table and the policy all use these ids, so packets carry small ints instead of names.
 */
public final class InterfaceIndex {
    /** Returned for a name or relation that does not exist. */
    public static final int NONE = -1;

    private final String[] names;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int[] aggregateOf;
    private final int[] zoneOf;
    private final int[] virtualWirePeer;
    private final boolean[] layer3;
    private final List<List<IpPrefix>> addresses = new ArrayList<>();
    private final String[] zoneNames;
    private final Map<String, Integer> zoneIds = new HashMap<>();

    private InterfaceIndex(PalisadeConfig config) {
        List<InterfaceConfig> physical = config.interfaces();
        List<AggregateInterfaceConfig> aggregates = config.aggregateInterfaces();
        int count = physical.size() + aggregates.size();
        names = new String[count];
        layer3 = new boolean[count];
        for (int i = 0; i < physical.size(); i++) {
            InterfaceConfig ifc = physical.get(i);
            register(i, ifc.name(), ifc.mode(), ifc.addresses());
        }
        for (int a = 0; a < aggregates.size(); a++) {
            AggregateInterfaceConfig ae = aggregates.get(a);
            register(physical.size() + a, ae.name(), ae.mode(), ae.addresses());
        }
        aggregateOf = new int[count];
        Arrays.fill(aggregateOf, NONE);
        for (int a = 0; a < aggregates.size(); a++) {
            for (String member : aggregates.get(a).members()) {
                int m = id(member);
                if (m != NONE) {
                    aggregateOf[m] = physical.size() + a;
                }
            }
        }
        zoneNames = new String[config.zones().size()];
        zoneOf = new int[count];
        Arrays.fill(zoneOf, NONE);
        for (int z = 0; z < zoneNames.length; z++) {
            ZoneConfig zone = config.zones().get(z);
            zoneNames[z] = zone.name();
            zoneIds.putIfAbsent(zone.name(), z);
            for (String member : zone.interfaces()) {
                int m = id(member);
                if (m != NONE && zoneOf[m] == NONE) {
                    zoneOf[m] = z;
                }
            }
        }
        // A member of an aggregate receives frames for the aggregate, so it takes the aggregate's zone.
        for (int i = 0; i < count; i++) {
            if (aggregateOf[i] != NONE && zoneOf[i] == NONE) {
                zoneOf[i] = zoneOf[aggregateOf[i]];
            }
        }
        virtualWirePeer = new int[count];
        Arrays.fill(virtualWirePeer, NONE);
        for (VirtualWireConfig vw : config.virtualWires()) {
            if (vw.interfaces().size() == 2) {
                int a = id(vw.interfaces().get(0));
                int b = id(vw.interfaces().get(1));
                if (a != NONE && b != NONE) {
                    virtualWirePeer[a] = b;
                    virtualWirePeer[b] = a;
                }
            }
        }
    }

    private void register(int id, String name, InterfaceMode mode, List<IpPrefix> prefixes) {
        names[id] = name;
        ids.putIfAbsent(name, id);
        layer3[id] = mode == InterfaceMode.LAYER3;
        addresses.add(List.copyOf(prefixes));
    }

    public static InterfaceIndex of(PalisadeConfig config) {
        return new InterfaceIndex(config);
    }

    public int interfaceCount() {
        return names.length;
    }

    /** The id of an interface or aggregate name, or {@link #NONE}. */
    public int id(String name) {
        return name == null ? NONE : ids.getOrDefault(name, NONE);
    }

    public String name(int interfaceId) {
        return valid(interfaceId) ? names[interfaceId] : "unknown";
    }

    /** The aggregate an interface is a member of, or {@link #NONE}. */
    public int aggregateOf(int interfaceId) {
        return valid(interfaceId) ? aggregateOf[interfaceId] : NONE;
    }

    /** The zone of an interface (for an aggregate member, the aggregate's zone), or {@link #NONE}. */
    public int zoneOf(int interfaceId) {
        return valid(interfaceId) ? zoneOf[interfaceId] : NONE;
    }

    /** The other side of the virtual wire an interface is in, or {@link #NONE}. */
    public int virtualWirePeer(int interfaceId) {
        return valid(interfaceId) ? virtualWirePeer[interfaceId] : NONE;
    }

    public boolean isLayer3(int interfaceId) {
        return valid(interfaceId) && layer3[interfaceId];
    }

    /** The configured layer-3 addresses of an interface (host bits kept, as written). */
    public List<IpPrefix> addresses(int interfaceId) {
        return valid(interfaceId) ? addresses.get(interfaceId) : List.of();
    }

    public int zoneCount() {
        return zoneNames.length;
    }

    /** The id of a zone name, or {@link #NONE}. */
    public int zoneId(String name) {
        return name == null ? NONE : zoneIds.getOrDefault(name, NONE);
    }

    public String zoneName(int zoneId) {
        return zoneId >= 0 && zoneId < zoneNames.length ? zoneNames[zoneId] : "unknown";
    }

    private boolean valid(int interfaceId) {
        return interfaceId >= 0 && interfaceId < names.length;
    }
}

package io.palisade.node;

import io.palisade.config.model.HaConfig;
import io.palisade.ha.monitor.PathProbe;
import io.palisade.ha.monitor.ScriptedPathProbe;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * SIMULATED path probes for the rootless in-process lab, whose udp-tunnel data links have no IP stack to ping
 * through: every path-monitoring destination "answers" after {@link #RTT_NS} unless the lab marked it
 * unreachable. A node runs these only when started with {@code --simulated-path-probes}; the real probe is
 * ICMP echo ({@link io.palisade.ha.monitor.IcmpPathProbe}).
 */
public final class SimulatedPathProbes implements Function<HaConfig.PathGroup, PathProbe> {
    /** The simulated round trip. */
    public static final long RTT_NS = 1_000_000L;

    private final List<ScriptedPathProbe> probes = new CopyOnWriteArrayList<>();
    private final Set<InetAddress> unreachable = ConcurrentHashMap.newKeySet();

    @Override
    public PathProbe apply(HaConfig.PathGroup group) {
        ScriptedPathProbe p = new ScriptedPathProbe(RTT_NS);
        unreachable.forEach(a -> p.setReachable(a, false));
        probes.add(p);
        return p;
    }

    /** Makes a destination answer again (true) or go silent (false), in every group that pings it. */
    public void setReachable(InetAddress destination, boolean reachable) {
        if (reachable) {
            unreachable.remove(destination);
        } else {
            unreachable.add(destination);
        }
        probes.forEach(p -> p.setReachable(destination, reachable));
    }

    public boolean reachable(InetAddress destination) {
        return !unreachable.contains(destination);
    }
}

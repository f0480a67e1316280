package io.palisade.ha.monitor;

import io.palisade.config.model.FailureCondition;
import io.palisade.config.model.HaConfig;
import io.palisade.ha.election.MonitorVerdict;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Path monitoring: every destination of every enabled group is pinged each {@code ping-interval-ms}; a
 * destination fails after {@code ping-count} consecutive lost echoes and recovers with the next reply. Groups
 * and the monitor combine failures with their any/all conditions, as PAN-OS does. Driven by the HA agent's duty
 * cycle ({@link #doWork}); no threads or clocks of its own.
 */
public final class PathMonitor implements AutoCloseable {
    /** One destination's recent history. */
    public static final class Destination {
        final InetAddress address;
        int consecutiveLosses;
        boolean up = true;
        int successes;
        int total;
        double rttMinMs = Double.NaN;
        double rttMaxMs = Double.NaN;
        double rttSumMs;

        Destination(InetAddress address) {
            this.address = address;
        }

        public InetAddress address() {
            return address;
        }

        public boolean up() {
            return up;
        }

        public int successes() {
            return successes;
        }

        public int total() {
            return total;
        }

        public double rttMinMs() {
            return rttMinMs;
        }

        public double rttMaxMs() {
            return rttMaxMs;
        }

        public double rttAvgMs() {
            return successes == 0 ? Double.NaN : rttSumMs / successes;
        }
    }

    /** One group with its destinations and probe. */
    public static final class Group {
        final HaConfig.PathGroup config;
        final PathProbe probe;
        final List<Destination> destinations = new ArrayList<>();
        long nextSendNs;
        int sequence;

        Group(HaConfig.PathGroup config, PathProbe probe) {
            this.config = config;
            this.probe = probe;
            config.destinations().forEach(d -> destinations.add(new Destination(d)));
        }

        public HaConfig.PathGroup config() {
            return config;
        }

        public List<Destination> destinations() {
            return destinations;
        }

        public boolean failed() {
            long down = destinations.stream().filter(d -> !d.up).count();
            return !destinations.isEmpty()
                    && (config.failureCondition() == FailureCondition.ANY ? down > 0 : down == destinations.size());
        }
    }

    private final HaConfig.PathMonitoring config;
    private final List<Group> groups = new ArrayList<>();
    private boolean failed;

    /**
     * @param probes opens the probe of a group (the real ICMP socket, or the lab's scripted probe)
     */
    public PathMonitor(HaConfig.PathMonitoring config, Function<HaConfig.PathGroup, PathProbe> probes) {
        this.config = config;
        if (config.enabled()) {
            for (HaConfig.PathGroup g : config.groups()) {
                if (g.enabled()) {
                    groups.add(new Group(g, probes.apply(g)));
                }
            }
        }
    }

    public boolean enabled() {
        return config.enabled() && !groups.isEmpty();
    }

    public HaConfig.PathMonitoring config() {
        return config;
    }

    public List<Group> groups() {
        return groups;
    }

    public boolean failed() {
        return failed;
    }

    /**
     * Forgets every loss: the paths could not be probed for a while (the data links were down on purpose, passive
     * link state shutdown), which says nothing about them; monitoring starts afresh when the links are back.
     */
    public void reset() {
        for (Group g : groups) {
            for (Destination d : g.destinations) {
                d.consecutiveLosses = 0;
                d.up = true;
            }
        }
        failed = false;
    }

    /** Sends due probes, collects answers and losses; returns the verdict. */
    public MonitorVerdict doWork(long nowNs) {
        StringJoiner failedNames = new StringJoiner(", ");
        List<Boolean> failures = new ArrayList<>();
        for (Group g : groups) {
            long intervalNs = g.config.pingIntervalMs() * 1_000_000L;
            if (nowNs - g.nextSendNs >= 0) {
                g.nextSendNs = nowNs + intervalNs;
                g.sequence = (g.sequence + 1) & 0xffff;
                for (Destination d : g.destinations) {
                    if (!g.probe.send(d.address, g.sequence, nowNs)) {
                        loss(g, d);
                    }
                }
            }
            g.probe.poll(nowNs, intervalNs, new PathProbe.Listener() {
                @Override
                public void onReply(InetAddress destination, int sequence, long rttNs) {
                    find(g, destination).ifPresent(d -> reply(d, rttNs));
                }

                @Override
                public void onLoss(InetAddress destination, int sequence) {
                    find(g, destination).ifPresent(d -> loss(g, d));
                }
            });
            boolean f = g.failed();
            failures.add(f);
            if (f) {
                failedNames.add(g.config.name());
            }
        }
        failed = enabled() && LinkMonitor.combine(config.failureCondition(), failures);
        return failed ? MonitorVerdict.failed("path group " + failedNames) : MonitorVerdict.healthy();
    }

    private static java.util.Optional<Destination> find(Group g, InetAddress a) {
        return g.destinations.stream().filter(d -> d.address.equals(a)).findFirst();
    }

    private static void reply(Destination d, long rttNs) {
        double ms = rttNs / 1e6;
        d.consecutiveLosses = 0;
        d.up = true;
        d.successes++;
        d.total++;
        d.rttSumMs += ms;
        d.rttMinMs = Double.isNaN(d.rttMinMs) ? ms : Math.min(d.rttMinMs, ms);
        d.rttMaxMs = Double.isNaN(d.rttMaxMs) ? ms : Math.max(d.rttMaxMs, ms);
    }

    private static void loss(Group g, Destination d) {
        d.total++;
        if (++d.consecutiveLosses >= g.config.pingCount()) {
            d.up = false;
        }
    }

    @Override
    public void close() {
        groups.forEach(g -> g.probe.close());
    }
}

package io.palisade.ha.monitor;

import io.palisade.config.model.FailureCondition;
import io.palisade.config.model.HaConfig;
import io.palisade.ha.election.MonitorVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Link monitoring as PAN-OS evaluates it: each enabled group fails when any or all of its interfaces are down
 * (its failure condition); the monitor fails when any or all enabled groups fail (the global condition).
 * Stateless apart from the last status; {@link #evaluate} is called on a schedule or on link events.
 */
public final class LinkMonitor {
    /** One interface's state at the last evaluation. */
    public record Member(String interfaceName, boolean up) {}

    /** One group's state at the last evaluation. */
    public record Group(
            String name, boolean enabled, FailureCondition condition, boolean failed, List<Member> members) {}

    /** The whole picture. */
    public record Status(boolean enabled, FailureCondition condition, boolean failed, List<Group> groups) {}

    private final HaConfig.LinkMonitoring config;
    private final LinkStateSource source;
    private volatile Status last;

    public LinkMonitor(HaConfig.LinkMonitoring config, LinkStateSource source) {
        this.config = config;
        this.source = source;
        this.last = new Status(config.enabled(), config.failureCondition(), false, List.of());
    }

    /** Reads every member's link and returns the verdict ("Link down: ..." names the failed groups). */
    public MonitorVerdict evaluate() {
        List<Group> groups = new ArrayList<>();
        List<Boolean> enabledFailures = new ArrayList<>();
        StringJoiner failedNames = new StringJoiner(", ");
        for (HaConfig.LinkGroup g : config.groups()) {
            List<Member> members = new ArrayList<>();
            int down = 0;
            for (String ifName : g.interfaces()) {
                boolean up = source.linkUp(ifName);
                members.add(new Member(ifName, up));
                down += up ? 0 : 1;
            }
            boolean failed = !members.isEmpty()
                    && (g.failureCondition() == FailureCondition.ANY ? down > 0 : down == members.size());
            groups.add(new Group(g.name(), g.enabled(), g.failureCondition(), failed, List.copyOf(members)));
            if (g.enabled()) {
                enabledFailures.add(failed);
                if (failed) {
                    failedNames.add(g.name() + " " + downList(members));
                }
            }
        }
        boolean failed = config.enabled() && combine(config.failureCondition(), enabledFailures);
        last = new Status(config.enabled(), config.failureCondition(), failed, List.copyOf(groups));
        return failed ? MonitorVerdict.failed("link group " + failedNames) : MonitorVerdict.healthy();
    }

    private static String downList(List<Member> members) {
        StringJoiner j = new StringJoiner(", ", "(", " down)");
        members.stream().filter(m -> !m.up()).forEach(m -> j.add(m.interfaceName()));
        return j.toString();
    }

    static boolean combine(FailureCondition condition, List<Boolean> failures) {
        if (failures.isEmpty()) {
            return false;
        }
        return condition == FailureCondition.ANY
                ? failures.contains(Boolean.TRUE)
                : failures.stream().allMatch(Boolean::booleanValue);
    }

    public Status status() {
        return last;
    }
}

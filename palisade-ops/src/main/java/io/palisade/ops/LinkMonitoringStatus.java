package io.palisade.ops;

import java.util.List;

/**
 * Link monitoring as {@code show high-availability link-monitoring} prints it.
 *
 * @param enabled monitoring on
 * @param failureCondition {@code any} or {@code all}
 * @param failed the global verdict
 * @param groups the groups
 */
public record LinkMonitoringStatus(boolean enabled, String failureCondition, boolean failed, List<Group> groups) {
    /** A link group and its interfaces' states. */
    public record Group(String name, boolean enabled, String failureCondition, boolean failed, List<Member> members) {}

    /** One monitored interface: {@code up} or {@code down}. */
    public record Member(String interfaceName, String state) {}
}

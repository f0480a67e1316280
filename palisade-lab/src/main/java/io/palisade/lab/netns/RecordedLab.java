package io.palisade.lab.netns;

import io.palisade.lab.LabState;

/** Faults on a lab recorded by {@code lab up} (another process started it, so only its state file is known). */
final class RecordedLab {
    private RecordedLab() {}

    static void apply(LabState s, String fault, LabState.NodeEntry node) {
        String prefix = s.prefix();
        String fwNs = prefix + TopologyBuilder.nodeNs(node.name());
        String switchNs = prefix + TopologyBuilder.SWITCH;
        switch (fault) {
            case "kill" -> ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly);
            case "ha1-down" -> Shell.run("ip", "-n", fwNs, "link", "set", Faults.ha1Link(node.name()), "down");
            case "link-down" -> Shell.run("ip", "-n", switchNs, "link", "set", Faults.switchPort(node.name()), "down");
            case "path-down" ->
                Faults.dropPingsFrom(
                        prefix + TopologyBuilder.SERVER,
                        NodeConfigs.monitorAddress(s.nodes().indexOf(node)));
            case "suspend" -> NamespaceHttp.post(node.namespace(), node.api(), node.apiKey(), "/api/v1/ha/suspend");
            default ->
                throw new io.palisade.common.UserError(
                        "unknown fault '" + fault + "' (kill, ha1-down, link-down, path-down, suspend)");
        }
    }

    /** Undoes every fault: HA1 and switch ports up, the path destination's drop rule gone, suspended nodes back. */
    static void clear(LabState s) {
        String prefix = s.prefix();
        for (LabState.NodeEntry node : s.nodes()) {
            String fwNs = prefix + TopologyBuilder.nodeNs(node.name());
            Shell.tryRun(5_000, "ip", "-n", fwNs, "link", "set", Faults.ha1Link(node.name()), "up");
            Shell.tryRun(
                    5_000,
                    "ip",
                    "-n",
                    prefix + TopologyBuilder.SWITCH,
                    "link",
                    "set",
                    Faults.switchPort(node.name()),
                    "up");
            if (ProcessHandle.of(node.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    NamespaceHttp.post(node.namespace(), node.api(), node.apiKey(), "/api/v1/ha/functional");
                } catch (RuntimeException e) {
                    // a node that is not suspended or not answering has nothing to undo
                }
            }
        }
        Shell.tryRun(5_000, Faults.deletePingFilter(prefix + TopologyBuilder.SERVER));
    }
}

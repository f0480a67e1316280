package io.palisade.lab.netns;

import io.palisade.lab.LabState;

/** Faults on a lab recorded by {@code lab up} (another process started it, so only its state file is known). */
final class RecordedLab {
    private RecordedLab() {}

    static void apply(LabState s, String fault, LabState.NodeEntry node) {
        String fw = TopologyBuilder.nodeNs(node.name());
        String letter = fw.substring(fw.length() - 1);
        String prefix = s.prefix();
        switch (fault) {
            case "kill" -> ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly);
            case "ha1-down" -> Shell.run("ip", "-n", prefix + fw, "link", "set", fw + "-ha1", "down");
            case "link-down" -> Shell.run("ip", "-n", prefix + "sw", "link", "set", letter + "-e2", "down");
            case "path-down" -> {
                String sv = prefix + "sv";
                Shell.inNs(sv, "nft", "add", "table", "inet", "palisade_lab");
                Shell.inNs(sv, "nft", "add chain inet palisade_lab input { type filter hook input priority 0 ; }");
                Shell.inNs(
                        sv,
                        "nft",
                        "add rule inet palisade_lab input ip saddr "
                                + NodeConfigs.monitorAddress(s.nodes().indexOf(node)) + " icmp type echo-request drop");
            }
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
            String fw = TopologyBuilder.nodeNs(node.name());
            String letter = fw.substring(fw.length() - 1);
            Shell.tryRun(5_000, "ip", "-n", prefix + fw, "link", "set", fw + "-ha1", "up");
            Shell.tryRun(5_000, "ip", "-n", prefix + "sw", "link", "set", letter + "-e2", "up");
            if (ProcessHandle.of(node.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    NamespaceHttp.post(node.namespace(), node.api(), node.apiKey(), "/api/v1/ha/functional");
                } catch (RuntimeException e) {
                    // a node that is not suspended or not answering has nothing to undo
                }
            }
        }
        Shell.tryRun(5_000, "ip", "netns", "exec", prefix + "sv", "nft", "delete", "table", "inet", "palisade_lab");
    }
}

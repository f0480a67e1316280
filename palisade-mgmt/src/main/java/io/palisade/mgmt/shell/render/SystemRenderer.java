package io.palisade.mgmt.shell.render;

import io.palisade.ops.PolicyMatchResult;
import io.palisade.ops.SystemInfo;

/** {@code show system info} and {@code test security-policy-match}. */
public final class SystemRenderer {
    private SystemRenderer() {}

    /** {@code show system info}: one {@code key: value} line each, as PAN-OS. */
    public static String info(SystemInfo s) {
        return """
                hostname: %s
                serial: %s
                sw-version: %s
                mgmt-address: %s
                uptime: %s
                ha-mode: %s
                ha-state: %s
                dataplane-workers: %d
                running-config-version: %d
                java-version: %s
                """.formatted(
                        s.hostname(),
                        s.serial(),
                        s.softwareVersion(),
                        s.managementAddress(),
                        Durations.uptime(s.uptimeMs()),
                        s.haMode(),
                        s.haState(),
                        s.workers(),
                        s.runningVersion(),
                        s.javaVersion());
    }

    /**
     * {@code test security-policy-match}: the matching rule in the PAN-OS braces form. Only what the node reported
     * is printed, never the query's own values dressed up as the rule's.
     */
    public static String policyMatch(PolicyMatchResult r) {
        String title = r.index() > 0 ? r.rule() + "; index: " + r.index() : r.rule();
        return """
                "%s" {
                        application %s;
                        action %s;
                }
                """.formatted(title, r.application(), r.action());
    }
}

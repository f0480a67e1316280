package io.palisade.ha.election;

/**
 * A monitor's combined verdict as the HA agent reports it: link monitoring or path monitoring after the any/all
 * group logic, or data-plane health.
 *
 * @param failed whether the failure condition holds
 * @param detail what failed, e.g. {@code group wire-links: ethernet1/1 down}; empty when healthy
 */
public record MonitorVerdict(boolean failed, String detail) {
    private static final MonitorVerdict HEALTHY = new MonitorVerdict(false, "");

    public MonitorVerdict {
        detail = detail == null ? "" : detail.strip();
    }

    public static MonitorVerdict healthy() {
        return HEALTHY;
    }

    public static MonitorVerdict failed(String detail) {
        return new MonitorVerdict(true, detail);
    }
}

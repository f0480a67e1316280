package io.palisade.lab.netns;

import io.palisade.lab.demo.DemoReport;
import java.util.Locale;

/** The demo report as text for a terminal. */
public final class DemoText {
    private DemoText() {}

    public static String format(DemoReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "Palisade demo (%s): fault %s on %s, timers %s%n",
                r.mode(),
                r.fault(),
                r.details().get("faultedNode"),
                r.timerProfile()));
        s.append(String.format(
                Locale.ROOT,
                "  connections: %d before the fault, %d still working after it (%s failed)%n",
                r.sessionsBefore(),
                r.sessionsSurvived(),
                r.details().get("failedConnections")));
        s.append(String.format(
                Locale.ROOT,
                "  detection: %s%n",
                r.detectionMs() < 0 ? "no takeover (none expected for this fault)" : r.detectionMs() + " ms"));
        s.append(String.format(
                Locale.ROOT,
                "  interruption (longest gap of the %d ms probe stream): %d ms (target %s ms: %s)%n",
                r.probeIntervalMs(),
                r.interruptionMs(),
                r.details().get("interruptionTargetMs"),
                Boolean.TRUE.equals(r.details().get("interruptionTargetMet")) ? "met" : "missed"));
        s.append(String.format(
                Locale.ROOT, "  longest TCP stall: %s ms%n", r.details().get("longestTcpStallMs")));
        s.append("  HA transitions (ms from the fault):\n");
        for (DemoReport.StateEvent e : r.states()) {
            s.append(String.format(
                    Locale.ROOT, "    %7d  %s  %s -> %s  (%s)%n", e.atMs(), e.node(), e.from(), e.to(), e.reason()));
        }
        s.append("  timeline: ").append(r.timelineSvg()).append('\n');
        return s.toString();
    }
}

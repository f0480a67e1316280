package io.palisade.lab.demo;

import java.util.List;
import java.util.Map;

/**
 * The demo's result (DESIGN section 3: {@code mode}, {@code fault}, {@code detectionMs}, {@code interruptionMs},
 * {@code sessionsBefore}, {@code sessionsSurvived}, {@code states}).
 *
 * @param mode {@code netns} (real hosts in network namespaces) or {@code inproc} (loopback, no root)
 * @param fault the fault injected
 * @param timerProfile the HA timers used, in words
 * @param detectionMs from the fault to the peer becoming active (from the peer's own transition time)
 * @param interruptionMs the longest gap seen by the probe stream around the failover
 * @param probeIntervalMs interval of the probe stream
 * @param sessionsBefore connections established and exchanging data before the fault
 * @param sessionsSurvived of those, connections that exchanged data again after the failover
 * @param states HA transitions of both nodes, times relative to the fault
 * @param timelineSvg path of the timeline picture written beside the JSON, or null
 * @param details what else a reader needs (addresses, node PIDs, counters, target)
 */
public record DemoReport(
        String mode,
        String fault,
        String timerProfile,
        long detectionMs,
        long interruptionMs,
        int probeIntervalMs,
        int sessionsBefore,
        int sessionsSurvived,
        List<StateEvent> states,
        String timelineSvg,
        Map<String, Object> details) {

    /**
     * One HA transition.
     *
     * @param node hostname
     * @param from previous state
     * @param to new state
     * @param atMs time relative to the fault (negative: before)
     * @param reason PAN-OS style reason
     */
    public record StateEvent(String node, String from, String to, long atMs, String reason) {}
}

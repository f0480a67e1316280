package io.palisade.ha.election;

/**
 * This node's own health as the HA agent reports it: the link-monitoring and path-monitoring verdicts (already
 * combined by the any/all group logic) and data-plane health, each with the time it turned failed, plus the time
 * the node last became fully healthy (the preemption and tentative holds count from there).
 */
final class LocalHealth {
    /** What a verdict is about. */
    enum Source {
        LINK,
        PATH,
        DATAPLANE
    }

    private final MonitorVerdict[] verdicts = {
        MonitorVerdict.healthy(), MonitorVerdict.healthy(), MonitorVerdict.healthy()
    };
    private final long[] failedSinceNs = {HaStateMachine.NONE, HaStateMachine.NONE, HaStateMachine.NONE};
    private long healthySinceNs;

    LocalHealth(long nowNs) {
        this.healthySinceNs = nowNs;
    }

    /** Records a verdict; returns true when the source turned from healthy to failed. */
    boolean update(Source source, MonitorVerdict verdict, long nowNs) {
        int i = source.ordinal();
        boolean wasFailed = verdicts[i].failed();
        verdicts[i] = verdict;
        if (verdict.failed() && !wasFailed) {
            failedSinceNs[i] = nowNs;
            return true;
        }
        if (!verdict.failed() && wasFailed) {
            failedSinceNs[i] = HaStateMachine.NONE;
            if (!anyFailed()) {
                healthySinceNs = nowNs;
            }
        }
        return false;
    }

    MonitorVerdict verdict(Source source) {
        return verdicts[source.ordinal()];
    }

    boolean monitorFailing() {
        return verdicts[Source.LINK.ordinal()].failed() || verdicts[Source.PATH.ordinal()].failed();
    }

    boolean dataplaneDown() {
        return verdicts[Source.DATAPLANE.ordinal()].failed();
    }

    /** When the earliest failing monitor turned failed, or {@link HaStateMachine#NONE}. */
    long monitorFailedSinceNs() {
        long link = failedSinceNs[Source.LINK.ordinal()];
        long path = failedSinceNs[Source.PATH.ordinal()];
        if (link == HaStateMachine.NONE) {
            return path;
        }
        return path == HaStateMachine.NONE ? link : Math.min(link, path);
    }

    /** {@code Link down} or {@code Path down} (whichever failed first) with the monitor's detail. */
    StateReason monitorReason() {
        long link = failedSinceNs[Source.LINK.ordinal()];
        long path = failedSinceNs[Source.PATH.ordinal()];
        boolean linkFirst = link != HaStateMachine.NONE && (path == HaStateMachine.NONE || link <= path);
        Source s = linkFirst ? Source.LINK : Source.PATH;
        return StateReason.of(linkFirst ? HaReason.LINK_DOWN : HaReason.PATH_DOWN, verdicts[s.ordinal()].detail());
    }

    /** {@code Dataplane down: <detail>}. */
    StateReason dataplaneReason() {
        String detail = verdicts[Source.DATAPLANE.ordinal()].detail();
        return StateReason.of(HaReason.DATAPLANE_DOWN, detail.isEmpty() ? "dataplane failure" : detail);
    }

    /** When the node last became free of monitor and data-plane failures (construction time at first). */
    long healthySinceNs() {
        return healthySinceNs;
    }

    private boolean anyFailed() {
        for (MonitorVerdict v : verdicts) {
            if (v.failed()) {
                return true;
            }
        }
        return false;
    }
}

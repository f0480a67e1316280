package io.palisade.bench;

import io.palisade.ha.sync.SyncBenchmark;

/** {@code ./palisade bench sync}: HA2 session updates replicated over loopback, as {@link BenchResult}. */
public final class SyncBench {
    private SyncBench() {}

    public static BenchResult run(int updates, int sessions) throws Exception {
        SyncBenchmark.Result r = SyncBenchmark.run(updates, sessions);
        return BenchResult.of("sync", Math.round(r.value()), r.unit())
                .with("updates", r.updates())
                .with("applied", r.applied())
                .with("sessions", r.sessions())
                .with("durationMs", r.durationMs())
                .with("senderBusyMs", r.senderMs())
                .with("frames", r.frames())
                .with("wireBytes", r.wireBytes())
                .with("bytesPerSession", r.bytesPerSession())
                .with("bytesPerSessionWithIpUdp", r.bytesPerSessionWithIpUdp())
                .with("gapRequests", r.gapRequests())
                .with("retransmitted", r.retransmitted())
                .with("framesLost", r.framesLost())
                .with("bulkRepairs", r.repairs())
                .with("notConverged", r.mismatched())
                .with("threads", r.threads())
                .with("cores", r.cores())
                .with("authentication", r.authentication())
                .with("loadAverage", EngineBenchmarks.loadAverage())
                .with(
                        "measures",
                        "session updates from one worker's publisher to a receiver over loopback UDP,"
                                + " counted when applied in the receiving worker's table")
                .with("target", "1 million updates/s and at most 64 bytes per session on the wire");
    }
}

package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark runs end to end and accounts for what it measured; its speed is not checked here. */
class SyncBenchmarkTest {

    @Test
    void aSmallRunReplicatesEveryUpdateAndReportsTheWireCost() throws Exception {
        SyncBenchmark.Result result = SyncBenchmark.run(20_000, 5_000);
        assertThat(result.name()).isEqualTo("sync");
        assertThat(result.unit()).isEqualTo("updates/s");
        assertThat(result.updates()).isEqualTo(20_000);
        assertThat(result.sessions()).isEqualTo(5_000);
        assertThat(result.mismatched()).isZero();
        assertThat(result.applied() + result.repairs()).isGreaterThanOrEqualTo(result.updates());
        assertThat(result.value()).isPositive();
        assertThat(result.frames()).isPositive();
        assertThat(result.bytesPerSession()).isBetween(30.0, 64.0);
        assertThat(result.bytesPerSessionWithIpUdp()).isGreaterThan(result.bytesPerSession());
        assertThat(result.summary()).contains("session updates/s replicated", "bytes per session");
    }
}

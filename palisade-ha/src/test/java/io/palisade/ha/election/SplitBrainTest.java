package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitBrainTest {

    private static PairHarness stablePair(int priorityA, int priorityB) {
        PairHarness h = new PairHarness(b -> b.priority(priorityA), b -> b.priority(priorityB));
        h.run(1_000);
        return h;
    }

    @Test
    void losingEveryHa1PathMakesBothActiveAndHellosReturningResolveByRank() {
        PairHarness h = stablePair(50, 100);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        h.cutAll();
        h.run(6_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).as("B declared A failed and took over").isEqualTo(HaState.ACTIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.PEER_FAILED_PROMOTED);

        h.restoreAll();
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.b.m.reason().code()).isEqualTo(HaReason.SPLIT_BRAIN_RESOLVED);
        assertThat(h.b.m.reason().detail()).contains("peer FW-A preferred: priority 50 < 100");
        assertThat(h.b.sent).contains(new HaRequest.RequestBulkSync("FW-A"));
        assertThat(h.a.m.counters().get(HaCounter.SPLIT_BRAIN_DETECTED)).isEqualTo(1);
        assertThat(h.b.m.counters().get(HaCounter.SPLIT_BRAIN_DETECTED)).isEqualTo(1);
    }

    @Test
    void theOriginalActiveStepsDownWhenThePeerOutranksIt() {
        PairHarness h = stablePair(100, 50); // B outranks A, but A...
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        h.cutAll();
        h.run(6_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        h.restoreAll();
        h.run(1_000);
        assertThat(h.b.state()).as("B has the better rank and stays").isEqualTo(HaState.ACTIVE);
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.SPLIT_BRAIN_RESOLVED);
    }

    @Test
    void tieIsBrokenByNodeIdOnBothSidesAlike() {
        PairHarness h = stablePair(100, 100);
        h.cutAll();
        h.run(6_000);
        assertThat(h.bothActive()).isTrue();
        h.restoreAll();
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.b.m.reason().detail()).contains("HA1 MAC 00:1b:17:00:00:0a < 00:1b:17:00:00:0b");
    }

    @Test
    void afterResolutionTheLoserResyncsAndThePairIsStable() {
        PairHarness h = stablePair(50, 100);
        h.cutAll();
        h.run(6_000);
        h.restoreAll();
        h.run(1_000);
        h.invariant = x -> assertThat(x.bothActive()).isFalse();
        h.run(120_000, 500);
        assertThat(h.a.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.b.state()).isEqualTo(HaState.PASSIVE);
        assertThat(h.b.m.bulkSyncComplete()).isTrue();
    }

    @Test
    void dualActiveWithoutASplitIsResolvedTheSameWay() {
        // both came up alone (no HA1 at all), then the links appear
        PairHarness h = new PairHarness(b -> b.priority(100), b -> b.priority(90), false);
        h.cutAll();
        h.boot(h.a);
        h.boot(h.b);
        h.run(11_000);
        assertThat(h.bothActive()).isTrue();
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.PEER_NOT_FOUND);
        h.restoreAll();
        h.run(1_000);
        assertThat(h.b.state()).isEqualTo(HaState.ACTIVE);
        assertThat(h.a.state()).isEqualTo(HaState.PASSIVE);
    }
}

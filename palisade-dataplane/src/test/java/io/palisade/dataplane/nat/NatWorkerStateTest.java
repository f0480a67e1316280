package io.palisade.dataplane.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.IpInterval;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-worker translation state: partitions, the port chooser, and carrying state into a new epoch. */
class NatWorkerStateTest {
    private static final Ip POOL = Ip.parse("198.18.1.50");
    private final NatResult out = new NatResult();

    private static NatTable dipp(String... pool) {
        List<IpInterval> intervals = java.util.Arrays.stream(pool)
                .map(a -> IpInterval.of(Ip.parse(a)))
                .toList();
        return new NatTable(List.of(new NatEntry(
                0, "hide", false, new SourceTranslator.DynamicIpAndPort(AddressPool.of(intervals)), null)));
    }

    private boolean translate(NatWorkerState w, int srcLast, PortChooser chooser) {
        return w.translate(
                0,
                4,
                0,
                Ip.parse("198.18.0." + srcLast).lo(),
                40000,
                0,
                Ip.parse("203.0.113.9").lo(),
                443,
                chooser,
                out);
    }

    @Test
    void workersOfOnePoolNeverHandOutTheSamePort() {
        NatTable table = dipp("198.18.1.50");
        Set<Integer> ports = new HashSet<>();
        for (int worker = 0; worker < 4; worker++) {
            NatWorkerState w = NatWorkerState.create(table, worker, 4, null);
            for (int i = 0; i < 500; i++) {
                assertThat(translate(w, 5, null)).isTrue();
                assertThat(out.srcPort() % 4).isEqualTo(worker);
                assertThat(ports.add(out.srcPort())).isTrue();
            }
        }
    }

    @Test
    void chooserSelectsPortsWhoseReplyReachesTheOwner() {
        NatWorkerState w = NatWorkerState.create(dipp("198.18.1.50", "198.18.1.51"), 0, 1, null);
        // Stand-in for the engine's reply hash: the port decides the worker among 8.
        PortChooser toWorker5 = (v, hi, lo, port) -> Math.floorMod(port * 31 + (int) lo, 8) == 5;
        for (int i = 0; i < 200; i++) {
            assertThat(translate(w, i, toWorker5)).isTrue();
            assertThat(out.chooserSatisfied()).isTrue();
            assertThat(Math.floorMod(out.srcPort() * 31 + (int) out.srcLo(), 8)).isEqualTo(5);
        }
    }

    @Test
    void chooserFallbackTakesAnyPortOrFailsWhenConfiguredTo() {
        PortChooser never = (v, hi, lo, port) -> false;
        NatWorkerState fallback = NatWorkerState.create(dipp("198.18.1.50"), 0, 1, null, 64, true);
        assertThat(translate(fallback, 5, never)).isTrue();
        assertThat(out.chooserSatisfied()).isFalse();
        NatWorkerState strict = NatWorkerState.create(dipp("198.18.1.50"), 0, 1, null, 64, false);
        assertThat(translate(strict, 5, never)).isFalse();
        assertThat(out.outcome()).isEqualTo(NatOutcome.CHOOSER_REJECTED);
    }

    @Test
    void newEpochKeepsPortsHeldByOldSessions() {
        NatWorkerState epoch1 = NatWorkerState.create(dipp("198.18.1.50"), 0, 1, null);
        Set<Integer> held = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertThat(translate(epoch1, 5, null)).isTrue();
            held.add(out.srcPort());
        }
        // The commit widens the pool; the old address keeps its bitmap.
        NatWorkerState epoch2 = NatWorkerState.create(dipp("198.18.1.50", "198.18.1.51"), 0, 1, epoch1);
        int free = epoch2.freePorts(4, POOL.hi(), POOL.lo());
        assertThat(free).isEqualTo(PortBitmap.LAST_PORT - PortBitmap.FIRST_PORT + 1 - 100);
        for (int i = 0; i < 300; i++) {
            assertThat(translate(epoch2, i % 250, null)).isTrue();
            if (out.srcLo() == POOL.lo()) {
                assertThat(held).doesNotContain(out.srcPort());
            }
        }
        int oldPort = held.iterator().next();
        assertThat(epoch2.releasePort(4, POOL.hi(), POOL.lo(), oldPort)).isTrue();
        assertThat(epoch1.releasePort(4, POOL.hi(), POOL.lo(), oldPort))
                .as("same bitmap")
                .isFalse();
    }

    @Test
    void addressRemovedFromThePoolStillAcceptsReleases() {
        NatWorkerState epoch1 = NatWorkerState.create(dipp("198.18.1.50"), 0, 1, null);
        assertThat(translate(epoch1, 5, null)).isTrue();
        int port = out.srcPort();
        NatWorkerState epoch2 = NatWorkerState.create(dipp("198.18.1.77"), 0, 1, epoch1);
        assertThat(epoch2.releasePort(4, POOL.hi(), POOL.lo(), port)).isTrue();
    }

    @Test
    void dynamicIpBindingsSurviveANewEpoch() {
        NatTable table = new NatTable(List.of(new NatEntry(
                0, "dip", false, new SourceTranslator.DynamicIp(AddressPool.of(List.of(IpInterval.of(POOL)))), null)));
        NatWorkerState epoch1 = NatWorkerState.create(table, 0, 1, null);
        assertThat(translate(epoch1, 5, null)).isTrue();
        NatWorkerState epoch2 = NatWorkerState.create(table, 0, 1, epoch1);
        // Same source gets its address again; another source finds the pool used up.
        assertThat(translate(epoch2, 5, null)).isTrue();
        assertThat(out.srcLo()).isEqualTo(POOL.lo());
        assertThat(translate(epoch2, 6, null)).isFalse();
        assertThat(out.outcome()).isEqualTo(NatOutcome.ADDRESS_EXHAUSTED);
        assertThat(epoch2.releaseAddress(4, POOL.hi(), POOL.lo())).isTrue();
        assertThat(epoch2.releaseAddress(4, POOL.hi(), POOL.lo())).isTrue();
        assertThat(epoch2.releaseAddress(4, POOL.hi(), POOL.lo())).isFalse();
        assertThat(translate(epoch2, 6, null)).isTrue();
    }

    @Test
    void dynamicIpAddressesArePartitionedAcrossWorkers() {
        NatTable table = new NatTable(List.of(new NatEntry(
                0,
                "dip",
                false,
                new SourceTranslator.DynamicIp(
                        AddressPool.of(List.of(new IpInterval(Ip.parse("198.18.1.60"), Ip.parse("198.18.1.63"))))),
                null)));
        Set<Long> used = new HashSet<>();
        for (int worker = 0; worker < 2; worker++) {
            NatWorkerState w = NatWorkerState.create(table, worker, 2, null);
            for (int s = 0; s < 2; s++) {
                assertThat(translate(w, 10 + s, null)).isTrue();
                assertThat(used.add(out.srcLo())).isTrue();
            }
            assertThat(translate(w, 20, null)).isFalse();
        }
        assertThat(used).hasSize(4);
    }
}

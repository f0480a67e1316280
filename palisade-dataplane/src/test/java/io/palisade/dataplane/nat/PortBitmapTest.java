package io.palisade.dataplane.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The per-address, per-worker port allocator. */
class PortBitmapTest {
    private static final int ALL_PORTS = PortBitmap.LAST_PORT - PortBitmap.FIRST_PORT + 1;

    @Test
    void allocatesEveryPortOnceUntilExhausted() {
        PortBitmap m = new PortBitmap(0, 1);
        assertThat(m.capacity()).isEqualTo(ALL_PORTS);
        BitSet seen = new BitSet();
        for (int i = 0; i < ALL_PORTS; i++) {
            int port = m.allocate();
            assertThat(port).isBetween(PortBitmap.FIRST_PORT, PortBitmap.LAST_PORT);
            assertThat(seen.get(port)).as("port %d handed out twice", port).isFalse();
            seen.set(port);
        }
        assertThat(m.free()).isZero();
        assertThat(m.allocate()).isEqualTo(-1);
    }

    @Test
    void releasedPortsAreReusedAndDoubleReleaseIsRefused() {
        PortBitmap m = new PortBitmap(0, 1);
        while (m.allocate() >= 0) {
            // exhaust; bounded by the capacity
        }
        assertThat(m.release(30000)).isTrue();
        assertThat(m.release(30000)).isFalse();
        assertThat(m.release(80)).as("below the range").isFalse();
        assertThat(m.allocated(30000)).isFalse();
        assertThat(m.allocate()).isEqualTo(30000);
        assertThat(m.allocated(30000)).isTrue();
        assertThat(m.allocate()).isEqualTo(-1);
    }

    @Test
    void aReservedPortIsNotHandedOutAndIsReleasedLikeAnAllocatedOne() {
        PortBitmap m = new PortBitmap(0, 1);
        assertThat(m.reserve(1024)).isTrue();
        assertThat(m.reserve(1024)).as("already held").isFalse();
        assertThat(m.free()).isEqualTo(ALL_PORTS - 1);
        assertThat(m.allocate()).isEqualTo(1025);
        assertThat(m.release(1024)).isTrue();
        assertThat(new PortBitmap(1, 2).reserve(1024))
                .as("another worker's partition")
                .isFalse();
    }

    @Test
    void cursorDelaysReuseOfAJustReleasedPort() {
        PortBitmap m = new PortBitmap(0, 1);
        int first = m.allocate();
        int second = m.allocate();
        assertThat(m.release(first)).isTrue();
        int third = m.allocate();
        assertThat(third).isNotEqualTo(first).isGreaterThan(second);
    }

    @Test
    void workerPartitionsNeverOverlapAndCoverTheRange() {
        int workers = 3;
        BitSet owner = new BitSet();
        int total = 0;
        for (int w = 0; w < workers; w++) {
            PortBitmap m = new PortBitmap(w, workers);
            total += m.capacity();
            for (int port = m.allocate(); port >= 0; port = m.allocate()) {
                assertThat(port % workers).isEqualTo(w);
                assertThat(owner.get(port))
                        .as("port %d in two partitions", port)
                        .isFalse();
                owner.set(port);
            }
        }
        assertThat(total).isEqualTo(ALL_PORTS);
        assertThat(owner.cardinality()).isEqualTo(ALL_PORTS);
        assertThat(owner.nextSetBit(0)).isEqualTo(PortBitmap.FIRST_PORT);
    }

    @Test
    void chooserGetsTheFirstAcceptableFreePort() {
        PortBitmap m = new PortBitmap(0, 1);
        PortChooser multipleOfTen = (v, hi, lo, port) -> port % 10 == 0;
        int a = m.allocate(multipleOfTen, 4, 0, 1, 100);
        int b = m.allocate(multipleOfTen, 4, 0, 1, 100);
        assertThat(a).isEqualTo(1030);
        assertThat(b).isEqualTo(1040);
        assertThat(m.lastAttempts()).isEqualTo(10);
        // Ports skipped by the chooser stay free.
        assertThat(m.allocated(1031)).isFalse();
        assertThat(m.free()).isEqualTo(ALL_PORTS - 2);
    }

    @Test
    void chooserGivesUpAfterItsBudget() {
        PortBitmap m = new PortBitmap(0, 1);
        PortChooser never = (v, hi, lo, port) -> false;
        assertThat(m.allocate(never, 4, 0, 1, 50)).isEqualTo(-1);
        assertThat(m.lastAttempts()).isEqualTo(50);
        assertThat(m.free()).isEqualTo(ALL_PORTS);
    }

    @Test
    void chooserTestsEachFreePortAtMostOnce() {
        PortBitmap m = new PortBitmap(0, 1);
        for (int i = 0; i < ALL_PORTS - 3; i++) {
            m.allocate();
        }
        int[] calls = {0};
        PortChooser counting = (v, hi, lo, port) -> {
            calls[0]++;
            return false;
        };
        assertThat(m.allocate(counting, 4, 0, 1, 1000)).isEqualTo(-1);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void rejectsImpossiblePartitions() {
        assertThatThrownBy(() -> new PortBitmap(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortBitmap(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

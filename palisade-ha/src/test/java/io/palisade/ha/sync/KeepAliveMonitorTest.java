package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.sync.KeepAliveMonitor.Change;
import io.palisade.ha.sync.KeepAliveMonitor.Health;
import org.junit.jupiter.api.Test;

class KeepAliveMonitorTest {
    static final long MS = 1_000_000L;

    @Test
    void upOnTheFirstKeepAliveDownAfterTheThresholdUpAgainWithTheOutage() {
        KeepAliveMonitor monitor = new KeepAliveMonitor(1000 * MS, 0);
        assertThat(monitor.health()).isEqualTo(Health.UNKNOWN);
        assertThat(monitor.onKeepAlive(100 * MS)).isEqualTo(new Change(Health.UP, 0));
        assertThat(monitor.onKeepAlive(200 * MS)).isNull();
        for (long t = 300; t < 1200; t += 100) {
            assertThat(monitor.check(t * MS)).isNull();
        }
        assertThat(monitor.check(1200 * MS)).isEqualTo(new Change(Health.DOWN, 1000 * MS));
        assertThat(monitor.check(1300 * MS)).isNull();
        assertThat(monitor.onKeepAlive(4200 * MS)).isEqualTo(new Change(Health.UP, 3000 * MS));
    }

    @Test
    void aPeerThatNeverSpeaksIsDownAfterTheThreshold() {
        KeepAliveMonitor monitor = new KeepAliveMonitor(1000 * MS, 0);
        for (long t = 100; t < 1000; t += 100) {
            assertThat(monitor.check(t * MS)).isNull();
        }
        assertThat(monitor.check(1000 * MS).to()).isEqualTo(Health.DOWN);
    }

    @Test
    void aPauseOfThisProcessPostponesTheVerdict() {
        KeepAliveMonitor monitor = new KeepAliveMonitor(1000 * MS, 0);
        monitor.onKeepAlive(0);
        assertThat(monitor.check(100 * MS)).isNull();
        // 5 s without a single check: keep-alives may be waiting unread; give them half a threshold.
        assertThat(monitor.check(5100 * MS)).isNull();
        assertThat(monitor.stalls()).isEqualTo(1);
        assertThat(monitor.onKeepAlive(5105 * MS)).isNull();
        assertThat(monitor.health()).isEqualTo(Health.UP);
        // Without the keep-alive, the verdict comes half a threshold after the pause.
        KeepAliveMonitor silent = new KeepAliveMonitor(1000 * MS, 0);
        silent.onKeepAlive(0);
        silent.check(100 * MS);
        assertThat(silent.check(5100 * MS)).isNull();
        assertThat(silent.check(5400 * MS)).isNull();
        assertThat(silent.check(5600 * MS).to()).isEqualTo(Health.DOWN);
    }
}

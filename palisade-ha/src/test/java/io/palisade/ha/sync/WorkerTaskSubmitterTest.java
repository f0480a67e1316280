package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.engine.WorkerTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerTaskSubmitterTest {
    @Test
    void anEngineEntryPointThatThrowsCountsAsRefused() {
        List<Integer> taken = new ArrayList<>();
        WorkerTaskSubmitter submitter = WorkerTaskSubmitter.of((worker, task) -> {
            if (worker == 1) {
                throw new IllegalStateException("queue full");
            }
            taken.add(worker);
        });
        WorkerTask task = (context, nowNs) -> {};
        assertThat(submitter.submit(0, task)).isTrue();
        assertThat(submitter.submit(1, task)).isFalse();
        assertThat(taken).containsExactly(0);
    }
}

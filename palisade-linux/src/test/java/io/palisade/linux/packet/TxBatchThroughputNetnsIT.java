package io.palisade.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test of speed: compares the transmit paths on a veth pair and prints frames per second. Runs
 * only with {@code -Dpalisade.bench=true}; the figures are in docs/design/linux-io.md.
 */
@RequiresNetns
@EnabledIfSystemProperty(named = "palisade.bench", matches = "true")
class TxBatchThroughputNetnsIT {
    static final long RUN_NS = 2_000_000_000L;

    @Test
    void comparesTransmitPaths() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            Namespace a = lab.namespace("a");
            Namespace b = lab.namespace("b");
            lab.veth(a, "a0", b, "b0");
            lab.up(a, "a0");
            lab.up(b, "b0");
            for (int round = 0; round < 3; round++) {
                run(a, b, TxMode.SENDMMSG, 1, round);
                run(a, b, TxMode.SENDMMSG, 32, round);
                run(a, b, TxMode.RING, 32, round);
                run(a, b, TxMode.SENDMMSG, 128, round);
                run(a, b, TxMode.RING, 128, round);
            }
        }
    }

    private static void run(Namespace a, Namespace b, TxMode mode, int batch, int round) throws Exception {
        AfPacketOptions options = AfPacketOptions.defaults().withTx(mode, batch, 128);
        try (AfPacketSocket tx = NetNamespace.call(a.name(), () -> AfPacketSocket.open("a0", options));
                AfPacketSocket rx =
                        NetNamespace.call(b.name(), () -> AfPacketSocket.open("b0", AfPacketOptions.defaults()));
                Arena arena = Arena.ofConfined()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong received = new AtomicLong();
            Thread receiver = Thread.ofPlatform().start(() -> {
                long count = 0;
                try {
                    while (running.get()) {
                        int n = rx.receive(frame -> {}, 1024);
                        count += n;
                        if (n == 0) {
                            rx.poll(10);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    received.set(count);
                }
            });
            MemorySegment frame = arena.allocate(64);
            // To a MAC nobody owns: b0 drops it at layer 2, so the kernel stack costs nothing extra.
            frame.asSlice(0, 6).fill((byte) 0x02);
            frame.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 12, (byte) 0x88);
            frame.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 13, (byte) 0xb5);
            FrameTransmitter transmitter = tx.transmitter();
            long sent = 0;
            long start = System.nanoTime();
            long end = start + RUN_NS;
            while (System.nanoTime() < end) {
                for (int i = 0; i < batch; i++) {
                    transmitter.add(frame, 0, 64);
                }
                sent += transmitter.flush();
            }
            long elapsed = System.nanoTime() - start;
            Thread.sleep(200);
            running.set(false);
            receiver.join();
            double seconds = elapsed / 1e9;
            System.out.printf(
                    "tx-bench round=%d mode=%s batch=%d tx=%.0f fps rx=%.0f fps ringBusy=%d backpressure=%d%n",
                    round,
                    mode,
                    batch,
                    sent / seconds,
                    received.get() / seconds,
                    tx.counters().get(AfPacketCounter.TX_RING_BUSY_DROP),
                    tx.counters().get(AfPacketCounter.TX_BACKPRESSURE_DROP));
            assertThat(sent).isPositive();
            assertThat(received.get()).isPositive();
        }
    }
}

package io.palisade.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.dataplane.engine.TrafficLogRecord;
import io.palisade.dataplane.engine.TrafficLogSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic log: workers hand records to a bounded queue (never blocking; when full the record is counted as
 * lost), a writer thread appends them as JSON lines to a size-rotated file.
 */
final class TrafficLogWriter implements TrafficLogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficLogWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<TrafficLogRecord> queue = new ArrayBlockingQueue<>(65_536);
    private final RotatingFile file;
    private final Thread writer;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;

    TrafficLogWriter(Path path, long maxBytes, int keep) throws IOException {
        this.file = new RotatingFile(path, maxBytes, keep);
        this.writer = Thread.ofPlatform().daemon(true).name("traffic-log").start(this::run);
    }

    @Override
    public void log(TrafficLogRecord record) {
        if (!queue.offer(record)) {
            lost.incrementAndGet();
        }
    }

    long lost() {
        return lost.get();
    }

    long written() {
        return written.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                TrafficLogRecord r = queue.poll(200, TimeUnit.MILLISECONDS);
                if (r == null) {
                    file.flush();
                    continue;
                }
                file.writeLine(JSON.writeValueAsString(r));
                written.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.error("traffic log write failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(2000);
            file.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the traffic log: {}", e.getMessage());
        }
    }
}

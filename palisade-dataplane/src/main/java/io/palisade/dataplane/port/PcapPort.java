package io.palisade.dataplane.port;

import io.palisade.dataplane.capture.CaptureFormatException;
import io.palisade.dataplane.capture.CaptureReader;
import io.palisade.dataplane.capture.PcapWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A capture-file port: frames are read once from {@code input} (as fast as the worker takes them) and frames
 * sent are written to {@code output}. For running a node against recorded traffic; {@code ./palisade replay}
 * drives the engine directly instead.
 */
public final class PcapPort implements Port {
    private final String name;
    private final CaptureReader reader;
    private final PcapWriter writer;
    private volatile boolean adminUp = true;
    private boolean exhausted;

    public PcapPort(String name, Path input, Path output) {
        this.name = name;
        try {
            this.reader = CaptureReader.open(input);
            this.writer = output == null
                    ? null
                    : PcapWriter.create(
                            output,
                            io.palisade.dataplane.packet.LinkType.ETHERNET,
                            io.palisade.dataplane.capture.TimestampPrecision.MICROSECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("interface " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int queues() {
        return 1;
    }

    @Override
    public int receive(int queue, FrameBatch batch) {
        int n = 0;
        try {
            while (!exhausted && !batch.isFull()) {
                if (!reader.next()) {
                    exhausted = true;
                    break;
                }
                if (batch.add(reader.frame(), 0, reader.capturedLength(), 0)) {
                    n++;
                }
            }
        } catch (CaptureFormatException e) {
            exhausted = true; // the good frames before the damage were delivered
        }
        return n;
    }

    @Override
    public synchronized boolean send(int queue, MemorySegment frame, int length) {
        if (writer == null) {
            return true;
        }
        try {
            writer.write(frame, length, length, System.nanoTime());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean linkUp() {
        return true;
    }

    @Override
    public void setAdminUp(boolean up) {
        adminUp = up;
    }

    @Override
    public boolean adminUp() {
        return adminUp;
    }

    @Override
    public synchronized void close() {
        try {
            reader.close();
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            // closing files at shutdown: nothing useful to do
        }
    }
}

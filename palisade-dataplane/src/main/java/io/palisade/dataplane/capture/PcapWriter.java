package io.palisade.dataplane.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (layout in {@link PcapReader}): a 24-byte file header, then a 16-byte record header
 * and the captured bytes per frame. Frames longer than the snapshot length are cut to it, keeping their original
 * length. Reuses its buffers, so writing a frame allocates nothing. Not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {
    /** Snapshot length written by {@link #create}. */
    public static final int DEFAULT_SNAP_LENGTH = CaptureReader.MAX_FRAME;

    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private final OutputStream out;
    private final TimestampPrecision precision;
    private final int snapLength;
    private final ByteBuffer header;
    private byte[] buffer = new byte[2048];
    private long framesWritten;

    /**
     * Writes the file header to {@code out}.
     *
     * @param linkType the {@code LINKTYPE_*} of every frame, e.g. 1 for Ethernet
     * @param order the byte order of the header fields (readers accept both)
     */
    public PcapWriter(OutputStream out, int linkType, TimestampPrecision precision, ByteOrder order, int snapLength)
            throws IOException {
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snapshot length must be positive: " + snapLength);
        }
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.precision = precision;
        this.snapLength = snapLength;
        this.header = ByteBuffer.allocate(PcapReader.FILE_HEADER).order(order);
        header.putInt(precision.magic())
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0);
        header.putInt(snapLength).putInt(linkType);
        this.out.write(header.array(), 0, PcapReader.FILE_HEADER);
        header.clear();
    }

    /** Creates (or replaces) {@code file}, little-endian with the default snapshot length. */
    public static PcapWriter create(Path file, int linkType, TimestampPrecision precision) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        try {
            return new PcapWriter(stream, linkType, precision, ByteOrder.LITTLE_ENDIAN, DEFAULT_SNAP_LENGTH);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Writes the whole of {@code frame} as captured at {@code timestampNs} (nanoseconds since the epoch). */
    public void write(MemorySegment frame, long timestampNs) throws IOException {
        int length = (int) Math.min(frame.byteSize(), Integer.MAX_VALUE);
        write(frame, length, length, timestampNs);
    }

    /**
     * Writes the first {@code capturedLength} bytes of {@code frame}, recording {@code originalLength} as its length
     * on the wire.
     */
    public void write(MemorySegment frame, int capturedLength, int originalLength, long timestampNs)
            throws IOException {
        if (capturedLength < 0 || capturedLength > frame.byteSize()) {
            throw new IllegalArgumentException(
                    "captured length " + capturedLength + " outside the frame of " + frame.byteSize() + " bytes");
        }
        long seconds = Math.floorDiv(timestampNs, 1_000_000_000L);
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("timestamp outside the pcap range: " + timestampNs + " ns");
        }
        int captured = Math.min(capturedLength, snapLength);
        long fraction = Math.floorMod(timestampNs, 1_000_000_000L) / precision.nanosPerUnit();
        header.clear();
        header.putInt((int) seconds).putInt((int) fraction).putInt(captured);
        header.putInt(Math.max(originalLength, capturedLength));
        out.write(header.array(), 0, PcapReader.RECORD_HEADER);
        if (buffer.length < captured) {
            buffer = new byte[Math.max(captured, buffer.length * 2)];
        }
        MemorySegment.copy(frame, ValueLayout.JAVA_BYTE, 0, buffer, 0, captured);
        out.write(buffer, 0, captured);
        framesWritten++;
    }

    /** Frames written so far. */
    public long framesWritten() {
        return framesWritten;
    }

    /** Pushes buffered frames to the underlying stream. */
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}

package io.palisade.dataplane.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the frames of a pcap or pcapng capture, detected by its magic number. The file is mapped (or given) as one
 * {@link MemorySegment} and each frame is a slice of it, so nothing is copied; a frame stays valid until the
 * reader is closed.
 *
 * <pre>{@code
 * try (CaptureReader reader = CaptureReader.open(path)) {
 *     while (reader.next()) {
 *         handle(reader.frame(), reader.linkType(), reader.timestampNs());
 *     }
 * } catch (CaptureFormatException e) {
 *     // every frame before e.frameNumber() was yielded; e.getMessage() says what is wrong and where
 * }
 * }</pre>
 *
 * A damaged file yields every good frame before the damage, then {@link #next()} throws
 * {@link CaptureFormatException} (and keeps throwing it). Not thread-safe: one reader per thread.
 */
public abstract sealed class CaptureReader implements AutoCloseable permits PcapReader, PcapngReader {
    /** Largest captured length accepted in a pcap record, libpcap's maximum snapshot length. */
    public static final int MAX_FRAME = 262_144;

    static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final MemorySegment data;
    final long size;
    private final Arena arena;
    private CaptureFormatException failure;

    MemorySegment frame = MemorySegment.NULL;
    long timestampNs;
    int linkType;
    int capturedLength;
    int originalLength;
    int interfaceId;
    long framesRead;
    long frameOffset;

    CaptureReader(MemorySegment data, Arena arena) {
        this.data = data;
        this.size = data.byteSize();
        this.arena = arena;
    }

    /** Maps {@code file} and reads its header; the reader owns the mapping until {@link #close()}. */
    public static CaptureReader open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            MemorySegment data = length == 0
                    ? MemorySegment.ofArray(new byte[0])
                    : channel.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
            return detect(data, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Reads a capture held in memory (the caller keeps it alive while frames are used). */
    public static CaptureReader of(MemorySegment data) throws CaptureFormatException {
        return detect(data, null);
    }

    /** Reads a capture held in a byte array. */
    public static CaptureReader of(byte[] bytes) throws CaptureFormatException {
        return detect(MemorySegment.ofArray(bytes), null);
    }

    private static CaptureReader detect(MemorySegment data, Arena arena) throws CaptureFormatException {
        if (data.byteSize() < 4) {
            throw new CaptureFormatException(
                    "not a capture: " + data.byteSize() + " bytes, too short for a magic number", 0, 1);
        }
        int magic = data.get(INT_BE, 0);
        if (PcapReader.isMagic(magic)) {
            return new PcapReader(data, arena);
        }
        if (magic == PcapngReader.SECTION_HEADER) {
            return new PcapngReader(data, arena);
        }
        throw new CaptureFormatException(
                "not a pcap or pcapng file (magic 0x%08x)".formatted(Integer.toUnsignedLong(magic)), 0, 1);
    }

    /**
     * Moves to the next frame.
     *
     * @return false at the clean end of the file
     * @throws CaptureFormatException when the file is damaged here; later calls throw it again
     */
    public final boolean next() throws CaptureFormatException {
        if (failure != null) {
            throw failure;
        }
        try {
            return advance();
        } catch (CaptureFormatException e) {
            failure = e;
            throw e;
        }
    }

    abstract boolean advance() throws CaptureFormatException;

    /** The file's format. */
    public abstract CaptureFormat format();

    /** Makes the exception for a problem found at {@code offset} while reading the next frame. */
    final CaptureFormatException corrupt(String problem, long offset) {
        return new CaptureFormatException(format().label() + ": " + problem, offset, framesRead + 1);
    }

    /** Sets the current frame; called by the format readers. */
    final void yieldFrame(long dataOffset, int captured, long original, long tsNs, int link, int iface, long at) {
        frame = data.asSlice(dataOffset, captured);
        capturedLength = captured;
        originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        timestampNs = tsNs;
        linkType = link;
        interfaceId = iface;
        frameOffset = at;
        framesRead++;
    }

    /** The current frame's captured bytes. */
    public final MemorySegment frame() {
        return frame;
    }

    /** Capture time of the current frame in nanoseconds since the epoch. */
    public final long timestampNs() {
        return timestampNs;
    }

    /** Link type of the current frame (pcap: the file's; pcapng: its interface's), low 16 bits. */
    public final int linkType() {
        return linkType;
    }

    /** Bytes captured of the current frame (the size of {@link #frame()}). */
    public final int capturedLength() {
        return capturedLength;
    }

    /** Length of the current frame on the wire. */
    public final int originalLength() {
        return originalLength;
    }

    /** pcapng interface id of the current frame (0 for pcap). */
    public final int interfaceId() {
        return interfaceId;
    }

    /** Frames yielded so far; the current frame's 1-based number. */
    public final long framesRead() {
        return framesRead;
    }

    /** Byte offset of the current frame's record or block. */
    public final long frameOffset() {
        return frameOffset;
    }

    /** Unmaps the file when this reader mapped it; frames are invalid afterwards. */
    @Override
    public void close() {
        frame = MemorySegment.NULL;
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }
}

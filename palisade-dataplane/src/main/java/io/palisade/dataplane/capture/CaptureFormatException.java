package io.palisade.dataplane.capture;

import java.io.IOException;

/**
 * A capture file is truncated or corrupt. The message names the problem, the byte offset where it was found and
 * the number of the frame being read (1-based; every frame before it was good and has been yielded).
 */
public final class CaptureFormatException extends IOException {
    private final long byteOffset;
    private final long frameNumber;

    public CaptureFormatException(String problem, long byteOffset, long frameNumber) {
        super(problem + " at byte offset " + byteOffset + " (frame " + frameNumber + ")");
        this.byteOffset = byteOffset;
        this.frameNumber = frameNumber;
    }

    /** Offset in the file of the record or block that is wrong. */
    public long byteOffset() {
        return byteOffset;
    }

    /** 1-based number of the frame that could not be read; {@code frameNumber - 1} frames were read. */
    public long frameNumber() {
        return frameNumber;
    }
}

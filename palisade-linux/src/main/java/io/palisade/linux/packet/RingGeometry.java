package io.palisade.linux.packet;

/**
 * TPACKET_V3 RX ring shape: {@code blockCount} blocks of {@code blockSize} bytes, each holding variable-length
 * frames; the kernel hands a block over when it is full or {@code blockTimeoutMs} after its first frame, which
 * bounds latency on a quiet link.
 *
 * @param blockSize bytes per block; a multiple of the 4 KiB page size, at most 4 MiB
 * @param blockCount number of blocks, at least 2
 * @param frameSize nominal frame size used only to derive the kernel's frame count; a multiple of 16
 * @param blockTimeoutMs block retire timeout in milliseconds, 1 to 1000
 */
public record RingGeometry(int blockSize, int blockCount, int frameSize, int blockTimeoutMs) {
    public static final int PAGE_SIZE = 4096;
    static final int MAX_BLOCK_SIZE = 4 << 20;

    public RingGeometry {
        if (blockSize <= 0 || blockSize % PAGE_SIZE != 0 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException(
                    "ring block size " + blockSize + " must be a multiple of " + PAGE_SIZE + " up to 4 MiB");
        }
        if (blockCount < 2) {
            throw new IllegalArgumentException("ring needs at least 2 blocks, got " + blockCount);
        }
        if (frameSize < 64 || frameSize % 16 != 0 || frameSize > blockSize) {
            throw new IllegalArgumentException(
                    "ring frame size " + frameSize + " must be a multiple of 16 between 64 and the block size");
        }
        if (blockTimeoutMs < 1 || blockTimeoutMs > 1000) {
            throw new IllegalArgumentException("block timeout " + blockTimeoutMs + " ms must be 1 to 1000");
        }
        if ((long) blockSize * blockCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ring larger than 2 GiB");
        }
    }

    /** 4 blocks of 1 MiB, 2 KiB nominal frames, 4 ms timeout: room for GRO-sized frames, low idle latency. */
    public static RingGeometry defaults() {
        return new RingGeometry(1 << 20, 4, 2048, 4);
    }

    public long totalBytes() {
        return (long) blockSize * blockCount;
    }

    int frameCount() {
        return blockSize / frameSize * blockCount;
    }
}

package io.palisade.dataplane.nat;

/**
 * The free ports of one translated address within one worker's partition: the ports {@code p} in 1024-65535 with
 * {@code p % workerCount == workerIndex}, so workers never share this state.
 *
 * <p>Two-level bitmap: one bit per port slot, and a summary bit per 64-slot word that is full. Finding a free port
 * from the cursor scans at most one slot word and the summary (16 words for a single worker), so allocation is O(1)
 * in practice and never allocates. The cursor moves forward past each allocated port, so a port just released is
 * reused as late as possible (the peer's TIME_WAIT for the old connection has the longest time to expire).
 */
public final class PortBitmap {
    /** Lowest port handed out (ports below are well-known and registered service ports). */
    public static final int FIRST_PORT = 1024;
    /** Highest port handed out. */
    public static final int LAST_PORT = 65535;

    private final int firstPort;
    private final int stride;
    private final int slots;
    private final int wordCount;
    private final long[] used;
    private final long[] fullWords;
    private int cursor;
    private int free;
    private int lastAttempts;

    /** The partition of {@code workerIndex} among {@code workerCount} workers. */
    public PortBitmap(int workerIndex, int workerCount) {
        if (workerCount < 1 || workerIndex < 0 || workerIndex >= workerCount) {
            throw new IllegalArgumentException("worker " + workerIndex + " of " + workerCount);
        }
        this.stride = workerCount;
        this.firstPort = FIRST_PORT + Math.floorMod(workerIndex - FIRST_PORT, workerCount);
        this.slots = firstPort > LAST_PORT ? 0 : (LAST_PORT - firstPort) / workerCount + 1;
        this.wordCount = Math.max(1, (slots + 63) >>> 6);
        this.used = new long[wordCount];
        this.fullWords = new long[(wordCount + 63) >>> 6];
        this.free = slots;
        // Slots past the end are permanently "used", so the search never has to bound-check them.
        for (int s = slots; s < wordCount * 64; s++) {
            used[s >>> 6] |= 1L << s;
        }
        for (int w = 0; w < fullWords.length * 64; w++) {
            if (w >= wordCount || used[w] == -1L) {
                fullWords[w >>> 6] |= 1L << w;
            }
        }
    }

    /** Number of ports in this partition. */
    public int capacity() {
        return slots;
    }

    public int free() {
        return free;
    }

    /** Candidates tested by the last {@link #allocate(PortChooser, int, long, long, int)} call. */
    public int lastAttempts() {
        return lastAttempts;
    }

    /** Whether a port belongs to this partition. */
    public boolean owns(int port) {
        return port >= firstPort && port <= LAST_PORT && (port - firstPort) % stride == 0;
    }

    public boolean allocated(int port) {
        if (!owns(port)) {
            return false;
        }
        int slot = (port - firstPort) / stride;
        return (used[slot >>> 6] & (1L << slot)) != 0;
    }

    /** Takes the next free port, or returns -1 when the partition is exhausted. */
    public int allocate() {
        if (free == 0) {
            return -1;
        }
        int slot = nextFree(cursor);
        take(slot);
        return firstPort + slot * stride;
    }

    /**
     * Takes the first free port from the cursor on that {@code chooser} accepts, testing at most {@code budget}
     * candidates; returns -1 if none is accepted (or none is free). {@link #lastAttempts} tells how many were tested.
     */
    public int allocate(PortChooser chooser, int ipVersion, long addressHi, long addressLo, int budget) {
        lastAttempts = 0;
        int limit = Math.min(budget, free);
        int position = cursor;
        while (lastAttempts < limit) {
            int slot = nextFree(position);
            lastAttempts++;
            int port = firstPort + slot * stride;
            if (chooser.accept(ipVersion, addressHi, addressLo, port)) {
                take(slot);
                return port;
            }
            position = slot + 1 == slots ? 0 : slot + 1;
        }
        return -1;
    }

    /**
     * Takes a given port (a session installed from the HA peer holds it); the cursor does not move. Returns false
     * when it is not in this partition or already taken.
     */
    public boolean reserve(int port) {
        if (!owns(port) || allocated(port)) {
            return false;
        }
        int slot = (port - firstPort) / stride;
        int w = slot >>> 6;
        used[w] |= 1L << slot;
        if (used[w] == -1L) {
            fullWords[w >>> 6] |= 1L << w;
        }
        free--;
        return true;
    }

    /** Returns a port; false if it is not in this partition or not allocated (a double release). */
    public boolean release(int port) {
        if (!allocated(port)) {
            return false;
        }
        int slot = (port - firstPort) / stride;
        int w = slot >>> 6;
        if (used[w] == -1L) {
            fullWords[w >>> 6] &= ~(1L << w);
        }
        used[w] &= ~(1L << slot);
        free++;
        return true;
    }

    private void take(int slot) {
        int w = slot >>> 6;
        used[w] |= 1L << slot;
        if (used[w] == -1L) {
            fullWords[w >>> 6] |= 1L << w;
        }
        free--;
        cursor = slot + 1 == slots ? 0 : slot + 1;
    }

    /** The first free slot at or after {@code from}, cyclically; only called when {@code free > 0}. */
    private int nextFree(int from) {
        int w = from >>> 6;
        long avail = ~used[w] & (-1L << from);
        if (avail != 0) {
            return (w << 6) + Long.numberOfTrailingZeros(avail);
        }
        int next = nonFullWordFrom(w + 1 == wordCount ? 0 : w + 1);
        return (next << 6) + Long.numberOfTrailingZeros(~used[next]);
    }

    /** The first word at or after {@code from} (cyclically) with a free slot. */
    private int nonFullWordFrom(int from) {
        int s = from >>> 6;
        long bits = ~fullWords[s] & (-1L << from);
        if (bits != 0) {
            return (s << 6) + Long.numberOfTrailingZeros(bits);
        }
        for (int i = 1; i <= fullWords.length; i++) {
            int ss = (s + i) % fullWords.length;
            bits = ~fullWords[ss];
            if (bits != 0) {
                return (ss << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        throw new IllegalStateException("free count says a port is free but none is");
    }
}

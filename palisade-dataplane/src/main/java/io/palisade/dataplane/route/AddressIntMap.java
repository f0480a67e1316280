package io.palisade.dataplane.route;

/**
 * A fixed-capacity open-addressing map from an address to a non-negative int, allocation-free after construction.
 * Linear probing with backward-shift deletion (no tombstones, so lookups stay short after many removals).
 *
 * <p>Not thread-safe. Tables built once and never modified afterwards (route tables, User-ID maps) are safe to share
 * when published through a final field; mutable ones belong to one worker.
 */
public final class AddressIntMap {
    /** Returned by {@link #get} when the address is absent. */
    public static final int ABSENT = -1;

    private final int[] versions;
    private final long[] his;
    private final long[] los;
    private final int[] values;
    private final int mask;
    private final int maxSize;
    private int size;

    /** A map that holds up to {@code maxSize} entries at a load factor of at most one half. */
    public AddressIntMap(int maxSize) {
        int capacity = Integer.highestOneBit(Math.max(4, maxSize) * 2 - 1) << 1;
        this.versions = new int[capacity];
        this.his = new long[capacity];
        this.los = new long[capacity];
        this.values = new int[capacity];
        this.mask = capacity - 1;
        this.maxSize = Math.max(4, maxSize);
    }

    public int size() {
        return size;
    }

    /** The value for an address, or {@link #ABSENT}. */
    public int get(int version, long hi, long lo) {
        int i = IpBits.hash(version, hi, lo) & mask;
        while (versions[i] != 0) {
            if (versions[i] == version && los[i] == lo && his[i] == hi) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /**
     * Sets the value for an address.
     *
     * @return false when the map is full and the address is new (nothing changes)
     */
    public boolean put(int version, long hi, long lo, int value) {
        int i = IpBits.hash(version, hi, lo) & mask;
        while (versions[i] != 0) {
            if (versions[i] == version && los[i] == lo && his[i] == hi) {
                values[i] = value;
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size == maxSize) {
            return false;
        }
        versions[i] = version;
        his[i] = hi;
        los[i] = lo;
        values[i] = value;
        size++;
        return true;
    }

    /** Removes an address; returns its value or {@link #ABSENT}. */
    public int remove(int version, long hi, long lo) {
        int i = IpBits.hash(version, hi, lo) & mask;
        while (versions[i] != 0) {
            if (versions[i] == version && los[i] == lo && his[i] == hi) {
                int old = values[i];
                shiftBack(i);
                size--;
                return old;
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /** Fills the hole at {@code hole} with later entries of the same probe run, so lookups never stop early. */
    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (versions[i] == 0) {
                versions[hole] = 0;
                return;
            }
            int home = IpBits.hash(versions[i], his[i], los[i]) & mask;
            // The entry at i may move into the hole only if its home slot is not in (hole, i] cyclically.
            boolean homeBetween = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (!homeBetween) {
                versions[hole] = versions[i];
                his[hole] = his[i];
                los[hole] = los[i];
                values[hole] = values[i];
                hole = i;
            }
        }
    }
}

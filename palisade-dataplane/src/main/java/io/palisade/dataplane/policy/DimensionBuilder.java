package io.palisade.dataplane.policy;

import io.palisade.dataplane.route.IpBits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one dimension of a bit-vector classifier: the key space cut into elementary intervals, each mapped to the
 * bit set of classifier entries whose condition covers it.
 *
 * <p>A sweep over the sorted interval end points keeps a per-entry cover count and snapshots the current bit set at
 * each point; adjacent intervals with equal sets merge, and equal sets share one stored row. Keys are unsigned 128-bit
 * values; narrow dimensions (IPv4, ports, ids) use the low half only.
 */
final class DimensionBuilder {
    private long[] pointHi = new long[64];
    private long[] pointLo = new long[64];
    private int[] entryOf = new int[64];
    private int[] delta = new int[64];
    private int events;

    static int wordsFor(int entries) {
        return Math.max(1, (entries + 63) >>> 6);
    }

    /** Entry {@code entry} covers the inclusive 128-bit interval. */
    void add(int entry, long firstHi, long firstLo, long lastHi, long lastLo) {
        event(firstHi, firstLo, entry, 1);
        if (lastHi != -1L || lastLo != -1L) {
            long nextLo = lastLo + 1;
            event(nextLo == 0 ? lastHi + 1 : lastHi, nextLo, entry, -1);
        }
    }

    /** Entry {@code entry} covers the inclusive interval of non-negative narrow keys. */
    void add(int entry, long first, long last) {
        add(entry, 0, first, 0, last);
    }

    /** Entry {@code entry} covers every key. */
    void addAll(int entry) {
        add(entry, 0, 0, -1L, -1L);
    }

    /** Entry covers the key intervals given low and high interleaved. */
    void addIntervals(int entry, int[] lowHigh) {
        for (int i = 0; i < lowHigh.length; i += 2) {
            add(entry, lowHigh[i], lowHigh[i + 1]);
        }
    }

    /** The dimension for a classifier of {@code entries} entries. */
    LongDimension narrow(int entries) {
        Sweep s = sweep(entries);
        return new LongDimension(s.pointLo, s.rowBases, s.firstWords, s.lastWords, s.bits);
    }

    WideDimension wide(int entries) {
        Sweep s = sweep(entries);
        return new WideDimension(s.pointHi, s.pointLo, s.rowBases, s.firstWords, s.lastWords, s.bits);
    }

    private void event(long hi, long lo, int entry, int d) {
        if (events == pointHi.length) {
            int n = events * 2;
            pointHi = Arrays.copyOf(pointHi, n);
            pointLo = Arrays.copyOf(pointLo, n);
            entryOf = Arrays.copyOf(entryOf, n);
            delta = Arrays.copyOf(delta, n);
        }
        pointHi[events] = hi;
        pointLo[events] = lo;
        entryOf[events] = entry;
        delta[events] = d;
        events++;
    }

    /** Interval starts, and per interval its row's base and first and last non-zero word. */
    private record Sweep(
            long[] pointHi, long[] pointLo, int[] rowBases, int[] firstWords, int[] lastWords, long[] bits) {}

    private Sweep sweep(int entries) {
        int words = wordsFor(entries);
        Integer[] order = new Integer[events];
        for (int i = 0; i < events; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> IpBits.compare(pointHi[a], pointLo[a], pointHi[b], pointLo[b]));
        int[] cover = new int[entries];
        long[] current = new long[words];
        Rows rows = new Rows();
        List<long[]> points = new ArrayList<>();
        List<Integer> rowIds = new ArrayList<>();
        int i = 0;
        boolean atZero = events > 0 && pointHi[order[0]] == 0 && pointLo[order[0]] == 0;
        if (!atZero) {
            emit(points, rowIds, 0, 0, rows.id(current));
        }
        while (i < events) {
            long hi = pointHi[order[i]];
            long lo = pointLo[order[i]];
            while (i < events && pointHi[order[i]] == hi && pointLo[order[i]] == lo) {
                apply(order[i], cover, current);
                i++;
            }
            emit(points, rowIds, hi, lo, rows.id(current));
        }
        long[] his = new long[points.size()];
        long[] los = new long[points.size()];
        int[] bases = new int[points.size()];
        int[] firsts = new int[points.size()];
        int[] lasts = new int[points.size()];
        for (int p = 0; p < his.length; p++) {
            int row = rowIds.get(p);
            his[p] = points.get(p)[0];
            los[p] = points.get(p)[1];
            firsts[p] = rows.first(row);
            lasts[p] = rows.last(row);
            bases[p] = rows.offset(row) - rows.first(row);
        }
        return new Sweep(his, los, bases, firsts, lasts, rows.bits());
    }

    private void apply(int event, int[] cover, long[] current) {
        int e = entryOf[event];
        int before = cover[e];
        cover[e] += delta[event];
        if (before == 0 && cover[e] > 0) {
            current[e >>> 6] |= 1L << e;
        } else if (before > 0 && cover[e] == 0) {
            current[e >>> 6] &= ~(1L << e);
        }
    }

    private static void emit(List<long[]> points, List<Integer> rowIds, long hi, long lo, int rowId) {
        if (!rowIds.isEmpty() && rowIds.getLast() == rowId) {
            return;
        }
        points.add(new long[] {hi, lo});
        rowIds.add(rowId);
    }

    /**
     * Distinct bit-set rows. Only each row's window from its first to its last non-zero word is stored: a lookup scans
     * only words inside every dimension's window, so the words outside are never read. Rules over distinct subnets
     * or ports then cost one word per row instead of one word per 64 rules.
     */
    private static final class Rows {
        private final Map<Key, Integer> ids = new HashMap<>();
        private final List<long[]> stored = new ArrayList<>();
        private final List<int[]> windows = new ArrayList<>();
        private int size;

        int id(long[] row) {
            Key k = new Key(row.clone());
            Integer id = ids.get(k);
            if (id == null) {
                id = stored.size();
                ids.put(k, id);
                int first = 0;
                while (first < row.length && row[first] == 0) {
                    first++;
                }
                int last = row.length - 1;
                while (last >= first && row[last] == 0) {
                    last--;
                }
                if (first > last) {
                    // An empty row: the scan window becomes empty, nothing is ever read from it.
                    first = row.length;
                    last = -1;
                }
                stored.add(first > last ? new long[0] : Arrays.copyOfRange(row, first, last + 1));
                windows.add(new int[] {size, first, last});
                size += Math.max(0, last - first + 1);
            }
            return id;
        }

        int offset(int row) {
            return windows.get(row)[0];
        }

        int first(int row) {
            return windows.get(row)[1];
        }

        int last(int row) {
            return windows.get(row)[2];
        }

        long[] bits() {
            long[] out = new long[size];
            for (int r = 0; r < stored.size(); r++) {
                System.arraycopy(stored.get(r), 0, out, offset(r), stored.get(r).length);
            }
            return out;
        }

        private record Key(long[] bits) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && Arrays.equals(bits, k.bits);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(bits);
            }
        }
    }
}

package io.palisade.dataplane.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The zone dimensions, pre-joined: for every (source zone, destination zone) pair, the classifier words that hold a
 * candidate entry and the candidate bits in those words. A lookup only visits words where the pair has candidates, so
 * rules written for other zone pairs cost nothing. Index {@code zoneCount} stands for an unknown zone, which only
 * {@code any} matches. Memory: {@code (zones + 1)^2} pairs times 12 bytes per non-empty word.
 */
final class ZonePairs {
    private static final int[] NO_WORDS = new int[0];
    private static final long[] NO_MASKS = new long[0];

    private final int slots;
    private final int[][] words;
    private final long[][] masks;

    private ZonePairs(int slots, int[][] words, long[][] masks) {
        this.slots = slots;
        this.words = words;
        this.masks = masks;
    }

    /**
     * @param from per entry: source zone ids, or null for any
     * @param to per entry: destination zone ids, or null for any
     */
    static ZonePairs build(int zoneCount, List<int[]> from, List<int[]> to) {
        int slots = zoneCount + 1;
        int entries = from.size();
        int w = DimensionBuilder.wordsFor(entries);
        long[][] fromBits = zoneBits(slots, w, from);
        long[][] toBits = zoneBits(slots, w, to);
        int[][] words = new int[slots * slots][];
        long[][] masks = new long[slots * slots][];
        for (int s = 0; s < slots; s++) {
            for (int d = 0; d < slots; d++) {
                List<Integer> idx = new ArrayList<>();
                List<Long> bits = new ArrayList<>();
                for (int k = 0; k < w; k++) {
                    long m = fromBits[s][k] & toBits[d][k];
                    if (m != 0) {
                        idx.add(k);
                        bits.add(m);
                    }
                }
                int p = s * slots + d;
                words[p] = idx.isEmpty()
                        ? NO_WORDS
                        : idx.stream().mapToInt(Integer::intValue).toArray();
                masks[p] = bits.isEmpty()
                        ? NO_MASKS
                        : bits.stream().mapToLong(Long::longValue).toArray();
            }
        }
        return new ZonePairs(slots, words, masks);
    }

    private static long[][] zoneBits(int slots, int w, List<int[]> zones) {
        long[][] bits = new long[slots][w];
        for (int e = 0; e < zones.size(); e++) {
            int[] z = zones.get(e);
            if (z == null) {
                for (int s = 0; s < slots; s++) {
                    bits[s][e >>> 6] |= 1L << e;
                }
            } else {
                for (int id : z) {
                    bits[id][e >>> 6] |= 1L << e;
                }
            }
        }
        return bits;
    }

    int index(int srcZone, int dstZone) {
        int s = srcZone >= 0 && srcZone < slots - 1 ? srcZone : slots - 1;
        int d = dstZone >= 0 && dstZone < slots - 1 ? dstZone : slots - 1;
        return s * slots + d;
    }

    int[] words(int pair) {
        return words[pair];
    }

    long[] masks(int pair) {
        return masks[pair];
    }

    long bytes() {
        long total = 0;
        for (int p = 0; p < words.length; p++) {
            total += words[p].length * 12L + 32;
        }
        return total;
    }
}

package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongDimensionTest {

    private static LongDimension dimension(long[] starts) {
        int n = starts.length;
        return new LongDimension(starts, new int[n], new int[n], new int[n], new long[0]);
    }

    /** The interval holding a key, by a linear scan: the last start at most the key, else 0. */
    private static int reference(long[] starts, long key) {
        int found = 0;
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] <= key) {
                found = i;
            }
        }
        return found;
    }

    private static long[] starts(SplittableRandom r, int count, long bound) {
        TreeSet<Long> set = new TreeSet<>();
        set.add(0L);
        while (set.size() < count) {
            set.add(r.nextLong(bound));
        }
        return set.stream().mapToLong(Long::longValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 31, 32, 33, 100, 2001})
    void findAgreesWithAScanForSpreadAndClusteredStarts(int count) {
        SplittableRandom r = new SplittableRandom(count);
        long[][] cases = {
            starts(r, count, 1L << 32), // spread over the IPv4 space
            starts(r, count, count * 3L), // dense
            starts(r, count, Long.MAX_VALUE), // the widest span
        };
        for (long[] s : cases) {
            LongDimension d = dimension(s);
            for (int q = 0; q < 5_000; q++) {
                long key = q % 2 == 0 ? r.nextLong(s[s.length - 1] + 2) : s[r.nextInt(s.length)] - r.nextInt(2);
                key = Math.max(0, key);
                assertThat(d.find(key)).as("key %d", key).isEqualTo(reference(s, key));
            }
            assertThat(d.find(Long.MAX_VALUE)).isEqualTo(s.length - 1);
            assertThat(d.find(0)).isEqualTo(0);
        }
    }

    /** Most starts in a narrow range and one far away: a bucket then holds many intervals. */
    @ParameterizedTest
    @ValueSource(ints = {40, 1000})
    void findAgreesWithAScanWhenOneStartIsFarFromTheRest(int count) {
        SplittableRandom r = new SplittableRandom(count);
        long[] s = starts(r, count, 1000);
        s[s.length - 1] = 1L << 40;
        LongDimension d = dimension(s);
        for (int q = 0; q < 5_000; q++) {
            long key = q % 3 == 0 ? r.nextLong(1L << 41) : r.nextLong(1100);
            assertThat(d.find(key)).as("key %d", key).isEqualTo(reference(s, key));
        }
    }
}

package io.palisade.dataplane.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixed-capacity address map against a HashMap reference. */
class AddressIntMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        AddressIntMap map = new AddressIntMap(64);
        Map<Ip, Integer> reference = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 20_000; step++) {
            // A small key space so puts, hits and removes all happen often and probe runs collide.
            Ip key = random.nextBoolean()
                    ? Ip.v4(random.nextInt(100))
                    : new Ip(IpBits.V6, random.nextInt(3), random.nextInt(40));
            int op = random.nextInt(3);
            if (op == 0 && (reference.size() < 64 || reference.containsKey(key))) {
                int value = random.nextInt(1000);
                assertThat(map.put(key.version(), key.hi(), key.lo(), value)).isTrue();
                reference.put(key, value);
            } else if (op == 1) {
                Integer expected = reference.remove(key);
                assertThat(map.remove(key.version(), key.hi(), key.lo()))
                        .isEqualTo(expected == null ? AddressIntMap.ABSENT : expected);
            } else {
                Integer expected = reference.get(key);
                assertThat(map.get(key.version(), key.hi(), key.lo()))
                        .isEqualTo(expected == null ? AddressIntMap.ABSENT : expected);
            }
            assertThat(map.size()).isEqualTo(reference.size());
        }
    }

    @Test
    void refusesNewKeysWhenFull() {
        AddressIntMap map = new AddressIntMap(4);
        for (int i = 0; i < 4; i++) {
            assertThat(map.put(4, 0, i, i)).isTrue();
        }
        assertThat(map.put(4, 0, 99, 1)).isFalse();
        assertThat(map.put(4, 0, 2, 7))
                .as("updating an existing key still works")
                .isTrue();
        assertThat(map.get(4, 0, 2)).isEqualTo(7);
    }

    @Test
    void sameBitsInDifferentVersionsAreDifferentKeys() {
        AddressIntMap map = new AddressIntMap(4);
        map.put(IpBits.V4, 0, 5, 1);
        map.put(IpBits.V6, 0, 5, 2);
        assertThat(map.get(IpBits.V4, 0, 5)).isEqualTo(1);
        assertThat(map.get(IpBits.V6, 0, 5)).isEqualTo(2);
    }
}

package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.AddressIntMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-address objects of one worker (port bitmaps, dynamic-ip bindings) with their addresses, found by address
 * without allocating. Filled while a worker state is built, then only read.
 *
 * @param <T> the per-address object
 */
final class AddressList<T> {
    private final AddressIntMap index;
    private final List<T> values = new ArrayList<>();
    private final List<long[]> addresses = new ArrayList<>();

    AddressList(int maxSize) {
        this.index = new AddressIntMap(maxSize);
    }

    /** The object of an address, or null. */
    T get(int version, long hi, long lo) {
        int i = index.get(version, hi, lo);
        return i == AddressIntMap.ABSENT ? null : values.get(i);
    }

    /** The object already registered for the address, else registers and returns {@code value}. */
    T getOrAdd(int version, long hi, long lo, T value) {
        T existing = get(version, hi, lo);
        if (existing != null) {
            return existing;
        }
        index.put(version, hi, lo, values.size());
        values.add(value);
        addresses.add(new long[] {version, hi, lo});
        return value;
    }

    int size() {
        return values.size();
    }

    T value(int i) {
        return values.get(i);
    }

    int version(int i) {
        return (int) addresses.get(i)[0];
    }

    long hi(int i) {
        return addresses.get(i)[1];
    }

    long lo(int i) {
        return addresses.get(i)[2];
    }
}

package io.palisade.dataplane.policy;

import io.palisade.dataplane.route.IpInterval;

/** A source or destination address dimension: IPv4 and IPv6 kept apart, so each searches only its own intervals. */
final class AddressDimension {
    final LongDimension four;
    final WideDimension six;

    private AddressDimension(LongDimension four, WideDimension six) {
        this.four = four;
        this.six = six;
    }

    long bytes() {
        return four.bytes() + six.bytes();
    }

    /** Collects the address sets of classifier entries. */
    static final class Builder {
        private final DimensionBuilder four = new DimensionBuilder();
        private final DimensionBuilder six = new DimensionBuilder();

        void add(int entry, AddressSet set) {
            for (IpInterval i : set.intervals(io.palisade.dataplane.route.IpBits.V4)) {
                four.add(entry, i.first().lo(), i.last().lo());
            }
            for (IpInterval i : set.intervals(io.palisade.dataplane.route.IpBits.V6)) {
                six.add(
                        entry,
                        i.first().hi(),
                        i.first().lo(),
                        i.last().hi(),
                        i.last().lo());
            }
        }

        AddressDimension build(int entries) {
            return new AddressDimension(four.narrow(entries), six.wide(entries));
        }
    }
}

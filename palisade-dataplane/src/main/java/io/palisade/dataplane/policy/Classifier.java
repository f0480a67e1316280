package io.palisade.dataplane.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The dimensions the security and NAT classifiers share: zone pairs, source and destination address, protocol with
 * destination port, and source port. Entries are in rule order, so the lowest set bit of the AND of all dimensions
 * is the first matching rule; {@link #results} maps an entry to what the caller returns (a rule or NAT entry index).
 */
final class Classifier {
    final int entries;
    final int[] results;
    final ZonePairs pairs;
    final AddressDimension source;
    final AddressDimension destination;
    final LongDimension service;
    final LongDimension sourcePort;

    private Classifier(Builder b) {
        this.entries = b.results.size();
        this.results = b.results.stream().mapToInt(Integer::intValue).toArray();
        this.pairs = ZonePairs.build(b.zoneCount, b.from, b.to);
        this.source = b.source.build(entries);
        this.destination = b.destination.build(entries);
        this.service = b.service.narrow(entries);
        this.sourcePort = b.sourcePort.narrow(entries);
    }

    /** The source port key: 0 when the caller does not know the source port, else port + 1. */
    static int sourcePortKey(int srcPort) {
        return srcPort < 0 ? 0 : (srcPort & 0xFFFF) + 1;
    }

    /** The first index of the sorted {@code words} whose value is at least {@code word}. */
    static int firstAtLeast(int[] words, int word) {
        int lo = 0;
        int hi = words.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (words[mid] < word) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long bytes() {
        return pairs.bytes()
                + source.bytes()
                + destination.bytes()
                + service.bytes()
                + sourcePort.bytes()
                + results.length * 4L;
    }

    /** Adds entries in rule order. */
    static final class Builder {
        private final int zoneCount;
        private final List<Integer> results = new ArrayList<>();
        private final List<int[]> from = new ArrayList<>();
        private final List<int[]> to = new ArrayList<>();
        private final AddressDimension.Builder source = new AddressDimension.Builder();
        private final AddressDimension.Builder destination = new AddressDimension.Builder();
        private final DimensionBuilder service = new DimensionBuilder();
        private final DimensionBuilder sourcePort = new DimensionBuilder();

        Builder(int zoneCount) {
            this.zoneCount = zoneCount;
        }

        /**
         * Adds one entry.
         *
         * @param fromZones source zone ids, or null for any
         * @param toZones destination zone ids, or null for any
         * @return the entry index
         */
        int add(int result, int[] fromZones, int[] toZones, AddressSet src, AddressSet dst, ServiceTerm term) {
            int e = results.size();
            results.add(result);
            from.add(fromZones);
            to.add(toZones);
            source.add(e, src);
            destination.add(e, dst);
            if (term.keys() == null) {
                service.addAll(e);
            } else {
                service.addIntervals(e, term.keys());
            }
            if (term.sourcePorts() == null) {
                sourcePort.addAll(e);
            } else {
                for (int i = 0; i < term.sourcePorts().length; i += 2) {
                    sourcePort.add(e, term.sourcePorts()[i] + 1L, term.sourcePorts()[i + 1] + 1L);
                }
            }
            return e;
        }

        int size() {
            return results.size();
        }

        Classifier build() {
            return new Classifier(this);
        }
    }
}

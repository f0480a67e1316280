package io.palisade.dataplane.policy;

import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.IpBits;
import io.palisade.dataplane.route.IpInterval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A set of addresses as sorted, disjoint, non-adjacent intervals per IP version; built at compile time only. Negation
 * is the complement within each version, so a negated IPv4-only list matches every IPv6 address.
 */
final class AddressSet {
    private static final AddressSet ANY =
            new AddressSet(List.of(IpInterval.all(IpBits.V4)), List.of(IpInterval.all(IpBits.V6)));
    private static final AddressSet NONE = new AddressSet(List.of(), List.of());

    private final List<IpInterval> four;
    private final List<IpInterval> six;

    private AddressSet(List<IpInterval> four, List<IpInterval> six) {
        this.four = four;
        this.six = six;
    }

    static AddressSet any() {
        return ANY;
    }

    static AddressSet none() {
        return NONE;
    }

    static AddressSet of(Collection<IpInterval> intervals) {
        List<IpInterval> four = new ArrayList<>();
        List<IpInterval> six = new ArrayList<>();
        for (IpInterval i : intervals) {
            (i.version() == IpBits.V4 ? four : six).add(i);
        }
        return new AddressSet(normalize(four), normalize(six));
    }

    List<IpInterval> intervals(int version) {
        return version == IpBits.V4 ? four : six;
    }

    /** Both versions, IPv4 first. */
    List<IpInterval> intervals() {
        List<IpInterval> all = new ArrayList<>(four);
        all.addAll(six);
        return all;
    }

    boolean isEmpty() {
        return four.isEmpty() && six.isEmpty();
    }

    AddressSet complement() {
        return new AddressSet(complement(four, IpBits.V4), complement(six, IpBits.V6));
    }

    boolean contains(Ip address) {
        for (IpInterval i : intervals(address.version())) {
            if (i.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<IpInterval> normalize(List<IpInterval> in) {
        List<IpInterval> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(IpInterval::first));
        List<IpInterval> out = new ArrayList<>();
        for (IpInterval i : sorted) {
            if (!out.isEmpty()) {
                IpInterval last = out.getLast();
                boolean touches =
                        last.last().isMax() || i.first().compareTo(last.last().next()) <= 0;
                if (touches) {
                    Ip end = last.last().compareTo(i.last()) >= 0 ? last.last() : i.last();
                    out.set(out.size() - 1, new IpInterval(last.first(), end));
                    continue;
                }
            }
            out.add(i);
        }
        return List.copyOf(out);
    }

    private static List<IpInterval> complement(List<IpInterval> in, int version) {
        List<IpInterval> out = new ArrayList<>();
        Ip start = Ip.min(version);
        for (IpInterval i : in) {
            if (start != null && start.compareTo(i.first()) < 0) {
                out.add(new IpInterval(start, i.first().previous()));
            }
            start = i.last().isMax() ? null : i.last().next();
        }
        if (start != null) {
            out.add(new IpInterval(start, Ip.max(version)));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return intervals().toString();
    }
}

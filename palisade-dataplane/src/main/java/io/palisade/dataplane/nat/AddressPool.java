package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.IpBits;
import io.palisade.dataplane.route.IpInterval;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of a dynamic NAT pool, enumerated per IP version in the order given. A pool is capped at {@link
 * #MAX_ADDRESSES_PER_VERSION} addresses per version (each address costs every worker a port bitmap), so an IPv6
 * prefix used as a pool contributes its first addresses only.
 */
public final class AddressPool {
    /** Largest number of addresses taken from a pool per IP version. */
    public static final int MAX_ADDRESSES_PER_VERSION = 1024;

    private final long[] v4;
    private final long[] v6Hi;
    private final long[] v6Lo;
    private final boolean truncated;

    private AddressPool(long[] v4, long[] v6Hi, long[] v6Lo, boolean truncated) {
        this.v4 = v4;
        this.v6Hi = v6Hi;
        this.v6Lo = v6Lo;
        this.truncated = truncated;
    }

    /** A pool of every address in the intervals, duplicates dropped, up to the cap per version. */
    public static AddressPool of(List<IpInterval> intervals) {
        List<Ip> four = new ArrayList<>();
        List<Ip> six = new ArrayList<>();
        boolean cut = false;
        java.util.Set<Ip> seen = new java.util.HashSet<>();
        for (IpInterval interval : intervals) {
            List<Ip> into = interval.version() == IpBits.V4 ? four : six;
            Ip a = interval.first();
            while (true) {
                if (into.size() == MAX_ADDRESSES_PER_VERSION) {
                    cut = true;
                    break;
                }
                if (seen.add(a)) {
                    into.add(a);
                }
                if (a.equals(interval.last())) {
                    break;
                }
                a = a.next();
            }
        }
        return new AddressPool(
                four.stream().mapToLong(Ip::lo).toArray(),
                six.stream().mapToLong(Ip::hi).toArray(),
                six.stream().mapToLong(Ip::lo).toArray(),
                cut);
    }

    /** Number of addresses of one IP version. */
    public int size(int version) {
        return version == IpBits.V4 ? v4.length : v6Lo.length;
    }

    public long hi(int version, int index) {
        return version == IpBits.V4 ? 0 : v6Hi[index];
    }

    public long lo(int version, int index) {
        return version == IpBits.V4 ? v4[index] : v6Lo[index];
    }

    /** Whether the configured pool had more addresses than the cap. */
    public boolean truncated() {
        return truncated;
    }

    /** All addresses, IPv4 first. */
    public List<Ip> addresses() {
        List<Ip> out = new ArrayList<>();
        for (long a : v4) {
            out.add(Ip.v4(a));
        }
        for (int i = 0; i < v6Lo.length; i++) {
            out.add(new Ip(IpBits.V6, v6Hi[i], v6Lo[i]));
        }
        return out;
    }

    @Override
    public String toString() {
        return addresses().toString();
    }
}

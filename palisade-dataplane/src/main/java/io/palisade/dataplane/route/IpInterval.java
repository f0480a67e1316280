package io.palisade.dataplane.route;

import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.IpRange;

/**
 * An inclusive range of addresses of one family. Prefixes and ranges from the configuration both become intervals,
 * which is what the policy classifier and NAT pools work on.
 *
 * @param first lowest address
 * @param last highest address, same family, not below {@code first}
 */
public record IpInterval(Ip first, Ip last) {
    public IpInterval {
        if (first.version() != last.version() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("bad interval " + first + "-" + last);
        }
    }

    /** Every address of a family. */
    public static IpInterval all(int version) {
        return new IpInterval(Ip.min(version), Ip.max(version));
    }

    /** The addresses of a prefix; host bits of the written address are ignored. */
    public static IpInterval of(IpPrefix prefix) {
        Ip a = Ip.of(prefix.address());
        return new IpInterval(a.network(prefix.length()), a.lastInPrefix(prefix.length()));
    }

    public static IpInterval of(IpRange range) {
        return new IpInterval(Ip.of(range.first()), Ip.of(range.last()));
    }

    /** One address. */
    public static IpInterval of(Ip address) {
        return new IpInterval(address, address);
    }

    public int version() {
        return first.version();
    }

    public boolean contains(Ip address) {
        return address.version() == version() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    /** Number of addresses, saturating at {@link Long#MAX_VALUE}. */
    public long sizeSaturated() {
        long dHi = IpBits.subHi(last.hi(), last.lo(), first.hi(), first.lo());
        long dLo = last.lo() - first.lo();
        if (dHi != 0 || dLo < 0 || dLo == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return dLo + 1;
    }

    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + "-" + last;
    }
}

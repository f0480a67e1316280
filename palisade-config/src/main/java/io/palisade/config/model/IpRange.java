package io.palisade.config.model;

import java.net.InetAddress;

/**
 * An inclusive address range, written {@code 198.18.0.10-198.18.0.20}.
 *
 * @param first lowest address
 * @param last highest address
 */
public record IpRange(InetAddress first, InetAddress last) {
    public IpRange {
        if (first.getAddress().length != last.getAddress().length) {
            throw new IllegalArgumentException("range mixes IPv4 and IPv6");
        }
        if (IpAddresses.toBigInteger(first).compareTo(IpAddresses.toBigInteger(last)) > 0) {
            throw new IllegalArgumentException(
                    "range starts at " + IpAddresses.format(first) + ", after its end " + IpAddresses.format(last));
        }
    }

    public static IpRange parse(String text) {
        String trimmed = text.strip();
        int dash = trimmed.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a range (expected first-last)");
        }
        return new IpRange(
                IpAddresses.parse(trimmed.substring(0, dash)), IpAddresses.parse(trimmed.substring(dash + 1)));
    }

    public boolean contains(InetAddress address) {
        if (address.getAddress().length != first.getAddress().length) {
            return false;
        }
        var value = IpAddresses.toBigInteger(address);
        return value.compareTo(IpAddresses.toBigInteger(first)) >= 0
                && value.compareTo(IpAddresses.toBigInteger(last)) <= 0;
    }

    /** Number of addresses in the range. */
    public java.math.BigInteger size() {
        return IpAddresses.toBigInteger(last)
                .subtract(IpAddresses.toBigInteger(first))
                .add(java.math.BigInteger.ONE);
    }

    @Override
    public String toString() {
        return IpAddresses.format(first) + "-" + IpAddresses.format(last);
    }
}

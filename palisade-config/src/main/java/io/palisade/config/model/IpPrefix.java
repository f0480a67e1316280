package io.palisade.config.model;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address with a prefix length, written {@code 198.18.0.1/24}; a bare address means a host prefix. The
 * address keeps its host bits so that an interface address and its subnet are one value.
 *
 * @param address the address as written
 * @param length prefix length in bits
 */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        int max = maxLength(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + max);
        }
    }

    /** Parses {@code addr/len} or a bare address (host prefix). */
    public static IpPrefix parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            InetAddress address = IpAddresses.parse(trimmed);
            return new IpPrefix(address, maxLength(address));
        }
        InetAddress address = IpAddresses.parse(trimmed.substring(0, slash));
        String len = trimmed.substring(slash + 1);
        try {
            return new IpPrefix(address, Integer.parseInt(len));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' has a prefix length that is not a number");
        }
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    private static int maxLength(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    /** The prefix with host bits cleared. */
    public IpPrefix network() {
        byte[] bytes = address.getAddress();
        maskInPlace(bytes, length);
        try {
            return new IpPrefix(InetAddress.getByAddress(bytes), length);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code other} lies inside this prefix (families must match). */
    public boolean contains(InetAddress other) {
        byte[] a = address.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length) {
            return false;
        }
        maskInPlace(a, length);
        maskInPlace(b, length);
        return Arrays.equals(a, b);
    }

    /** Whether two prefixes share any address. */
    public boolean overlaps(IpPrefix other) {
        return contains(other.address) && other.length >= length || other.contains(address) && length >= other.length;
    }

    private static void maskInPlace(byte[] bytes, int length) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.clamp(length - i * 8L, 0, 8);
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + length;
    }
}

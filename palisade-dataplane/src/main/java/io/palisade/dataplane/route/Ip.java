package io.palisade.dataplane.route;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One address as a value, for building tables and for tests; hot paths pass the three parts as primitives instead
 * (see {@link IpBits}).
 *
 * @param version 4 or 6
 * @param hi high half (0 for IPv4)
 * @param lo low half (IPv4 in the low 32 bits)
 */
public record Ip(int version, long hi, long lo) implements Comparable<Ip> {
    /** The lowest address of a family. */
    public static Ip min(int version) {
        return new Ip(version, 0, 0);
    }

    /** The highest address of a family. */
    public static Ip max(int version) {
        return version == IpBits.V4 ? new Ip(version, 0, IpBits.V4_MAX) : new Ip(version, -1L, -1L);
    }

    public static Ip of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return new Ip(IpBits.V4, 0, Integer.toUnsignedLong(bytesToInt(b, 0)));
        }
        return new Ip(IpBits.V6, bytesToLong(b, 0), bytesToLong(b, 8));
    }

    /** Parses a literal address (no name resolution). */
    public static Ip parse(String text) {
        return of(io.palisade.config.model.IpAddresses.parse(text));
    }

    /** An IPv4 address from its 32-bit value. */
    public static Ip v4(long value) {
        return new Ip(IpBits.V4, 0, value & IpBits.V4_MAX);
    }

    public boolean isMax() {
        return equals(max(version));
    }

    /** The next address; only called on addresses below {@link #max}. */
    public Ip next() {
        long nlo = lo + 1;
        return new Ip(version, nlo == 0 ? hi + 1 : hi, nlo);
    }

    /** The previous address; only called on addresses above {@link #min}. */
    public Ip previous() {
        return new Ip(version, lo == 0 ? hi - 1 : hi, lo - 1);
    }

    /** This address with the bits after {@code length} cleared. */
    public Ip network(int length) {
        return new Ip(version, hi & IpBits.maskHi(version, length), lo & IpBits.maskLo(version, length));
    }

    /** This address with the bits after {@code length} set. */
    public Ip lastInPrefix(int length) {
        Ip max = max(version);
        return new Ip(
                version,
                hi | (max.hi & ~IpBits.maskHi(version, length)),
                lo | (max.lo & ~IpBits.maskLo(version, length)));
    }

    /** {@code this + offset} (unsigned). */
    public Ip plus(long offset) {
        return new Ip(version, IpBits.addHi(hi, lo, offset), lo + offset);
    }

    public InetAddress toInetAddress() {
        byte[] b;
        if (version == IpBits.V4) {
            b = new byte[4];
            intToBytes((int) lo, b, 0);
        } else {
            b = new byte[16];
            longToBytes(hi, b, 0);
            longToBytes(lo, b, 8);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int compareTo(Ip o) {
        int c = Integer.compare(version, o.version);
        return c != 0 ? c : IpBits.compare(hi, lo, o.hi, o.lo);
    }

    @Override
    public String toString() {
        return io.palisade.config.model.IpAddresses.format(toInetAddress());
    }

    private static int bytesToInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long bytesToLong(byte[] b, int at) {
        return (long) bytesToInt(b, at) << 32 | Integer.toUnsignedLong(bytesToInt(b, at + 4));
    }

    private static void intToBytes(int v, byte[] b, int at) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void longToBytes(long v, byte[] b, int at) {
        intToBytes((int) (v >>> 32), b, at);
        intToBytes((int) v, b, at + 4);
    }
}

package io.palisade.testkit.packets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Parses address literals for tests: IPv4/IPv6 (never a DNS lookup) and colon-separated MACs. */
public final class Addresses {
    private Addresses() {}

    /** The bytes of an IPv4 or IPv6 literal such as {@code 198.18.0.1} or {@code 2001:db8::1}. */
    public static byte[] ip(String literal) {
        if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    /** An IPv4 literal as an int, as the codec stores it. */
    public static int ipv4(String literal) {
        byte[] b = ip(literal);
        if (b.length != 4) {
            throw new IllegalArgumentException("not IPv4: " + literal);
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** The high 64 bits of an IPv6 literal. */
    public static long ipv6Hi(String literal) {
        return longAt(ipv6Bytes(literal), 0);
    }

    /** The low 64 bits of an IPv6 literal. */
    public static long ipv6Lo(String literal) {
        return longAt(ipv6Bytes(literal), 8);
    }

    /** The 6 bytes of a MAC written as {@code 02:00:00:00:00:01}. */
    public static byte[] mac(String text) {
        byte[] b = HexFormat.ofDelimiter(":").parseHex(text);
        if (b.length != 6) {
            throw new IllegalArgumentException("not a MAC: " + text);
        }
        return b;
    }

    /** A MAC as the low 48 bits of a long, as the codec stores it. */
    public static long macLong(String text) {
        byte[] b = mac(text);
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    private static byte[] ipv6Bytes(String literal) {
        byte[] b = ip(literal);
        if (b.length != 16) {
            throw new IllegalArgumentException("not IPv6: " + literal);
        }
        return b;
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }
}

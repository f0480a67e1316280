package io.palisade.testkit.packets;

/**
 * The Internet checksum over byte arrays, written independently of the data plane's {@code Checksums} so that
 * tests built with {@link FrameBuilder} cross-check the codec rather than repeat it.
 */
public final class InetChecksum {
    private InetChecksum() {}

    /** The 16-bit ones-complement checksum of the concatenation of {@code parts} (each padded only at the end). */
    public static int of(byte[]... parts) {
        long sum = 0;
        int index = 0;
        for (byte[] part : parts) {
            for (byte b : part) {
                sum += (index % 2 == 0) ? (b & 0xFF) << 8 : (b & 0xFF);
                index++;
            }
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** IPv4 pseudo-header bytes: source, destination, zero, protocol, upper-layer length. */
    public static byte[] pseudoIpv4(byte[] src, byte[] dst, int protocol, int length) {
        byte[] p = new byte[12];
        System.arraycopy(src, 0, p, 0, 4);
        System.arraycopy(dst, 0, p, 4, 4);
        p[9] = (byte) protocol;
        p[10] = (byte) (length >> 8);
        p[11] = (byte) length;
        return p;
    }

    /** IPv6 pseudo-header bytes: source, destination, 32-bit length, three zero bytes, next header. */
    public static byte[] pseudoIpv6(byte[] src, byte[] dst, int protocol, int length) {
        byte[] p = new byte[40];
        System.arraycopy(src, 0, p, 0, 16);
        System.arraycopy(dst, 0, p, 16, 16);
        p[32] = (byte) (length >>> 24);
        p[33] = (byte) (length >>> 16);
        p[34] = (byte) (length >>> 8);
        p[35] = (byte) length;
        p[39] = (byte) protocol;
        return p;
    }
}

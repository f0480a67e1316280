package io.palisade.dataplane.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Text of addresses in the engine's (version, hi, lo) form; used for logs and snapshots, never per packet. */
public final class Addresses {
    private Addresses() {}

    public static String format(int ipVersion, long hi, long lo) {
        return io.palisade.config.model.IpAddresses.format(toInet(ipVersion, hi, lo));
    }

    public static InetAddress toInet(int ipVersion, long hi, long lo) {
        byte[] b = new byte[ipVersion == 4 ? 4 : 16];
        if (ipVersion == 4) {
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (lo >>> (24 - 8 * i));
            }
        } else {
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The (hi, lo) halves of an address; IPv4 in the low 32 bits of lo. */
    public static long[] halves(InetAddress a) {
        byte[] b = a.getAddress();
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            for (byte x : b) {
                lo = lo << 8 | (x & 0xff);
            }
        } else {
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (b[i] & 0xff);
                lo = lo << 8 | (b[8 + i] & 0xff);
            }
        }
        return new long[] {hi, lo};
    }
}

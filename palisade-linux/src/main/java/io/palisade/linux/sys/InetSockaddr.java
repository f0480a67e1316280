package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code struct sockaddr_in} and {@code struct sockaddr_in6}: encode an {@link InetAddress} for bind/sendto and
 * decode the sender of recvfrom. Port and address are in network byte order.
 *
 * <pre>
 * struct sockaddr_in (16 B)            struct sockaddr_in6 (28 B)
 *   0  u16  sin_family (AF_INET)         0  u16  sin6_family (AF_INET6)
 *   2  be16 sin_port                     2  be16 sin6_port
 *   4  u8   sin_addr[4]                  4  be32 sin6_flowinfo
 *   8  u8   sin_zero[8]                  8  u8   sin6_addr[16]
 *                                       24  u32  sin6_scope_id
 * </pre>
 */
public final class InetSockaddr {
    public static final int IN_SIZE = 16;
    public static final int IN6_SIZE = 28;
    /** Big enough for either; allocate this much for recvfrom. */
    public static final int MAX_SIZE = IN6_SIZE;

    static final long FAMILY = 0;
    static final long PORT = 2;
    static final long IN_ADDR = 4;
    static final long IN6_ADDR = 8;
    static final long IN6_SCOPE_ID = 24;

    private InetSockaddr() {}

    /**
     * Writes {@code address} with port 0 into {@code into}.
     *
     * @return the structure length to pass to the kernel
     */
    public static int write(MemorySegment into, InetAddress address) {
        into.asSlice(0, MAX_SIZE).fill((byte) 0);
        if (address instanceof Inet4Address) {
            into.set(JAVA_SHORT, FAMILY, (short) SocketConstants.AF_INET);
            MemorySegment.copy(address.getAddress(), 0, into, JAVA_BYTE, IN_ADDR, 4);
            return IN_SIZE;
        }
        Inet6Address v6 = (Inet6Address) address;
        into.set(JAVA_SHORT, FAMILY, (short) SocketConstants.AF_INET6);
        MemorySegment.copy(v6.getAddress(), 0, into, JAVA_BYTE, IN6_ADDR, 16);
        into.set(JAVA_INT, IN6_SCOPE_ID, v6.getScopeId());
        return IN6_SIZE;
    }

    /** Reads the address written by the kernel (recvfrom); null for a family other than IPv4/IPv6. */
    public static InetAddress read(MemorySegment from) {
        int family = from.get(JAVA_SHORT, FAMILY);
        try {
            if (family == SocketConstants.AF_INET) {
                return InetAddress.getByAddress(from.asSlice(IN_ADDR, 4).toArray(JAVA_BYTE));
            }
            if (family == SocketConstants.AF_INET6) {
                return InetAddress.getByAddress(from.asSlice(IN6_ADDR, 16).toArray(JAVA_BYTE));
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of fixed length rejected", e);
        }
    }

    /** True when the sender in {@code from} has exactly the bytes of {@code expected}; allocation-free. */
    public static boolean matches(MemorySegment from, byte[] expected) {
        int family = from.get(JAVA_SHORT, FAMILY);
        long offset;
        if (family == SocketConstants.AF_INET && expected.length == 4) {
            offset = IN_ADDR;
        } else if (family == SocketConstants.AF_INET6 && expected.length == 16) {
            offset = IN6_ADDR;
        } else {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (from.get(JAVA_BYTE, offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}

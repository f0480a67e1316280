package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} for the interface ioctls ({@code SIOCGIFINDEX}, {@code SIOCGIFHWADDR}, {@code SIOCGIFMTU},
 * {@code SIOCETHTOOL}).
 *
 * <pre>
 * struct ifreq (40 B)
 *   0  char  ifr_name[16]        IFNAMSIZ, NUL-terminated
 *  16  union ifr_ifru (24 B):
 *        int   ifr_ifindex / ifr_mtu
 *        short ifr_flags
 *        struct sockaddr ifr_hwaddr  { u16 sa_family @16; u8 sa_data[14] @18 }
 *        void *ifr_data             (SIOCETHTOOL: pointer to the ethtool command)
 * </pre>
 */
public final class Ifreq {
    public static final int IFNAMSIZ = 16;
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(IFNAMSIZ, JAVA_BYTE).withName("ifr_name"),
            MemoryLayout.sequenceLayout(24, JAVA_BYTE).withName("ifr_ifru"));
    public static final long NAME = 0;
    public static final long IFRU = 16;
    public static final long HWADDR_DATA = 18;
    public static final long SIZE = 40;

    public static final long SIOCGIFMTU = 0x8921;
    public static final long SIOCGIFHWADDR = 0x8927;
    public static final long SIOCGIFINDEX = 0x8933;
    public static final long SIOCETHTOOL = 0x8946;

    private Ifreq() {}

    /** Rejects names the kernel would truncate or refuse, with a message naming the problem. */
    public static void checkName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException(
                    "interface name '" + name + "' must be 1 to " + (IFNAMSIZ - 1) + " characters");
        }
    }

    /** A zeroed ifreq carrying {@code name}. */
    public static MemorySegment allocate(Arena arena, String name) {
        checkName(name);
        MemorySegment ifreq = arena.allocate(LAYOUT);
        ifreq.setString(NAME, name, StandardCharsets.US_ASCII);
        return ifreq;
    }

    public static int intValue(MemorySegment ifreq) {
        return ifreq.get(JAVA_INT, IFRU);
    }

    public static short shortValue(MemorySegment ifreq) {
        return ifreq.get(JAVA_SHORT, IFRU);
    }

    public static void setData(MemorySegment ifreq, MemorySegment data) {
        ifreq.set(ADDRESS.withByteAlignment(1), IFRU, data);
    }

    /** The six MAC bytes of a {@code SIOCGIFHWADDR} result. */
    public static byte[] hardwareAddress(MemorySegment ifreq) {
        return ifreq.asSlice(HWADDR_DATA, 6).toArray(JAVA_BYTE);
    }
}

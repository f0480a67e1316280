package io.palisade.linux.sys;

/**
 * Generic socket, memory-map, poll and namespace constants for Linux x86-64, read off the build machine's system
 * headers with a small C program (see {@code docs/design/linux-io.md}). Structure-specific constants live with
 * their structure.
 */
public final class SocketConstants {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    public static final int SOL_SOCKET = 1;
    public static final int SOL_IPV6 = 41;
    public static final int SOL_RAW = 255;
    public static final int SOL_PACKET = 263;
    public static final int SOL_NETLINK = 270;

    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_ICMPV6 = 58;

    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_ERROR = 4;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_RCVBUFFORCE = 33;

    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int POLLIN = 0x1;
    public static final int POLLOUT = 0x4;
    public static final int POLLERR = 0x8;
    public static final int POLLHUP = 0x10;
    public static final int POLLNVAL = 0x20;

    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x1;
    public static final int MAP_POPULATE = 0x8000;

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;

    private SocketConstants() {}

    /** Host to network byte order for a 16-bit value (x86-64 is little-endian). */
    public static short htons(int value) {
        return Short.reverseBytes((short) value);
    }
}

package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Socket set-up helpers shared by the AF_PACKET, netlink and ICMP sockets; every failure names its operation. */
public final class Sockets {
    private Sockets() {}

    /** Opens a socket, always close-on-exec. */
    public static int open(CallState cs, int domain, int type, int protocol, String operation, String subject)
            throws LinuxIoException {
        int fd = Libc.socket(cs, domain, type | SocketConstants.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw cs.failure(operation, subject);
        }
        return fd;
    }

    /** Sets an integer socket option. */
    public static void setInt(CallState cs, int fd, int level, int name, int value, String operation, String subject)
            throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            if (Libc.setsockopt(cs, fd, level, name, v, Integer.BYTES) < 0) {
                throw cs.failure(operation, subject);
            }
        }
    }

    /** Sets a socket option from a prepared structure. */
    public static void set(
            CallState cs, int fd, int level, int name, MemorySegment value, String operation, String subject)
            throws LinuxIoException {
        if (Libc.setsockopt(cs, fd, level, name, value, (int) value.byteSize()) < 0) {
            throw cs.failure(operation, subject);
        }
    }

    /** Reads an integer socket option. */
    public static int getInt(CallState cs, int fd, int level, int name, String operation, String subject)
            throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocateFrom(JAVA_INT, Integer.BYTES);
            if (Libc.getsockopt(cs, fd, level, name, v, len) < 0) {
                throw cs.failure(operation, subject);
            }
            return v.get(JAVA_INT, 0);
        }
    }

    /**
     * Reads and clears the pending socket error ({@code SO_ERROR}). A socket with a pending error polls as
     * {@code POLLERR} until the error is read, so an owner that ignored it would spin.
     *
     * @return the errno that was pending, 0 if none
     */
    public static int takeError(CallState cs, int fd, String subject) throws LinuxIoException {
        return getInt(cs, fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR, "SO_ERROR read", subject);
    }

    /** Closes a descriptor, ignoring errors: used on cleanup paths that already report a failure. */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            Libc.close(CallState.allocate(arena), fd);
        }
    }

    /** Resolves an interface name to its index in the calling thread's network namespace. */
    public static int interfaceIndex(String name, String operation) throws LinuxIoException {
        Ifreq.checkName(name);
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            int index = Libc.ifNameToIndex(cs, arena.allocateFrom(name));
            if (index == 0) {
                throw cs.failure(operation, name);
            }
            return index;
        }
    }
}

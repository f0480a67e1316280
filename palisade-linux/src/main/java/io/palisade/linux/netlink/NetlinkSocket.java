package io.palisade.linux.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.palisade.linux.netlink.NetlinkStructs.SockaddrNl;
import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Errno;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.PollFd;
import io.palisade.linux.sys.SocketConstants;
import io.palisade.linux.sys.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A non-blocking NETLINK_ROUTE socket with its send and receive buffers, in the network namespace of the thread
 * that opened it. Asks the kernel for extended acks (error text) with capped echoes. One owner thread.
 */
final class NetlinkSocket implements AutoCloseable {
    static final int RECEIVE_BUFFER = 64 * 1024;
    static final int SEND_BUFFER = 4096;

    private final Arena arena;
    private final int fd;
    private final CallState callState;
    private final PollFd pollFd;
    private final MemorySegment sendBuffer;
    private final MemorySegment receiveBuffer;

    private NetlinkSocket(Arena arena, int fd) {
        this.arena = arena;
        this.fd = fd;
        this.callState = CallState.allocate(arena);
        this.pollFd = new PollFd(arena, fd, SocketConstants.POLLIN);
        this.sendBuffer = arena.allocate(SEND_BUFFER, 8);
        this.receiveBuffer = arena.allocate(RECEIVE_BUFFER, 8);
    }

    /** Opens and binds a route socket subscribed to {@code groups} (0 for requests only). */
    static NetlinkSocket open(int groups, String purpose) throws LinuxIoException {
        Arena arena = Arena.ofShared();
        int fd = -1;
        try {
            CallState cs = CallState.allocate(arena);
            fd = Sockets.open(
                    cs,
                    SocketConstants.AF_NETLINK,
                    SocketConstants.SOCK_RAW | SocketConstants.SOCK_NONBLOCK,
                    NetlinkStructs.NETLINK_ROUTE,
                    "netlink socket",
                    purpose);
            MemorySegment address = arena.allocate(SockaddrNl.LAYOUT);
            address.set(JAVA_SHORT, SockaddrNl.FAMILY, (short) SocketConstants.AF_NETLINK);
            address.set(JAVA_INT, SockaddrNl.GROUPS, groups);
            if (Libc.bind(cs, fd, address, (int) SockaddrNl.LAYOUT.byteSize()) < 0) {
                throw cs.failure("netlink bind", purpose);
            }
            // Best effort: older kernels lack these; errors then come without the kernel's text.
            trySet(cs, fd, NetlinkStructs.NETLINK_CAP_ACK);
            trySet(cs, fd, NetlinkStructs.NETLINK_EXT_ACK);
            return new NetlinkSocket(arena, fd);
        } catch (LinuxIoException | RuntimeException e) {
            arena.close();
            Sockets.closeQuietly(fd);
            throw e;
        }
    }

    private static void trySet(CallState cs, int fd, int option) {
        try {
            Sockets.setInt(cs, fd, SocketConstants.SOL_NETLINK, option, 1, "netlink option", null);
        } catch (LinuxIoException ignored) {
            // Optional feature.
        }
    }

    MemorySegment sendBuffer() {
        return sendBuffer;
    }

    MemorySegment receiveBuffer() {
        return receiveBuffer;
    }

    void send(int length, String operation, String subject) throws LinuxIoException {
        long sent = Libc.send(callState, fd, sendBuffer, length, 0);
        if (sent < 0) {
            throw callState.failure(operation, subject);
        }
    }

    /**
     * Waits up to {@code timeoutMs} for a datagram and reads it into the receive buffer.
     *
     * @return its length; 0 when nothing arrived in time; -{@code ENOBUFS} when the kernel dropped messages
     */
    int receive(int timeoutMs, String operation, String subject) throws LinuxIoException {
        long n = Libc.recv(callState, fd, receiveBuffer, RECEIVE_BUFFER, SocketConstants.MSG_DONTWAIT);
        if (n < 0 && callState.errno() == Errno.EAGAIN && timeoutMs != 0) {
            if (pollFd.await(timeoutMs, operation, subject) == 0) {
                return 0;
            }
            n = Libc.recv(callState, fd, receiveBuffer, RECEIVE_BUFFER, SocketConstants.MSG_DONTWAIT);
        }
        if (n >= 0) {
            return (int) n;
        }
        int errno = callState.errno();
        if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
            return 0;
        }
        if (errno == Errno.ENOBUFS) {
            return -Errno.ENOBUFS;
        }
        throw callState.failure(operation, subject);
    }

    @Override
    public void close() {
        arena.close();
        Sockets.closeQuietly(fd);
    }
}

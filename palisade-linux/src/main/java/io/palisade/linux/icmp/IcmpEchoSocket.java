package io.palisade.linux.icmp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.palisade.common.Counters;
import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Errno;
import io.palisade.linux.sys.InetSockaddr;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.PollFd;
import io.palisade.linux.sys.SocketConstants;
import io.palisade.linux.sys.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Sends ICMP echo requests from one source address and matches the replies, for path monitoring. A raw socket
 * ({@code SOCK_RAW}, IPPROTO_ICMP or IPPROTO_ICMPV6) bound to the source address, non-blocking, with a kernel filter
 * that passes only echo replies. Every raw ICMP socket in the namespace gets a copy of every reply, so the
 * identifier tells monitors apart; a reply counts only if identifier, an outstanding sequence and the target
 * address all match.
 *
 * <p>Time is passed in ({@code nowNs} from one monotonic clock), never read here: the round-trip time is the
 * {@code nowNs} of the {@link #receive} call minus that of the {@link #send} call, so call {@code receive} right
 * after {@link #poll} returns. Lives in the network namespace of the thread that opened it. One owner thread.
 */
public final class IcmpEchoSocket implements AutoCloseable {
    static final int SOL_ICMPV6 = SocketConstants.IPPROTO_ICMPV6;
    static final int ICMP_FILTER = 1;
    static final int ICMP6_FILTER = 1;
    static final int PENDING_CAPACITY = 256;
    static final int RECEIVE_BUFFER = 2048;
    /** Datagrams handled per {@link #receive} call at most. */
    static final int MAX_RECEIVE_PER_CALL = 256;

    private final Arena arena;
    private final int fd;
    private final boolean v6;
    private final int identifier;
    private final String source;
    private final CallState callState;
    private final PollFd pollFd;
    private final MemorySegment sendBuffer;
    private final MemorySegment destination;
    private final MemorySegment receiveBuffer;
    private final MemorySegment sender;
    private final MemorySegment senderLength;
    private final PendingEchoes pending = new PendingEchoes(PENDING_CAPACITY);
    private final Counters<IcmpCounter> counters = new Counters<>(IcmpCounter.class);
    private int lastSocketErrno;

    private IcmpEchoSocket(Arena arena, int fd, boolean v6, int identifier, String source) {
        this.arena = arena;
        this.fd = fd;
        this.v6 = v6;
        this.identifier = identifier;
        this.source = source;
        this.callState = CallState.allocate(arena);
        this.pollFd = new PollFd(arena, fd, SocketConstants.POLLIN);
        this.sendBuffer = arena.allocate(EchoMessage.LENGTH, 8);
        this.destination = arena.allocate(InetSockaddr.MAX_SIZE, 8);
        this.receiveBuffer = arena.allocate(RECEIVE_BUFFER, 8);
        this.sender = arena.allocate(InetSockaddr.MAX_SIZE, 8);
        this.senderLength = arena.allocate(JAVA_INT);
    }

    /**
     * Opens an echo socket sending from {@code source} (IPv4 or IPv6, which also picks the protocol) with the given
     * 16-bit identifier, in the calling thread's network namespace.
     */
    public static IcmpEchoSocket open(InetAddress source, int identifier) throws LinuxIoException {
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("ICMP identifier " + identifier + " must be 0 to 65535");
        }
        boolean v6 = source instanceof Inet6Address;
        String subject = source.getHostAddress();
        Arena arena = Arena.ofShared();
        int fd = -1;
        try {
            CallState cs = CallState.allocate(arena);
            fd = Sockets.open(
                    cs,
                    v6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET,
                    SocketConstants.SOCK_RAW | SocketConstants.SOCK_NONBLOCK,
                    v6 ? SocketConstants.IPPROTO_ICMPV6 : SocketConstants.IPPROTO_ICMP,
                    v6 ? "ICMPv6 raw socket" : "ICMP raw socket",
                    subject);
            MemorySegment address = arena.allocate(InetSockaddr.MAX_SIZE, 8);
            int length = InetSockaddr.write(address, source);
            if (Libc.bind(cs, fd, address, length) < 0) {
                throw cs.failure("ICMP bind to source", subject);
            }
            installReplyFilter(cs, arena, fd, v6, subject);
            return new IcmpEchoSocket(arena, fd, v6, identifier, subject);
        } catch (LinuxIoException | RuntimeException e) {
            arena.close();
            Sockets.closeQuietly(fd);
            throw e;
        }
    }

    /** Lets only echo replies through: the filters are bitmaps of ICMP types to block. */
    private static void installReplyFilter(CallState cs, Arena arena, int fd, boolean v6, String subject)
            throws LinuxIoException {
        if (v6) {
            MemorySegment filter = arena.allocate(32, 4);
            filter.fill((byte) 0xff);
            int word = EchoMessage.ECHO_REPLY_V6 >>> 5;
            filter.set(JAVA_INT, word * 4L, ~(1 << (EchoMessage.ECHO_REPLY_V6 & 31)));
            Sockets.set(cs, fd, SOL_ICMPV6, ICMP6_FILTER, filter, "ICMP6_FILTER", subject);
        } else {
            MemorySegment filter = arena.allocateFrom(JAVA_INT, ~(1 << EchoMessage.ECHO_REPLY_V4));
            Sockets.set(cs, fd, SocketConstants.SOL_RAW, ICMP_FILTER, filter, "ICMP_FILTER", subject);
        }
    }

    /**
     * Sends echo request {@code sequence} (0 to 65535) to {@code target}.
     *
     * @return false when the kernel refused because the target is unreachable (no route, neighbour failed), which
     *     is counted; the request is then not outstanding
     */
    public boolean send(InetAddress target, int sequence, long nowNs) throws LinuxIoException {
        if ((target instanceof Inet6Address) != v6) {
            throw new IllegalArgumentException("target " + target.getHostAddress() + " is not the source's family");
        }
        int sequence16 = sequence & 0xffff;
        int length = EchoMessage.writeRequest(sendBuffer, v6, identifier, sequence16);
        int addressLength = InetSockaddr.write(destination, target);
        long sent = Libc.sendto(callState, fd, sendBuffer, length, 0, destination, addressLength);
        if (sent < 0) {
            int errno = callState.errno();
            if (isUnreachable(errno)) {
                counters.increment(IcmpCounter.ECHO_SEND_UNREACHABLE);
                return false;
            }
            throw new LinuxIoException("ICMP echo to " + target.getHostAddress(), source, errno, null);
        }
        if (pending.add(sequence16, target, nowNs)) {
            counters.increment(IcmpCounter.ECHO_OVERWRITTEN);
        }
        counters.increment(IcmpCounter.ECHO_SENT);
        return true;
    }

    /** Waits up to {@code timeoutMs} for a datagram; true when one is ready. */
    public boolean poll(int timeoutMs) throws LinuxIoException {
        return pollFd.await(timeoutMs, "ICMP poll", source) != 0;
    }

    /**
     * Reads every queued datagram without blocking and reports matched replies.
     *
     * @return replies matched
     */
    public int receive(long nowNs, EchoListener listener) throws LinuxIoException {
        int matched = 0;
        for (int i = 0; i < MAX_RECEIVE_PER_CALL; i++) {
            senderLength.set(JAVA_INT, 0, InetSockaddr.MAX_SIZE);
            long n = Libc.recvfrom(
                    callState, fd, receiveBuffer, RECEIVE_BUFFER, SocketConstants.MSG_DONTWAIT, sender, senderLength);
            if (n < 0) {
                int errno = callState.errno();
                if (errno == Errno.EAGAIN) {
                    break;
                }
                if (errno == Errno.EINTR || isUnreachable(errno) || errno == Errno.ECONNREFUSED) {
                    // An ICMP error for an earlier request surfaced here; it is not a reply.
                    lastSocketErrno = errno;
                    counters.increment(IcmpCounter.SOCKET_ERROR);
                    continue;
                }
                throw callState.failure("ICMP receive", source);
            }
            matched += onDatagram((int) n, nowNs, listener) ? 1 : 0;
        }
        return matched;
    }

    private boolean onDatagram(int length, long nowNs, EchoListener listener) {
        long at = 0;
        if (!v6) {
            // Raw IPv4 sockets receive the IP header too.
            at = (receiveBuffer.get(JAVA_BYTE, 0) & 0x0f) * 4L;
        }
        if (length - at < EchoMessage.PAYLOAD) {
            counters.increment(IcmpCounter.REPLY_MALFORMED);
            return false;
        }
        int type = EchoMessage.type(receiveBuffer, at);
        if (type != (v6 ? EchoMessage.ECHO_REPLY_V6 : EchoMessage.ECHO_REPLY_V4)) {
            counters.increment(IcmpCounter.REPLY_MALFORMED);
            return false;
        }
        if (EchoMessage.identifier(receiveBuffer, at) != identifier) {
            counters.increment(IcmpCounter.REPLY_FOREIGN);
            return false;
        }
        int slot = pending.find(EchoMessage.sequence(receiveBuffer, at));
        if (slot < 0) {
            counters.increment(IcmpCounter.REPLY_UNMATCHED);
            return false;
        }
        if (!InetSockaddr.matches(sender, pending.targetBytes(slot))) {
            counters.increment(IcmpCounter.REPLY_WRONG_SOURCE);
            return false;
        }
        InetAddress target = pending.target(slot);
        int sequence = pending.sequence(slot);
        long rttNs = nowNs - pending.sentNs(slot);
        pending.remove(slot);
        counters.increment(IcmpCounter.REPLY_MATCHED);
        listener.onReply(target, sequence, rttNs);
        return true;
    }

    /**
     * Reports and forgets requests sent {@code timeoutNs} or longer before {@code nowNs} without a reply.
     *
     * @return requests expired
     */
    public int expire(long nowNs, long timeoutNs, EchoListener listener) {
        int expired = 0;
        long cutoffNs = nowNs - timeoutNs;
        for (int slot = 0; slot < pending.capacity(); slot++) {
            if (pending.expired(slot, cutoffNs)) {
                InetAddress target = pending.target(slot);
                int sequence = pending.sequence(slot);
                pending.remove(slot);
                counters.increment(IcmpCounter.ECHO_EXPIRED);
                listener.onTimeout(target, sequence);
                expired++;
            }
        }
        return expired;
    }

    private static boolean isUnreachable(int errno) {
        return errno == Errno.EHOSTUNREACH
                || errno == Errno.ENETUNREACH
                || errno == Errno.EHOSTDOWN
                || errno == Errno.ENETDOWN
                || errno == Errno.EADDRNOTAVAIL;
    }

    public Counters<IcmpCounter> counters() {
        return counters;
    }

    public int identifier() {
        return identifier;
    }

    /** The last asynchronous error the socket reported (e.g. EHOSTUNREACH), 0 if none. */
    public int lastSocketErrno() {
        return lastSocketErrno;
    }

    @Override
    public void close() {
        arena.close();
        Sockets.closeQuietly(fd);
    }
}

package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The libc functions Palisade calls, one {@code static final MethodHandle} each, bound through the FFM linker.
 * Every call that can fail captures {@code errno} into a {@link CallState} right after the call returns (reading
 * errno later would be racy: the JVM makes its own syscalls in between). Wrappers return the raw result; callers
 * check it and turn {@code -1} into a {@link LinuxIoException} via {@link CallState#failure}.
 *
 * <p>Calls on the per-frame path that never block ({@code send} with {@code MSG_DONTWAIT}, {@code sendmmsg})
 * also have a {@code critical} variant, which skips the thread-state transition. Calls that can block
 * ({@code poll}, blocking {@code recv}) must never be critical.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET =
            call("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = call("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT =
            call("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT =
            call("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME =
            call("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle MMAP =
            call("mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = call("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL =
            call("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final FunctionDescriptor SEND_DESC =
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SEND = call("send", SEND_DESC);
    private static final MethodHandle SEND_CRITICAL = call("send", SEND_DESC, Linker.Option.critical(false));
    private static final MethodHandle SENDTO =
            call("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV =
            call("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECVFROM = call(
            "recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final FunctionDescriptor SENDMMSG_DESC =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle SENDMMSG_CRITICAL =
            call("sendmmsg", SENDMMSG_DESC, Linker.Option.critical(false));
    // ioctl(int fd, unsigned long request, ...): the third argument is variadic per the ABI.
    private static final MethodHandle IOCTL = call(
            "ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    // open(const char *path, int flags, ...): mode is variadic and ignored without O_CREAT.
    private static final MethodHandle OPEN = call(
            "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = call("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = call("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle GETTID = call("gettid", FunctionDescriptor.of(JAVA_INT));

    private Libc() {}

    private static MethodHandle call(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        MemorySegment symbol =
                LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** A downcall failed inside the FFM machinery (not an errno); this is a programming error. */
    private static IllegalStateException linkageFailure(String name, Throwable cause) {
        return new IllegalStateException("downcall " + name + " failed", cause);
    }

    public static int socket(CallState cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs.segment(), domain, type, protocol);
        } catch (Throwable t) {
            throw linkageFailure("socket", t);
        }
    }

    public static int bind(CallState cs, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(cs.segment(), fd, address, length);
        } catch (Throwable t) {
            throw linkageFailure("bind", t);
        }
    }

    public static int close(CallState cs, int fd) {
        try {
            return (int) CLOSE.invokeExact(cs.segment(), fd);
        } catch (Throwable t) {
            throw linkageFailure("close", t);
        }
    }

    public static int setsockopt(CallState cs, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(cs.segment(), fd, level, name, value, length);
        } catch (Throwable t) {
            throw linkageFailure("setsockopt", t);
        }
    }

    /** {@code lengthInOut} is a 4-byte socklen_t holding the buffer size on entry and the result size on return. */
    public static int getsockopt(
            CallState cs, int fd, int level, int name, MemorySegment value, MemorySegment lengthInOut) {
        try {
            return (int) GETSOCKOPT.invokeExact(cs.segment(), fd, level, name, value, lengthInOut);
        } catch (Throwable t) {
            throw linkageFailure("getsockopt", t);
        }
    }

    public static int getsockname(CallState cs, int fd, MemorySegment address, MemorySegment lengthInOut) {
        try {
            return (int) GETSOCKNAME.invokeExact(cs.segment(), fd, address, lengthInOut);
        } catch (Throwable t) {
            throw linkageFailure("getsockname", t);
        }
    }

    /** Returns {@code MAP_FAILED} (address -1) on failure; the result has length zero until reinterpreted. */
    public static MemorySegment mmap(
            CallState cs, MemorySegment address, long length, int protection, int flags, int fd, long offset) {
        try {
            return (MemorySegment) MMAP.invokeExact(cs.segment(), address, length, protection, flags, fd, offset);
        } catch (Throwable t) {
            throw linkageFailure("mmap", t);
        }
    }

    public static int munmap(CallState cs, MemorySegment address, long length) {
        try {
            return (int) MUNMAP.invokeExact(cs.segment(), address, length);
        } catch (Throwable t) {
            throw linkageFailure("munmap", t);
        }
    }

    /** Blocks up to {@code timeoutMs} (-1 forever); never called critical. */
    public static int poll(CallState cs, MemorySegment pollFds, long count, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(cs.segment(), pollFds, count, timeoutMs);
        } catch (Throwable t) {
            throw linkageFailure("poll", t);
        }
    }

    public static long send(CallState cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) SEND.invokeExact(cs.segment(), fd, buffer, length, flags);
        } catch (Throwable t) {
            throw linkageFailure("send", t);
        }
    }

    /** {@code send} without the thread-state transition; only with {@code MSG_DONTWAIT}, never blocking. */
    public static long sendNonBlockingCritical(CallState cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) SEND_CRITICAL.invokeExact(cs.segment(), fd, buffer, length, flags);
        } catch (Throwable t) {
            throw linkageFailure("send", t);
        }
    }

    public static long sendto(
            CallState cs,
            int fd,
            MemorySegment buffer,
            long length,
            int flags,
            MemorySegment address,
            int addressLength) {
        try {
            return (long) SENDTO.invokeExact(cs.segment(), fd, buffer, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw linkageFailure("sendto", t);
        }
    }

    public static long recv(CallState cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) RECV.invokeExact(cs.segment(), fd, buffer, length, flags);
        } catch (Throwable t) {
            throw linkageFailure("recv", t);
        }
    }

    public static long recvfrom(
            CallState cs,
            int fd,
            MemorySegment buffer,
            long length,
            int flags,
            MemorySegment address,
            MemorySegment addressLengthInOut) {
        try {
            return (long) RECVFROM.invokeExact(cs.segment(), fd, buffer, length, flags, address, addressLengthInOut);
        } catch (Throwable t) {
            throw linkageFailure("recvfrom", t);
        }
    }

    /** {@code sendmmsg} without the thread-state transition; only with {@code MSG_DONTWAIT}, never blocking. */
    public static int sendmmsgNonBlockingCritical(CallState cs, int fd, MemorySegment messages, int count, int flags) {
        try {
            return (int) SENDMMSG_CRITICAL.invokeExact(cs.segment(), fd, messages, count, flags);
        } catch (Throwable t) {
            throw linkageFailure("sendmmsg", t);
        }
    }

    public static int ioctl(CallState cs, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(cs.segment(), fd, request, argument);
        } catch (Throwable t) {
            throw linkageFailure("ioctl", t);
        }
    }

    public static int open(CallState cs, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(cs.segment(), path, flags, 0);
        } catch (Throwable t) {
            throw linkageFailure("open", t);
        }
    }

    /** Moves the calling OS thread (only it) into the namespace {@code fd} refers to. */
    public static int setns(CallState cs, int fd, int namespaceType) {
        try {
            return (int) SETNS.invokeExact(cs.segment(), fd, namespaceType);
        } catch (Throwable t) {
            throw linkageFailure("setns", t);
        }
    }

    /** Returns 0 and sets errno (ENODEV) when no interface has that name in the thread's namespace. */
    public static int ifNameToIndex(CallState cs, MemorySegment name) {
        try {
            return (int) IF_NAMETOINDEX.invokeExact(cs.segment(), name);
        } catch (Throwable t) {
            throw linkageFailure("if_nametoindex", t);
        }
    }

    /** The kernel id of the calling OS thread, for diagnostics. */
    public static int gettid(CallState cs) {
        try {
            return (int) GETTID.invokeExact(cs.segment());
        } catch (Throwable t) {
            throw linkageFailure("gettid", t);
        }
    }
}

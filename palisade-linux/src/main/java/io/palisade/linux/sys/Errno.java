package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Errno values the code tests for by name, and their symbolic names and meanings for messages. Names and meanings
 * come from glibc's thread-safe {@code strerrorname_np}/{@code strerrordesc_np} (glibc 2.32+); on a libc without
 * them the name falls back to {@code errno N} and the meaning to "unknown error".
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENOBUFS = 105;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;

    private static final MethodHandle NAME = lookup("strerrorname_np");
    private static final MethodHandle DESCRIPTION = lookup("strerrordesc_np");

    private Errno() {}

    private static MethodHandle lookup(String symbol) {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> address = linker.defaultLookup().find(symbol);
        return address.map(a -> linker.downcallHandle(a, FunctionDescriptor.of(ADDRESS, JAVA_INT)))
                .orElse(null);
    }

    /** The symbolic name, e.g. {@code ENODEV}. */
    public static String name(int errno) {
        String name = call(NAME, errno);
        return name != null ? name : "errno " + errno;
    }

    /** The meaning, e.g. {@code No such device}. */
    public static String description(int errno) {
        String text = call(DESCRIPTION, errno);
        return text != null ? text : "unknown error";
    }

    /** Name and meaning for messages, e.g. {@code ENODEV (No such device)}. */
    public static String describe(int errno) {
        return name(errno) + " (" + description(errno) + ")";
    }

    private static String call(MethodHandle handle, int errno) {
        if (handle == null) {
            return null;
        }
        try {
            MemorySegment text = (MemorySegment) handle.invokeExact(errno);
            // Both functions return a pointer into libc's constant tables, or NULL for an unknown errno.
            return text.equals(MemorySegment.NULL)
                    ? null
                    : text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("errno lookup failed", t);
        }
    }
}

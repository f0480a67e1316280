package io.palisade.linux.sys;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The buffer a downcall writes {@code errno} into ({@code Linker.Option.captureCallState("errno")}). One owner
 * thread per instance: sockets keep their own so the per-frame path allocates nothing; cold paths allocate one
 * in a confined arena.
 */
public final class CallState {
    private static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = LAYOUT.varHandle(groupElement("errno"));

    private final MemorySegment segment;

    private CallState(MemorySegment segment) {
        this.segment = segment;
    }

    /** Allocates a capture buffer that lives as long as {@code arena}. */
    public static CallState allocate(Arena arena) {
        return new CallState(arena.allocate(LAYOUT));
    }

    MemorySegment segment() {
        return segment;
    }

    /** The errno of the most recent call made with this state. */
    public int errno() {
        return (int) ERRNO.get(segment, 0L);
    }

    /** An exception for the last call, e.g. {@code AF_PACKET bind on veth-a0 failed: ENODEV (No such device)}. */
    public LinuxIoException failure(String operation, String subject) {
        return new LinuxIoException(operation, subject, errno(), null);
    }
}

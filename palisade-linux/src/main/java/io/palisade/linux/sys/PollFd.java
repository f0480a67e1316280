package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * A one-descriptor {@code poll(2)} with a reused {@code struct pollfd}, so an idle owner thread blocks in the kernel
 * instead of spinning.
 *
 * <pre>
 * struct pollfd (8 B)
 *   0  int   fd
 *   4  short events
 *   6  short revents
 * </pre>
 */
public final class PollFd {
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    static final long FD = 0;
    static final long EVENTS = 4;
    static final long REVENTS = 6;

    private final MemorySegment pollfd;
    private final CallState callState;

    public PollFd(Arena arena, int fd, int events) {
        this.pollfd = arena.allocate(LAYOUT);
        this.callState = CallState.allocate(arena);
        pollfd.set(JAVA_INT, FD, fd);
        pollfd.set(JAVA_SHORT, EVENTS, (short) events);
    }

    /**
     * Waits up to {@code timeoutMs} (0 returns at once, -1 waits forever) for the events.
     *
     * @return the returned events ({@code revents}); 0 on timeout or when a signal interrupted the wait
     * @throws LinuxIoException when poll itself fails
     */
    public int await(int timeoutMs, String operation, String subject) throws LinuxIoException {
        pollfd.set(JAVA_SHORT, REVENTS, (short) 0);
        int ready = Libc.poll(callState, pollfd, 1, timeoutMs);
        if (ready < 0) {
            if (callState.errno() == Errno.EINTR) {
                return 0;
            }
            throw callState.failure(operation, subject);
        }
        return ready == 0 ? 0 : Short.toUnsignedInt(pollfd.get(JAVA_SHORT, REVENTS));
    }
}

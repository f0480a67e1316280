package io.palisade.linux.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A {@code poll(2)} over several descriptors with a reused array of {@code struct pollfd} (layout in
 * {@link PollFd}): a data-plane worker that owns one receive queue of each of several interfaces blocks on all of
 * them at once when idle, and wakes as soon as any has frames. One owner thread.
 */
public final class PollSet {
    private final MemorySegment pollfds;
    private final CallState callState;
    private final int count;

    /** Descriptors {@code fds}, each waited for {@code events} (e.g. {@code POLLIN | POLLERR}). */
    public PollSet(Arena arena, int[] fds, int events) {
        this.count = fds.length;
        this.pollfds = arena.allocate(PollFd.LAYOUT, Math.max(1, fds.length));
        this.callState = CallState.allocate(arena);
        for (int i = 0; i < fds.length; i++) {
            long base = i * PollFd.LAYOUT.byteSize();
            pollfds.set(JAVA_INT, base + PollFd.FD, fds[i]);
            pollfds.set(JAVA_SHORT, base + PollFd.EVENTS, (short) events);
        }
    }

    public int size() {
        return count;
    }

    /**
     * Waits up to {@code timeoutMs} for any descriptor.
     *
     * @return descriptors with events; 0 on timeout or when a signal interrupted the wait
     */
    public int await(int timeoutMs) throws LinuxIoException {
        for (int i = 0; i < count; i++) {
            pollfds.set(JAVA_SHORT, i * PollFd.LAYOUT.byteSize() + PollFd.REVENTS, (short) 0);
        }
        int ready = Libc.poll(callState, pollfds, count, timeoutMs);
        if (ready < 0) {
            if (callState.errno() == Errno.EINTR) {
                return 0;
            }
            throw callState.failure("poll", count + " descriptors");
        }
        return ready;
    }

    /** The events returned for descriptor {@code i} by the last {@link #await}. */
    public int revents(int i) {
        return Short.toUnsignedInt(pollfds.get(JAVA_SHORT, i * PollFd.LAYOUT.byteSize() + PollFd.REVENTS));
    }
}

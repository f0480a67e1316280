package io.palisade.ha.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks outbound frames for a link to drop, by stream and sequence number: how tests lose exactly the frames they
 * want lost. Called on the sending thread; must be thread-safe.
 */
@FunctionalInterface
public interface FrameFilter {
    /** Whether to drop this frame. */
    boolean drop(int stream, long sequence);

    /** Drops each listed sequence of {@code stream} once: the first transmission is lost, a resend goes through. */
    static FrameFilter once(int stream, long... sequences) {
        Set<Long> pending = ConcurrentHashMap.newKeySet();
        for (long sequence : sequences) {
            pending.add(sequence);
        }
        return (s, sequence) -> s == stream && pending.remove(sequence);
    }

    /** Drops every transmission of the listed sequences of {@code stream}: resends are lost too. */
    static FrameFilter always(int stream, long... sequences) {
        Set<Long> lost = Set.of(java.util.Arrays.stream(sequences).boxed().toArray(Long[]::new));
        return (s, sequence) -> s == stream && lost.contains(sequence);
    }
}

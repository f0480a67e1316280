package io.palisade.dataplane.engine;

import java.lang.foreign.MemorySegment;

/**
 * How the engine sends frames it generates (ARP, resets, ICMP errors, echo replies) or forwards on its own
 * (non-first fragments): straight out of an interface's port.
 */
@FunctionalInterface
public interface Emitter {
    /** Sends a frame out of interface {@code interfaceId}; false when the port refused it. */
    boolean emit(int interfaceId, MemorySegment frame, int length);
}

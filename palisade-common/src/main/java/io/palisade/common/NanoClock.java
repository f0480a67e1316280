package io.palisade.common;

/**
 * The one place where the current time is read. Logic receives {@code nowNs} as an argument; only agents'
 * duty cycles and I/O edges call a clock.
 */
@FunctionalInterface
public interface NanoClock {
    /** Monotonic time in nanoseconds, with an arbitrary origin. */
    long nanoTime();

    /** The system monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;
}

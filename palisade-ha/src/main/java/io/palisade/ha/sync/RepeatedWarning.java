package io.palisade.ha.sync;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * Keeps a refusal that repeats on every frame from flooding the log: the first occurrence of a message, and every
 * {@value #EVERY}th repeat, are logged as warnings, the rest at debug. Counters still count every one.
 */
final class RepeatedWarning {
    static final int EVERY = 1000;

    private final AtomicReference<String> last = new AtomicReference<>();
    private final AtomicLong repeats = new AtomicLong();

    void warn(Logger log, String message) {
        boolean fresh = !message.equals(last.getAndSet(message));
        if (fresh) {
            repeats.set(0);
        }
        if (fresh || repeats.incrementAndGet() % EVERY == 0) {
            log.warn(message);
        } else {
            log.debug(message);
        }
    }
}

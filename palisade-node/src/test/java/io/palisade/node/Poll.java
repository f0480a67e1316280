package io.palisade.node;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Awaitility-style polling for the two-node HA tests: wait (bounded) until a condition holds, or check that one
 * keeps holding for a while. Timeouts are generous; the tests check behaviour, never speed.
 */
final class Poll {
    /** Default bound for anything that should happen within a few HA timer periods. */
    static final Duration LONG = Duration.ofSeconds(20);

    private static final long STEP_MS = 10;

    private Poll() {}

    /** Waits until {@code condition} holds; fails after {@code timeout} with {@code what} and {@code context}. */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what + "\n" + context.get());
            }
            sleep(STEP_MS);
        }
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> context) {
        until(what, LONG, condition, context);
    }

    /**
     * Like {@link #until}, calling {@code resend} every {@code resendMs} while waiting: a test's packet is not
     * retransmitted by any TCP stack, and a node may drop one for a moment (an active node that was paused holds
     * traffic until it has heard its peer), so the test resends as an endpoint would.
     */
    static void untilResending(
            String what, Runnable resend, long resendMs, BooleanSupplier condition, Supplier<String> context) {
        long[] next = {System.nanoTime() + resendMs * 1_000_000L};
        until(
                what,
                LONG,
                () -> {
                    if (condition.getAsBoolean()) {
                        return true;
                    }
                    if (System.nanoTime() - next[0] >= 0) {
                        next[0] = System.nanoTime() + resendMs * 1_000_000L;
                        resend.run();
                    }
                    return false;
                },
                context);
    }

    /** Checks {@code condition} every few milliseconds for {@code period}; fails at the first sample it is false. */
    static void holds(String what, Duration period, BooleanSupplier condition, Supplier<String> context) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!condition.getAsBoolean()) {
                fail("no longer true: " + what + "\n" + context.get());
            }
            sleep(STEP_MS);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

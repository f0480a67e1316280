package io.palisade.config.store;

/**
 * A fault-injection seam inside commit: the store calls it at each named step. Production uses {@link #NONE};
 * the crash-safety test runs a child process that halts at a chosen step (system property
 * {@code palisade.config.crashAt}) to prove a crash there leaves the previous running config intact.
 */
@FunctionalInterface
public interface CrashPoint {
    CrashPoint NONE = step -> {};

    /** Commit steps in order. */
    enum Step {
        VERSION_FILE_WRITTEN,
        VERSION_FILE_RENAMED,
        META_WRITTEN,
        CURRENT_TEMP_WRITTEN,
        CURRENT_RENAMED
    }

    void reached(Step step);

    /** Halts the JVM at the step named by system property {@code palisade.config.crashAt}, if set. */
    static CrashPoint fromSystemProperty() {
        String at = System.getProperty("palisade.config.crashAt");
        if (at == null) {
            return NONE;
        }
        Step target = Step.valueOf(at);
        return step -> {
            if (step == target) {
                Runtime.getRuntime().halt(99);
            }
        };
    }
}

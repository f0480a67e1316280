package io.palisade.common;

/**
 * A problem the user can fix (bad input, bad usage, missing file). Commands print its message as one line to
 * stderr and exit with {@link #exitCode()}; no stack trace unless {@code --debug}.
 */
public final class UserError extends RuntimeException {
    /** Exit code for bad usage or input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a command that ran and found a failure. */
    public static final int FAILURE = 1;

    private final int exitCode;

    public UserError(String message) {
        this(message, BAD_INPUT, null);
    }

    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

package io.palisade.mgmt.shell;

/**
 * What a command printed and how it ended.
 *
 * @param text output (may be empty)
 * @param exitCode 0 done, 1 the node reported a failure, 2 bad command
 * @param toError whether the text belongs on the error stream
 */
public record Outcome(String text, int exitCode, boolean toError) {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_COMMAND = 2;

    public static Outcome ok(String text) {
        return new Outcome(text, OK, false);
    }

    public static Outcome failed(String text) {
        return new Outcome(text, FAILED, true);
    }

    public static Outcome badCommand(String text) {
        return new Outcome(text, BAD_COMMAND, true);
    }
}

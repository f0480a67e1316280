package io.palisade.testkit.netns;

import java.util.List;

/**
 * The outcome of a command run to completion (or killed at its timeout), with its output captured.
 *
 * @param command the argument vector that ran
 * @param exitCode the exit status; -1 when the command timed out and was killed
 * @param stdout standard output as text
 * @param stderr standard error as text
 * @param timedOut true when the timeout expired first
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** Returns this result when the command succeeded, otherwise throws with the command and its stderr. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    /** One line: the command, how it ended and its stderr. */
    public String describe() {
        String how = timedOut ? "timed out" : "exited " + exitCode;
        return "`" + String.join(" ", command) + "` " + how + ": " + stderr.strip();
    }
}

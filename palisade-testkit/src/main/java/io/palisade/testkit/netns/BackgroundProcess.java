package io.palisade.testkit.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command started inside a namespace ({@code ip netns exec} replaces itself with the command, so
 * {@link #pid()} is the command itself). Stopped by PID only: first SIGTERM, then SIGKILL after a grace period.
 */
public final class BackgroundProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final List<String> command;
    private final Process process;
    private final Path output;

    BackgroundProcess(List<String> command, Process process, Path output) {
        this.command = List.copyOf(command);
        this.process = process;
        this.output = output;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> command() {
        return command;
    }

    /** Standard output and error so far (merged). */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the process by its PID; returns its exit status, or -1 if it would not die. */
    public int kill() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        kill();
        Commands.deleteQuietly(output);
    }
}

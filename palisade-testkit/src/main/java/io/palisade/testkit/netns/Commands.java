package io.palisade.testkit.netns;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands with a timeout, capturing output through temporary files (a pipe that nobody drains can
 * block a chatty child forever).
 */
public final class Commands {
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Commands() {}

    /** Runs {@code command} to completion, or kills it when {@code timeout} expires. */
    public static CommandResult run(Duration timeout, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pal-cmd", ".out");
            err = Files.createTempFile("pal-cmd", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
            return new CommandResult(command, finished ? process.exitValue() : -1, read(out), read(err), !finished);
        } catch (IOException e) {
            return new CommandResult(command, 127, "", String.valueOf(e.getMessage()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(command, -1, "", "interrupted", true);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Finds an executable on the PATH or in the usual system directories, as {@code which} would. */
    public static Optional<Path> which(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + String.join(File.pathSeparator, SYSTEM_DIRECTORIES))
                .split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

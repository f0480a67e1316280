package io.palisade.lab.netns;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system tools the lab is built with ({@code ip}, {@code ethtool}, {@code nft}, {@code iperf3}) with a
 * timeout, output captured through files. A failure becomes a one-line {@link io.palisade.common.UserError}: the command and
 * what the tool said.
 */
public final class Shell {
    private static final long TIMEOUT_MS = 15_000;

    private Shell() {}

    /** The result of a command. */
    public record Result(List<String> command, int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }

        /** One line: the command and the tool's own words. */
        public String describe() {
            String said = (stderr.isBlank() ? stdout : stderr).strip().replace('\n', ' ');
            return String.join(" ", command) + " failed (exit " + exit + ")" + (said.isEmpty() ? "" : ": " + said);
        }
    }

    /** Runs a command and throws when it fails. */
    public static Result run(String... command) {
        Result r = tryRun(TIMEOUT_MS, command);
        if (!r.ok()) {
            throw LabException.of(r.describe());
        }
        return r;
    }

    /** Runs a command inside namespace {@code ns} and throws when it fails. */
    public static Result inNs(String ns, String... command) {
        return run(nsCommand(ns, command).toArray(String[]::new));
    }

    /** {@code ip netns exec NS COMMAND...}. */
    public static List<String> nsCommand(String ns, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        Collections.addAll(argv, command);
        return argv;
    }

    /** Runs a command, never throwing for its failure. */
    public static Result tryRun(long timeoutMs, String... command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pal-sh", ".out");
            err = Files.createTempFile("pal-sh", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                return new Result(List.of(command), -1, "", "timed out after " + timeoutMs + " ms");
            }
            return new Result(
                    List.of(command),
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(List.of(command), 127, "", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.of(command), -1, "", "interrupted");
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** Whether {@code name} is an executable on the PATH or in the system directories. */
    public static boolean has(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts {@code command} in the background with its output appended to {@code log}; the caller stops it by
     * PID ({@code ip netns exec} replaces itself with the command, so the PID is the command's own).
     */
    public static Process spawn(Path log, List<String> command) {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw LabException.of("cannot start " + String.join(" ", command) + ": " + e.getMessage());
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }
}

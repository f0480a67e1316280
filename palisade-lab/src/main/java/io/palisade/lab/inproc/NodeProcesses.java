package io.palisade.lab.inproc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts node processes ({@code java ... io.palisade.node.NodeMain}) and ends them by process id, never by name.
 * Before signalling a pid it checks that the process is still the node it started (its command line names
 * NodeMain and its configuration file), so a reused pid is left alone.
 */
public final class NodeProcesses {
    /** The class the node processes run. */
    public static final String MAIN_CLASS = "io.palisade.node.NodeMain";

    private static final long TERM_WAIT_MS = 8_000;

    private NodeProcesses() {}

    /**
     * Starts a node; its output goes to {@code output}.
     *
     * @param extraArgs NodeMain flags after {@code --config} and {@code --state}
     */
    public static Process start(Path config, Path state, Path output, List<String> extraArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:+UseSerialGC");
        command.add("-Xms32m");
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.add("--config");
        command.add(config.toString());
        command.add("--state");
        command.add(state.toString());
        command.addAll(extraArgs);
        try {
            Files.createDirectories(output.getParent());
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node process: " + e.getMessage(), e);
        }
    }

    /** The process {@code pid} if it is alive and is the node of {@code config}. */
    public static Optional<ProcessHandle> find(long pid, String config) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> isNode(pid, config));
    }

    /** Whether {@code pid} runs NodeMain with {@code config} (from /proc/PID/cmdline). */
    static boolean isNode(long pid, String config) {
        try {
            String cmdline = new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            List<String> args = List.of(cmdline.split("\0"));
            return args.contains(MAIN_CLASS) && (config == null || args.contains(config));
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean alive(long pid, String config) {
        return find(pid, config).isPresent();
    }

    /** SIGKILL, at once (the demo's kill fault). Returns whether a process was signalled. */
    public static boolean kill(long pid, String config) {
        return find(pid, config).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    /** SIGTERM (graceful: the node says goodbye to its peer), then SIGKILL when it has not ended in time. */
    public static void stop(long pid, String config) {
        Optional<ProcessHandle> h = find(pid, config);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        if (!waitForExit(h.get(), TERM_WAIT_MS)) {
            h.get().destroyForcibly();
            waitForExit(h.get(), TERM_WAIT_MS);
        }
    }

    private static boolean waitForExit(ProcessHandle h, long ms) {
        try {
            h.onExit().get(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }

    /** The last {@code lines} lines of a node's output, for error messages. */
    public static String tail(Path output, int lines) {
        try {
            List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output in " + output + ")";
        }
    }
}

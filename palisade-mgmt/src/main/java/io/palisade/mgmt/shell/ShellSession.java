package io.palisade.mgmt.shell;

import io.palisade.config.validate.Problem;
import io.palisade.mgmt.shell.CommandTree.CommandError;
import io.palisade.mgmt.shell.CommandTree.Suggestion;
import io.palisade.mgmt.shell.render.ConfigRenderer;
import io.palisade.ops.SystemInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * One operator session: the mode (operational or configure), the two grammars, command execution with
 * {@code | match} / {@code | except} filters and {@code ?} help, and the prompt. The terminal loop lives in
 * {@link Shell}; this class has no terminal and is what tests and {@code -c} drive.
 */
public final class ShellSession {
    /** The shell's mode, as the prompt shows it ({@code >} or {@code #}). */
    public enum Mode {
        OPERATIONAL,
        CONFIGURE
    }

    /** How long completion data (zones, session ids, candidate tree) is reused, so TAB stays quick. */
    private static final long SUGGESTION_CACHE_MS = 2000;

    private final NodeClient client;
    private final String user;
    private final ZoneId zone;
    private final LongSupplier epochMillis;
    private final CommandTree operational;
    private final CommandTree configure;
    private Mode mode = Mode.OPERATIONAL;
    private boolean exitRequested;
    private Object cachedCandidate;
    private long cachedCandidateAtMs = Long.MIN_VALUE;

    public ShellSession(NodeClient client, String user, ZoneId zone, LongSupplier epochMillis) {
        this.client = client;
        this.user = user;
        this.zone = zone;
        this.epochMillis = epochMillis;
        CommandNode op = OperationalCommands.build(this);
        this.operational = new CommandTree(op);
        this.configure = new CommandTree(ConfigureCommands.build(this, op));
    }

    NodeClient client() {
        return client;
    }

    long now() {
        return epochMillis.getAsLong();
    }

    ZoneId zone() {
        return zone;
    }

    public Mode mode() {
        return mode;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    private CommandTree tree() {
        return mode == Mode.OPERATIONAL ? operational : configure;
    }

    // ------------------------------------------------------------------ execution

    /** Runs one line: a command, a command with a pipe, or help when it ends with {@code ?}. */
    public Outcome execute(String line) {
        List<String> words;
        try {
            words = Tokens.split(line);
        } catch (IllegalArgumentException e) {
            return Outcome.badCommand(e.getMessage() + "\n");
        }
        if (words.isEmpty()) {
            return Outcome.ok("");
        }
        String last = words.getLast();
        if (last.endsWith("?")) {
            List<String> before = new ArrayList<>(words.subList(0, words.size() - 1));
            return Outcome.ok(help(before, last.substring(0, last.length() - 1)));
        }
        int pipe = words.indexOf("|");
        List<String> command = pipe < 0 ? words : words.subList(0, pipe);
        Pattern filter = null;
        boolean except = false;
        if (pipe >= 0) {
            List<String> pipeWords = words.subList(pipe + 1, words.size());
            if (pipeWords.size() < 2
                    || !(pipeWords.getFirst().equals("match")
                            || pipeWords.getFirst().equals("except"))) {
                return Outcome.badCommand("Pipe usage: | match <regex> or | except <regex>\n");
            }
            except = pipeWords.getFirst().equals("except");
            try {
                filter = Pattern.compile(String.join(" ", pipeWords.subList(1, pipeWords.size())));
            } catch (PatternSyntaxException e) {
                return Outcome.badCommand("Invalid regular expression: " + e.getDescription() + "\n");
            }
        }
        Outcome outcome = run(command);
        return filter == null ? outcome : filtered(outcome, filter, except);
    }

    private Outcome run(List<String> command) {
        try {
            return tree().parse(command).run();
        } catch (CommandError e) {
            return Outcome.badCommand(e.getMessage() + "\n");
        } catch (ApiFailure e) {
            return failure(e);
        } catch (IllegalArgumentException e) {
            return Outcome.badCommand(e.getMessage() + "\n");
        }
    }

    private static Outcome failure(ApiFailure e) {
        StringBuilder sb = new StringBuilder("Error: ").append(e.getMessage()).append('\n');
        List<Problem> problems = e.problems();
        if (!problems.isEmpty()) {
            sb.append(ConfigRenderer.problems(problems));
        }
        return Outcome.failed(sb.toString());
    }

    private static Outcome filtered(Outcome outcome, Pattern filter, boolean except) {
        if (outcome.exitCode() != Outcome.OK) {
            return outcome;
        }
        StringBuilder sb = new StringBuilder();
        outcome.text()
                .lines()
                .filter(l -> filter.matcher(l).find() != except)
                .forEach(l -> sb.append(l).append('\n'));
        return new Outcome(sb.toString(), outcome.exitCode(), outcome.toError());
    }

    // ------------------------------------------------------------------ help and completion

    /** Suggestions for the word after {@code before}, of which {@code partial} is typed (pipes included). */
    public List<Suggestion> suggest(List<String> before, String partial) {
        int pipe = before.indexOf("|");
        if (pipe >= 0) {
            List<String> after = before.subList(pipe + 1, before.size());
            if (after.isEmpty()) {
                return List.of(
                        new Suggestion("match", "Show only lines that match a regular expression", true, true),
                        new Suggestion("except", "Hide lines that match a regular expression", true, true));
            }
            return List.of(new Suggestion("<regex>", "Regular expression", false, true));
        }
        return tree().suggest(before, partial);
    }

    /** The {@code ?} text: the possible next words with their help, filtered by what is typed. */
    public String help(List<String> before, String partial) {
        List<Suggestion> suggestions = suggest(before, partial).stream()
                .filter(s -> !s.insertable() || s.value().startsWith(partial))
                .toList();
        if (suggestions.isEmpty()) {
            return "Unknown command: " + String.join(" ", before) + (partial.isEmpty() ? "" : " " + partial) + "\n";
        }
        int width = Math.max(
                24, suggestions.stream().mapToInt(s -> s.value().length()).max().orElse(0) + 2);
        StringBuilder sb = new StringBuilder();
        for (Suggestion s : suggestions) {
            sb.append("  ")
                    .append(String.format("%-" + width + "s", s.value()))
                    .append(s.help())
                    .append('\n');
        }
        return sb.toString();
    }

    List<String> zones() {
        try {
            Object tree = candidateTree();
            if (tree instanceof Map<?, ?> m && m.get("zones") instanceof List<?> zones) {
                return zones.stream()
                        .filter(z -> z instanceof Map<?, ?>)
                        .map(z -> String.valueOf(((Map<?, ?>) z).get("name")))
                        .toList();
            }
        } catch (ApiFailure e) {
            // no suggestions when the node cannot be asked
        }
        return List.of();
    }

    List<String> sessionIds() {
        try {
            return client.sessions(Map.of(), 50).stream()
                    .map(s -> Long.toString(s.id()))
                    .toList();
        } catch (ApiFailure e) {
            return List.of();
        }
    }

    List<String> configPaths(String partial) {
        try {
            return ConfigPaths.complete(partial, candidateTree());
        } catch (ApiFailure e) {
            return ConfigPaths.complete(partial, null);
        }
    }

    private Object candidateTree() {
        long now = now();
        if (cachedCandidate == null || now - cachedCandidateAtMs > SUGGESTION_CACHE_MS) {
            LoaderOptions options = new LoaderOptions();
            cachedCandidate = new Yaml(options).load(client.candidateConfig().yaml());
            cachedCandidateAtMs = now;
        }
        return cachedCandidate;
    }

    // ------------------------------------------------------------------ modes and prompt

    Outcome enterConfigure() {
        mode = Mode.CONFIGURE;
        return Outcome.ok("Entering configuration mode\n[edit]\n");
    }

    Outcome leaveConfigure() {
        mode = Mode.OPERATIONAL;
        cachedCandidate = null;
        return Outcome.ok("Exiting configuration mode\n");
    }

    Outcome requestExit() {
        exitRequested = true;
        return Outcome.ok("");
    }

    /** {@code admin@fw-a(active)> }, {@code admin@fw-a(active)# } in configure mode, no state when HA is off. */
    public String prompt() {
        String host;
        String state;
        try {
            SystemInfo info = client.systemInfo();
            host = info.hostname();
            state = "standalone".equals(info.haState()) || "disabled".equals(info.haMode()) ? null : info.haState();
        } catch (ApiFailure e) {
            host = client.base().getHost();
            state = "unreachable";
        }
        return user + "@" + host + (state == null ? "" : "(" + state + ")") + (mode == Mode.OPERATIONAL ? "> " : "# ");
    }
}

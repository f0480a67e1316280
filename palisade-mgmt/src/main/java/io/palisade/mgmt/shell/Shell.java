package io.palisade.mgmt.shell;

import io.palisade.mgmt.shell.CommandTree.Suggestion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The operational shell: {@code ./palisade cli [--node URL] [-c "COMMAND"]} calls {@link #run}. Interactive mode
 * is a JLine line reader with tab completion over the command grammar, {@code ?} help at any position, history
 * and the PAN-OS prompt; {@code -c} runs one command and exits 0 (done), 1 (the node reported a failure) or 2 (bad
 * command).
 */
public final class Shell {
    /** The widget name {@code ?} is bound to. */
    static final String HELP_WIDGET = "palisade-help";

    /**
     * Session settings.
     *
     * @param user the name in the prompt
     * @param zone time zone for printed times
     * @param historyFile where history persists, or null to keep it in memory
     * @param epochMillis wall clock
     */
    public record Options(String user, ZoneId zone, Path historyFile, LongSupplier epochMillis) {
        public static Options defaults() {
            return new Options("admin", ZoneId.systemDefault(), null, System::currentTimeMillis);
        }
    }

    private Shell() {}

    /**
     * Runs one command ({@code oneCommand} not null) or the interactive shell on the given streams (the system
     * terminal when they are {@code System.in} and {@code System.out}).
     *
     * @return the exit code
     */
    public static int run(
            String nodeUrl, String apiKey, String oneCommand, InputStream in, PrintStream out, PrintStream err) {
        return run(nodeUrl, apiKey, oneCommand, in, out, err, Options.defaults());
    }

    /** As {@link #run(String, String, String, InputStream, PrintStream, PrintStream)} with options. */
    public static int run(
            String nodeUrl,
            String apiKey,
            String oneCommand,
            InputStream in,
            PrintStream out,
            PrintStream err,
            Options options) {
        ShellSession session = session(nodeUrl, apiKey, options);
        if (oneCommand != null) {
            Outcome outcome = session.execute(oneCommand);
            (outcome.toError() ? err : out).print(outcome.text());
            out.flush();
            err.flush();
            return outcome.exitCode();
        }
        boolean system = in == System.in && out == System.out;
        try (Terminal terminal = system
                ? TerminalBuilder.builder().system(true).build()
                : TerminalBuilder.builder()
                        .system(false)
                        .streams(in, out)
                        .type("xterm")
                        .build()) {
            return interactive(session, terminal, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    /** The interactive loop on a terminal the caller owns (tests drive it through a pipe). */
    public static int run(String nodeUrl, String apiKey, Terminal terminal, Options options) {
        return interactive(session(nodeUrl, apiKey, options), terminal, options);
    }

    private static ShellSession session(String nodeUrl, String apiKey, Options options) {
        return new ShellSession(new NodeClient(nodeUrl, apiKey), options.user(), options.zone(), options.epochMillis());
    }

    private static int interactive(ShellSession session, Terminal terminal, Options options) {
        LineReader reader = reader(session, terminal, options);
        while (!session.exitRequested()) {
            String line;
            try {
                line = reader.readLine(session.prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the line, as on a firewall console
            } catch (EndOfFileException e) {
                break;
            }
            Outcome outcome = session.execute(line);
            terminal.writer().print(outcome.text());
            terminal.writer().flush();
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("history not saved: " + e.getMessage());
        }
        return Outcome.OK;
    }

    static LineReader reader(ShellSession session, Terminal terminal, Options options) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("palisade")
                .completer(completer(session))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_LIST, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (options.historyFile() != null) {
            builder.variable(LineReader.HISTORY_FILE, options.historyFile());
        }
        LineReader reader = builder.build();
        reader.getWidgets().put(HELP_WIDGET, () -> help(session, reader));
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(HELP_WIDGET), "?");
        return reader;
    }

    /** Tab completion from the same grammar walk that executes commands. */
    static Completer completer(ShellSession session) {
        return (reader, line, candidates) -> {
            List<String> before = new ArrayList<>(line.words().subList(0, line.wordIndex()));
            before.removeIf(String::isEmpty);
            for (Suggestion s : session.suggest(before, line.word())) {
                if (s.insertable()) {
                    candidates.add(new Candidate(s.value(), s.value(), null, s.help(), null, null, s.complete()));
                }
            }
        };
    }

    /** {@code ?}: list what may come next above the prompt and keep the line as typed. */
    private static boolean help(ShellSession session, LineReader reader) {
        String typed = reader.getBuffer().upToCursor();
        if (typed.chars().filter(c -> c == '"').count() % 2 == 1) {
            reader.getBuffer().write('?'); // inside a quoted description: a plain question mark
            return true;
        }
        List<String> words;
        try {
            words = new ArrayList<>(Tokens.split(typed));
        } catch (IllegalArgumentException e) {
            return true;
        }
        String partial = typed.isEmpty() || Character.isWhitespace(typed.charAt(typed.length() - 1)) || words.isEmpty()
                ? ""
                : words.removeLast();
        reader.printAbove(session.help(words, partial).stripTrailing());
        return true;
    }
}

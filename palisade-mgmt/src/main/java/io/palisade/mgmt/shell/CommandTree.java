package io.palisade.mgmt.shell;

import io.palisade.mgmt.shell.CommandNode.Invocation;
import io.palisade.mgmt.shell.CommandNode.Kind;
import io.palisade.mgmt.shell.CommandNode.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses words against a command grammar and suggests what may come next. The same walk serves execution,
 * tab completion and {@code ?} help, so the three never disagree. Keywords may be abbreviated to a unique prefix.
 */
public final class CommandTree {
    private final CommandNode root;

    public CommandTree(CommandNode root) {
        this.root = root;
    }

    /** A command the grammar does not accept; the message is for the operator. */
    public static final class CommandError extends RuntimeException {
        public CommandError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A parsed command.
     *
     * @param node the node whose action runs
     * @param invocation what was typed
     */
    public record Parsed(CommandNode node, Invocation invocation) {
        public Outcome run() {
            return node.action.run(invocation);
        }
    }

    /**
     * What may come next.
     *
     * @param value the word to insert, or a placeholder such as {@code <id>} or {@code <Enter>}
     * @param help one line
     * @param insertable whether completion may insert {@code value}
     * @param complete whether the word is finished (completion adds a space) or a prefix to keep typing on
     */
    public record Suggestion(String value, String help, boolean insertable, boolean complete) {
        Suggestion(String value, String help, boolean insertable) {
            this(value, help, insertable, true);
        }
    }

    /** The walk's position after some words. */
    private static final class State {
        CommandNode node;
        Option pending;
        boolean greedyStarted;
        final List<String> values = new ArrayList<>();
        final Map<String, String> options = new LinkedHashMap<>();

        State(CommandNode node) {
            this.node = node;
        }
    }

    /** Parses a whole command; throws {@link CommandError} saying what is wrong. */
    public Parsed parse(List<String> words) {
        if (words.isEmpty()) {
            throw new CommandError("Empty command");
        }
        State s = walk(words);
        if (s.pending != null) {
            throw new CommandError("Missing value for " + s.pending.name() + " " + s.pending.placeholder());
        }
        if (!s.node.executable()) {
            CommandNode options = optionsChild(s.node);
            if (options == null || !options.executable()) {
                throw new CommandError("Incomplete command: " + String.join(" ", words) + " (type ? for help)");
            }
            s.node = options;
        }
        for (Option o : s.node.options) {
            if (o.required() && !s.options.containsKey(o.name())) {
                throw new CommandError("Missing required argument: " + o.name() + " " + o.placeholder());
            }
        }
        return new Parsed(s.node, new Invocation(List.copyOf(s.values), Map.copyOf(s.options)));
    }

    /** Suggestions for the word after {@code before} (all of which are complete words). */
    public List<Suggestion> suggest(List<String> before) {
        return suggest(before, "");
    }

    /** Suggestions for the word after {@code before}, of which {@code partial} is typed so far. */
    public List<Suggestion> suggest(List<String> before, String partial) {
        State s;
        try {
            s = walk(before);
        } catch (CommandError e) {
            return List.of();
        }
        List<Suggestion> out = new ArrayList<>();
        if (s.node.kind == Kind.OPTIONS) {
            optionSuggestions(s, s.node, out);
        } else if (s.node.kind == Kind.VALUE && s.node.greedy && s.greedyStarted) {
            out.add(new Suggestion(s.node.word, s.node.help, false));
        } else {
            for (CommandNode child : s.node.children) {
                switch (child.kind) {
                    case KEYWORD -> out.add(new Suggestion(child.word, child.help, true));
                    case VALUE -> {
                        child.suggestions
                                .apply(partial)
                                .forEach(v -> out.add(new Suggestion(v, child.help, true, !child.open)));
                        out.add(new Suggestion(child.word, child.help, false));
                    }
                    case OPTIONS -> optionSuggestions(s, child, out);
                    case ROOT -> {}
                }
            }
        }
        boolean complete = s.pending == null
                && (s.node.executable()
                        || (optionsChild(s.node) != null && optionsChild(s.node).executable()))
                && requiredGiven(s);
        if (complete && !before.isEmpty()) {
            out.add(new Suggestion("<Enter>", "Finish input", false));
            out.add(new Suggestion("|", "Pipe through a command", true));
        }
        return out;
    }

    private static boolean requiredGiven(State s) {
        CommandNode node = s.node.kind == Kind.OPTIONS ? s.node : optionsChild(s.node);
        if (node == null || s.node.executable() && s.node.kind != Kind.OPTIONS) {
            return true;
        }
        return node.options.stream().filter(Option::required).allMatch(o -> s.options.containsKey(o.name()));
    }

    private static void optionSuggestions(State s, CommandNode node, List<Suggestion> out) {
        if (s.pending != null) {
            s.pending.values().get().forEach(v -> out.add(new Suggestion(v, s.pending.help(), true)));
            out.add(new Suggestion(s.pending.placeholder(), s.pending.help(), false));
            return;
        }
        for (Option o : node.options) {
            if (!s.options.containsKey(o.name())) {
                out.add(new Suggestion(o.name(), (o.required() ? "" : "(optional) ") + o.help(), true));
            }
        }
    }

    private State walk(List<String> words) {
        State s = new State(root);
        for (String word : words) {
            advance(s, word);
        }
        return s;
    }

    private void advance(State s, String word) {
        if (s.node.kind == Kind.OPTIONS) {
            advanceOption(s, word);
            return;
        }
        if (s.node.kind == Kind.VALUE && s.node.greedy && s.greedyStarted) {
            int last = s.values.size() - 1;
            s.values.set(last, s.values.get(last) + " " + word);
            return;
        }
        CommandNode next = exactKeyword(s.node, word);
        if (next == null) {
            next = valueChild(s.node);
            if (next != null) {
                s.values.add(word);
                s.greedyStarted = next.greedy;
                s.node = next;
                return;
            }
        }
        if (next == null && optionsChild(s.node) != null) {
            s.node = optionsChild(s.node);
            advanceOption(s, word);
            return;
        }
        if (next == null) {
            next = uniquePrefix(s.node, word);
        }
        s.node = next;
    }

    private static void advanceOption(State s, String word) {
        if (s.pending != null) {
            s.options.put(s.pending.name(), word);
            s.pending = null;
            return;
        }
        List<Option> matches = new ArrayList<>();
        for (Option o : s.node.options) {
            if (o.name().equals(word)) {
                matches = List.of(o);
                break;
            }
            if (o.name().startsWith(word)) {
                matches.add(o);
            }
        }
        if (matches.size() != 1) {
            throw new CommandError((matches.isEmpty() ? "Unknown argument: " : "Ambiguous argument: ") + word);
        }
        Option o = matches.getFirst();
        if (s.options.containsKey(o.name())) {
            throw new CommandError("Argument given twice: " + o.name());
        }
        s.pending = o;
    }

    private static CommandNode exactKeyword(CommandNode node, String word) {
        for (CommandNode c : node.children) {
            if (c.kind == Kind.KEYWORD && c.word.equals(word)) {
                return c;
            }
        }
        return null;
    }

    private static CommandNode uniquePrefix(CommandNode node, String word) {
        List<CommandNode> matches = node.children.stream()
                .filter(c -> c.kind == Kind.KEYWORD && c.word.startsWith(word))
                .toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        throw new CommandError((matches.isEmpty() ? "Unknown command: " : "Ambiguous command: ") + word);
    }

    private static CommandNode valueChild(CommandNode node) {
        return node.children.stream()
                .filter(c -> c.kind == Kind.VALUE)
                .findFirst()
                .orElse(null);
    }

    private static CommandNode optionsChild(CommandNode node) {
        return node.children.stream()
                .filter(c -> c.kind == Kind.OPTIONS)
                .findFirst()
                .orElse(null);
    }
}

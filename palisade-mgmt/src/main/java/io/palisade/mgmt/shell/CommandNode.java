package io.palisade.mgmt.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node of the command grammar: a keyword ({@code show}), a value ({@code <id>}) or a set of options given in
 * any order ({@code filter source A destination B}). A node with an action is a complete command.
 */
public final class CommandNode {
    /** What a node matches. */
    public enum Kind {
        ROOT,
        KEYWORD,
        VALUE,
        OPTIONS
    }

    /**
     * One option of an {@link Kind#OPTIONS} node.
     *
     * @param name keyword
     * @param placeholder what its value is, e.g. {@code <ip>}
     * @param help one line
     * @param required whether the command needs it
     * @param values suggested values for completion (may be empty)
     */
    public record Option(
            String name, String placeholder, String help, boolean required, Supplier<List<String>> values) {
        public static Option of(String name, String placeholder, String help) {
            return new Option(name, placeholder, help, false, List::of);
        }

        public Option mandatory() {
            return new Option(name, placeholder, help, true, values);
        }

        public Option values(Supplier<List<String>> suggestions) {
            return new Option(name, placeholder, help, required, suggestions);
        }
    }

    /** What a complete command does with what was typed. */
    @FunctionalInterface
    public interface Action {
        Outcome run(Invocation invocation);
    }

    /**
     * What was typed for a command.
     *
     * @param values the values of {@link Kind#VALUE} nodes, in order
     * @param options the options given, by name
     */
    public record Invocation(List<String> values, Map<String, String> options) {
        public String value(int index) {
            return values.get(index);
        }
    }

    final Kind kind;
    final String word;
    final String help;
    final List<CommandNode> children = new ArrayList<>();
    final List<Option> options = new ArrayList<>();
    Function<String, List<String>> suggestions = partial -> List.of();
    boolean open;
    boolean greedy;
    Action action;

    private CommandNode(Kind kind, String word, String help) {
        this.kind = kind;
        this.word = word;
        this.help = help;
    }

    public static CommandNode root() {
        return new CommandNode(Kind.ROOT, "", "");
    }

    /** Adds a keyword child and returns it. */
    public CommandNode keyword(String word, String help) {
        CommandNode child = new CommandNode(Kind.KEYWORD, word, help);
        children.add(child);
        return child;
    }

    /** Adds a value child ({@code placeholder} such as {@code <id>}) and returns it. */
    public CommandNode value(String placeholder, String help) {
        CommandNode child = new CommandNode(Kind.VALUE, placeholder, help);
        children.add(child);
        return child;
    }

    /** Adds an options child and returns it. */
    public CommandNode options(Option... list) {
        CommandNode child = new CommandNode(Kind.OPTIONS, "", "");
        child.options.addAll(List.of(list));
        children.add(child);
        return child;
    }

    /** Adds an existing node (a shared subtree, such as the operational tree under {@code run}). */
    public CommandNode adopt(CommandNode other) {
        children.addAll(other.children);
        return this;
    }

    /** Values to suggest for a value node. */
    public CommandNode suggest(Supplier<List<String>> values) {
        suggestions = partial -> values.get();
        return this;
    }

    /**
     * Values to suggest given the partial word typed so far; they are prefixes to keep typing on (a path), so
     * completion adds no space after them.
     */
    public CommandNode suggestOpen(Function<String, List<String>> values) {
        suggestions = values;
        open = true;
        return this;
    }

    /** A value node that takes the rest of the line (spaces included). */
    public CommandNode greedy() {
        greedy = true;
        return this;
    }

    /** Makes this node a complete command. */
    public CommandNode does(Action what) {
        action = what;
        return this;
    }

    public String word() {
        return word;
    }

    public String help() {
        return help;
    }

    public List<CommandNode> children() {
        return List.copyOf(children);
    }

    public boolean executable() {
        return action != null;
    }
}

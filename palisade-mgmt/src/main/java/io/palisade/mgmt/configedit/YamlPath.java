package io.palisade.mgmt.configedit;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed YAML path: {@code security-rules[0].action}, {@code session.timeouts.tcp},
 * {@code security-rules[allow-outbound].action} (a list item chosen by its {@code name}).
 *
 * <pre>
 *   path      = segment ("." segment)*
 *   segment   = key ("[" selector "]")*
 *   selector  = index | name        index: 0-based list position; name: the item whose name: is that
 * </pre>
 *
 * @param text the path as written
 * @param steps one step per key or selector, in order
 */
public record YamlPath(String text, List<Step> steps) {

    /** One step down the tree. */
    public sealed interface Step {
        /** A mapping key. */
        record Key(String name) implements Step {
            @Override
            public String toString() {
                return name;
            }
        }

        /** A list position. */
        record Index(int index) implements Step {
            @Override
            public String toString() {
                return "[" + index + "]";
            }
        }

        /** The list item whose {@code name} is this. */
        record Named(String name) implements Step {
            @Override
            public String toString() {
                return "[" + name + "]";
            }
        }
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static YamlPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        List<Step> steps = new ArrayList<>();
        String s = text.strip();
        int i = 0;
        while (i < s.length()) {
            int keyEnd = i;
            while (keyEnd < s.length() && s.charAt(keyEnd) != '.' && s.charAt(keyEnd) != '[') {
                keyEnd++;
            }
            String key = s.substring(i, keyEnd);
            if (key.isEmpty() || !key.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("'" + text + "': bad key '" + key + "' at position " + (i + 1));
            }
            steps.add(new Step.Key(key));
            i = keyEnd;
            while (i < s.length() && s.charAt(i) == '[') {
                int close = s.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + text + "': '[' without ']'");
                }
                steps.add(selector(s.substring(i + 1, close).strip(), text));
                i = close + 1;
            }
            if (i < s.length()) {
                if (s.charAt(i) != '.' || i == s.length() - 1) {
                    throw new IllegalArgumentException("'" + text + "': expected '.' at position " + (i + 1));
                }
                i++;
            }
        }
        return new YamlPath(s, List.copyOf(steps));
    }

    private static Step selector(String inside, String text) {
        if (inside.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': empty [] selector");
        }
        if (inside.chars().allMatch(Character::isDigit)) {
            try {
                return new Step.Index(Integer.parseInt(inside));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': index " + inside + " is too large");
            }
        }
        return new Step.Named(inside);
    }

    /** The path up to and including step {@code count - 1}, as text. */
    public String prefix(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Step step = steps.get(i);
            if (step instanceof Step.Key && i > 0) {
                sb.append('.');
            }
            sb.append(step);
        }
        return sb.toString();
    }
}

package io.palisade.mgmt.shell;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words: spaces separate, double quotes group, {@code |} stands alone outside quotes. */
public final class Tokens {
    private Tokens() {}

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                flush(out, word, inWord);
                inWord = false;
            } else if (!quoted && c == '|') {
                flush(out, word, inWord);
                inWord = false;
                out.add("|");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced double quote");
        }
        flush(out, word, inWord);
        return out;
    }

    private static void flush(List<String> out, StringBuilder word, boolean inWord) {
        if (inWord) {
            out.add(word.toString());
        }
        word.setLength(0);
    }
}

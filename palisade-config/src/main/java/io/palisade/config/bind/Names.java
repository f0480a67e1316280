package io.palisade.config.bind;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;

/** Mapping between Java names and YAML spellings, and "did you mean" suggestions. */
public final class Names {
    private Names() {}

    /** {@code monitorFailHoldUpTimeMs} becomes {@code monitor-fail-hold-up-time-ms}. */
    public static String kebab(String javaName) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static String yamlKey(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        return key != null ? key.value() : kebab(component.getName());
    }

    /** The YAML spelling of an enum constant. */
    public static String enumName(Enum<?> constant) {
        if (constant instanceof YamlEnum y) {
            return y.yamlName();
        }
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The closest candidate within a small edit distance, or null. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(2, word.length() / 3);
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** Adds {@code (did you mean 'x'?)} when a close candidate exists. */
    public static String didYouMean(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : " (did you mean '" + c + "'?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

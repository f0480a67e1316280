package io.palisade.config.store;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) printed in unified style, for {@code show config diff}. */
public final class TextDiff {
    private static final int CONTEXT = 3;

    private TextDiff() {}

    public static String unified(String from, String to, String fromLabel, String toLabel) {
        String[] a = from.split("\n", -1);
        String[] b = to.split("\n", -1);
        List<String> ops = edits(a, b);
        StringBuilder out = new StringBuilder("--- " + fromLabel + "\n+++ " + toLabel + "\n");
        boolean any = false;
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).charAt(0) == ' ' && !nearChange(ops, i)) {
                continue;
            }
            any |= ops.get(i).charAt(0) != ' ';
            out.append(ops.get(i)).append('\n');
        }
        return any ? out.toString() : "";
    }

    private static boolean nearChange(List<String> ops, int i) {
        for (int j = Math.max(0, i - CONTEXT); j <= Math.min(ops.size() - 1, i + CONTEXT); j++) {
            if (ops.get(j).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }

    private static List<String> edits(String[] a, String[] b) {
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add(" " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add("+" + b[j++]);
            } else {
                ops.add("-" + a[i++]);
            }
        }
        return ops;
    }
}

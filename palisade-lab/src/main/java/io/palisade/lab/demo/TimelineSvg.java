package io.palisade.lab.demo;

import java.util.List;
import java.util.Locale;

/**
 * Draws the demo timeline as SVG: one lane per node showing its HA state over time, a lane of probe gaps (the
 * traffic interruption), and the fault as a vertical line at 0.
 */
public final class TimelineSvg {
    private static final int WIDTH = 960;
    private static final int LANE = 44;
    private static final int LEFT = 110;
    private static final int TOP = 40;

    private TimelineSvg() {}

    /** A gap in the probe stream, relative to the fault. */
    public record Gap(long fromMs, long toMs) {}

    /**
     * @param nodes node names, one lane each
     * @param states transitions (relative ms)
     * @param gaps probe gaps above the noise threshold (relative ms)
     * @param fromMs start of the picture
     * @param toMs end of the picture
     */
    public static String render(
            String title,
            List<String> nodes,
            List<DemoReport.StateEvent> states,
            List<Gap> gaps,
            long fromMs,
            long toMs) {
        int height = TOP + LANE * (nodes.size() + 1) + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s</text>%n", escape(title)));
        for (int n = 0; n < nodes.size(); n++) {
            lane(s, nodes.get(n), n, states, fromMs, toMs);
        }
        int y = TOP + LANE * nodes.size();
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">probe gaps</text>%n", y + 22));
        for (Gap g : gaps) {
            int x1 = x(g.fromMs(), fromMs, toMs);
            int x2 = Math.max(x1 + 1, x(g.toMs(), fromMs, toMs));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" fill=\"#d9534f\">"
                            + "<title>%d ms gap</title></rect>%n",
                    x1,
                    y + 6,
                    x2 - x1,
                    g.toMs() - g.fromMs()));
        }
        int zero = x(0, fromMs, toMs);
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"" + " stroke-dasharray=\"4 3\"/>%n",
                zero,
                TOP - 8,
                zero,
                y + 34));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">fault</text>%n", zero + 4, TOP - 10));
        axis(s, fromMs, toMs, y + 50);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void lane(
            StringBuilder s, String node, int n, List<DemoReport.StateEvent> states, long fromMs, long toMs) {
        int y = TOP + LANE * n;
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 22, escape(node)));
        List<DemoReport.StateEvent> mine =
                states.stream().filter(e -> e.node().equals(node)).toList();
        String state = mine.isEmpty() ? "unknown" : mine.getFirst().from();
        long at = fromMs;
        for (DemoReport.StateEvent e : mine) {
            segment(s, state, Math.max(at, fromMs), Math.min(e.atMs(), toMs), y, fromMs, toMs);
            state = e.to();
            at = e.atMs();
        }
        segment(s, state, Math.max(at, fromMs), toMs, y, fromMs, toMs);
    }

    private static void segment(StringBuilder s, String state, long from, long to, int y, long fromMs, long toMs) {
        if (to <= from) {
            return;
        }
        int x1 = x(from, fromMs, toMs);
        int x2 = x(to, fromMs, toMs);
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" fill=\"%s\">" + "<title>%s</title></rect>%n",
                x1,
                y + 6,
                Math.max(1, x2 - x1),
                color(state),
                escape(state)));
        if (x2 - x1 > 60) {
            s.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"white\">%s</text>%n", x1 + 4, y + 22, escape(state)));
        }
    }

    private static void axis(StringBuilder s, long fromMs, long toMs, int y) {
        long span = toMs - fromMs;
        long step = span > 20_000 ? 5000 : span > 5000 ? 1000 : span > 2000 ? 500 : 100;
        for (long t = (fromMs / step) * step; t <= toMs; t += step) {
            int x = x(t, fromMs, toMs);
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x,
                    y,
                    t % 1000 == 0 ? (t / 1000) + " s" : t + " ms"));
        }
    }

    private static int x(long ms, long fromMs, long toMs) {
        double f = (ms - fromMs) / (double) Math.max(1, toMs - fromMs);
        return LEFT + (int) Math.round(f * (WIDTH - LEFT - 20));
    }

    private static String color(String state) {
        return switch (state) {
            case "active", "active-primary", "active-secondary" -> "#2e7d32";
            case "passive" -> "#1565c0";
            case "initial", "tentative" -> "#9e9e9e";
            case "non-functional" -> "#ef6c00";
            case "suspended" -> "#6a1b9a";
            default -> "#424242";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

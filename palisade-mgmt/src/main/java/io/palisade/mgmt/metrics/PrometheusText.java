package io.palisade.mgmt.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: each family once, its {@code # HELP} and
 * {@code # TYPE} lines first, then all of its samples together. Names and label names are checked; help text and
 * label values are escaped as the format asks (backslash, newline, and double quote in label values).
 */
public final class PrometheusText {
    /** The Content-Type of a scrape answer. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out = new StringBuilder(4096);
    private final Set<String> families = new HashSet<>();
    private String current;

    /** Starts a gauge family. */
    public PrometheusText gauge(String name, String help) {
        return family(name, "gauge", help);
    }

    /** Starts a counter family; by convention its name ends in {@code _total}. */
    public PrometheusText counter(String name, String help) {
        return family(name, "counter", help);
    }

    private PrometheusText family(String name, String type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        if (!families.add(name)) {
            throw new IllegalStateException("metric family " + name + " written twice");
        }
        current = name;
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /**
     * One sample of the current family.
     *
     * @param labels label name, value, name, value, ...
     */
    public PrometheusText sample(double value, String... labels) {
        if (current == null) {
            throw new IllegalStateException("a sample needs a family first");
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        out.append(current);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (!LABEL_NAME.matcher(labels[i]).matches() || labels[i].startsWith("__")) {
                    throw new IllegalArgumentException("bad label name " + labels[i]);
                }
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i])
                        .append("=\"")
                        .append(escapeLabelValue(labels[i + 1]))
                        .append('"');
            }
            out.append('}');
        }
        out.append(' ').append(formatValue(value)).append('\n');
        return this;
    }

    /** The exposition text so far. */
    public String text() {
        return out.toString();
    }

    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabelValue(String text) {
        return (text == null ? "" : text)
                .replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\"", "\\\"");
    }
}

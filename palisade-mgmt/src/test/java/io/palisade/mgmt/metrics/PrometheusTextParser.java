package io.palisade.mgmt.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests. It refuses what the reference parser
 * refuses and also what it tolerates but no exporter should write: a sample before its family's TYPE line, HELP or
 * TYPE given twice, a family split into two runs, a repeated series, duplicate label names, unknown escapes, a
 * missing final newline.
 */
public final class PrometheusTextParser {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** A parse failure, with the 1-based line it happened on. */
    public static final class ParseException extends RuntimeException {
        public ParseException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value, Long timestampMs) {}

    /** One metric family: its TYPE, HELP and samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {
        /** The value of the one sample whose labels include all of {@code labels} (name, value pairs). */
        public double value(String... labels) {
            List<Sample> matching = samples.stream()
                    .filter(s -> {
                        for (int i = 0; i < labels.length; i += 2) {
                            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
            if (matching.size() != 1) {
                throw new AssertionError(name + " has " + matching.size() + " samples matching " + List.of(labels));
            }
            return matching.getFirst().value();
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final Set<String> closedFamilies = new HashSet<>();
    private final Set<String> series = new HashSet<>();
    private String currentFamily;
    private int lineNumber;

    private PrometheusTextParser() {}

    /** Parses a whole exposition; families by name, in order of appearance. */
    public static Map<String, Family> parse(String text) {
        return new PrometheusTextParser().run(text);
    }

    private Map<String, Family> run(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new ParseException(text.split("\n", -1).length, "the last line has no newline");
        }
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment(line);
            } else {
                sample(line);
            }
        }
        Map<String, Family> out = new LinkedHashMap<>();
        families.forEach(
                (name, f) -> out.put(name, new Family(name, f.type(), helps.get(name), List.copyOf(f.samples()))));
        return out;
    }

    private void comment(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            return; // a plain comment
        }
        String name = parts[2];
        checkName(name);
        String rest = parts.length == 4 ? parts[3] : "";
        if (parts[1].equals("HELP")) {
            if (helps.containsKey(name)) {
                throw new ParseException(lineNumber, "second HELP for " + name);
            }
            helps.put(name, unescape(rest, false));
            return;
        }
        if (!TYPES.contains(rest)) {
            throw new ParseException(lineNumber, "unknown type '" + rest + "'");
        }
        if (families.containsKey(name)) {
            throw new ParseException(lineNumber, "TYPE for " + name + " given twice or after its samples");
        }
        openFamily(name, rest);
    }

    private void openFamily(String name, String type) {
        if (currentFamily != null) {
            closedFamilies.add(currentFamily);
        }
        families.put(name, new Family(name, type, null, new ArrayList<>()));
        currentFamily = name;
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        checkName(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new ParseException(lineNumber, "expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length > 2 || rest[0].isEmpty()) {
            throw new ParseException(lineNumber, "expected 'value [timestamp]'");
        }
        double value = value(rest[0]);
        Long timestamp = rest.length == 2 ? timestamp(rest[1]) : null;
        String family = familyOf(name);
        if (!series.add(name + labels)) {
            throw new ParseException(lineNumber, "series " + name + labels + " given twice");
        }
        families.get(family).samples().add(new Sample(name, Map.copyOf(labels), value, timestamp));
    }

    private String familyOf(String sampleName) {
        for (String suffix : new String[] {"", "_bucket", "_sum", "_count"}) {
            if (!sampleName.endsWith(suffix)) {
                continue;
            }
            String base = sampleName.substring(0, sampleName.length() - suffix.length());
            Family f = families.get(base);
            if (f != null
                    && (suffix.isEmpty()
                            || f.type().equals("histogram")
                            || f.type().equals("summary"))) {
                if (closedFamilies.contains(base) || !base.equals(currentFamily)) {
                    throw new ParseException(lineNumber, "samples of " + base + " are not together");
                }
                return base;
            }
        }
        throw new ParseException(lineNumber, "sample " + sampleName + " has no TYPE line before it");
    }

    private int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new ParseException(lineNumber, "label without '='");
            }
            String name = line.substring(i, eq);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new ParseException(lineNumber, "bad label name '" + name + "'");
            }
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new ParseException(lineNumber, "label value of " + name + " is not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= line.length()) {
                    throw new ParseException(lineNumber, "unterminated label value");
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    j++;
                    value.append(escape(j < line.length() ? line.charAt(j) : ' ', true));
                } else {
                    value.append(c);
                }
                j++;
            }
            if (labels.put(name, value.toString()) != null) {
                throw new ParseException(lineNumber, "label " + name + " given twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new ParseException(lineNumber, "expected ',' or '}' after a label");
            }
        }
    }

    private String unescape(String text, boolean quotesAllowed) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                out.append(escape(i < text.length() ? text.charAt(i) : ' ', quotesAllowed));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private char escape(char c, boolean quoteAllowed) {
        return switch (c) {
            case '\\' -> '\\';
            case 'n' -> '\n';
            case '"' -> {
                if (!quoteAllowed) {
                    throw new ParseException(lineNumber, "\\\" is not an escape in HELP text");
                }
                yield '"';
            }
            default -> throw new ParseException(lineNumber, "unknown escape \\" + c);
        };
    }

    private double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new ParseException(lineNumber, "'" + text + "' is not a number");
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private long timestamp(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ParseException(lineNumber, "timestamp '" + text + "' is not an integer");
        }
    }

    private void checkName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new ParseException(lineNumber, "bad metric name '" + name + "'");
        }
    }
}

package io.palisade.config.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of ports written as PAN-OS does: {@code 80}, {@code 8000-8100}, or a comma list of both.
 *
 * @param ranges inclusive ranges in the order written
 */
public record PortRanges(List<Range> ranges) {
    /** One inclusive port range. */
    public record Range(int first, int last) {
        public Range {
            if (first < 0 || last > 65535 || first > last) {
                throw new IllegalArgumentException(
                        "port range " + first + "-" + last + " is outside 0..65535 or reversed");
            }
        }

        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    public PortRanges {
        ranges = List.copyOf(ranges);
    }

    public static PortRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty port entry");
            }
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    int port = Integer.parseInt(p);
                    ranges.add(new Range(port, port));
                } else {
                    ranges.add(new Range(
                            Integer.parseInt(p.substring(0, dash).strip()),
                            Integer.parseInt(p.substring(dash + 1).strip())));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a port or port range");
            }
        }
        return new PortRanges(ranges);
    }

    public boolean contains(int port) {
        for (Range r : ranges) {
            if (r.contains(port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }
}

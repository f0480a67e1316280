package io.palisade.mgmt.shell.render;

import io.palisade.ops.CounterValue;
import java.util.List;

/** {@code show counter global}: name, value, rate, severity, category and description columns. */
public final class CounterRenderer {
    private static final String RULE = "-".repeat(80);

    private CounterRenderer() {}

    public static String global(List<CounterValue> counters) {
        StringBuilder sb = new StringBuilder();
        sb.append("Global counters:\n\n");
        sb.append("%-38s %-9s %4s %-9s %-9s %s%n"
                .formatted("name", "value", "rate", "severity", "category", "description"));
        sb.append(RULE).append('\n');
        for (CounterValue c : counters) {
            sb.append("%-38s %-9d %4d %-9s %-9s %s%n"
                    .formatted(c.name(), c.value(), c.rate(), c.severity(), c.category(), c.description()));
        }
        sb.append(RULE).append('\n');
        sb.append("Total counters shown: ").append(counters.size()).append('\n');
        sb.append(RULE).append('\n');
        return sb.toString().replace("\r\n", "\n");
    }
}

package io.palisade.mgmt.shell.render;

import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import java.time.ZoneId;
import java.util.List;

/** Configuration history, commit results and located problems. */
public final class ConfigRenderer {
    private ConfigRenderer() {}

    /** The commit history, oldest first. */
    public static String history(List<VersionInfo> versions, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        sb.append("%-8s %-20s %-9s %s%n".formatted("Version", "Committed", "Source", "Description"));
        for (VersionInfo v : versions) {
            sb.append("%7d  %-20s %-9s %s%n"
                    .formatted(
                            v.version(),
                            Durations.stamp(v.committedAtMs(), zone),
                            v.source(),
                            v.description() == null ? "" : v.description()));
        }
        return sb.toString().replace("\r\n", "\n");
    }

    /** {@code N problems:} then one {@code line:column: path: message} line each. */
    public static String problems(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " problem:\n" : " problems:\n");
        problems.forEach(p -> sb.append("  ").append(p.format(null)).append('\n'));
        return sb.toString();
    }
}

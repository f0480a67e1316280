package io.palisade.config;

import io.palisade.config.validate.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration was refused; carries every problem found. */
public final class ConfigException extends RuntimeException {
    private final transient List<Problem> problems;
    private final String source;

    public ConfigException(String source, List<Problem> problems) {
        super(problems.size() + " problem(s) in " + (source == null ? "configuration" : source) + ":\n"
                + problems.stream().map(p -> "  " + p.format(source)).collect(Collectors.joining("\n")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    public String source() {
        return source;
    }
}

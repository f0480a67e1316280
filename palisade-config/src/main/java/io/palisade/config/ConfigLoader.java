package io.palisade.config;

import io.palisade.config.bind.YamlBinder;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.validate.Problem;
import io.palisade.config.validate.SourceMap;
import io.palisade.config.validate.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a node's YAML configuration: parse, bind onto records, validate. Every problem is returned at once
 * with its path, line and column; the configuration is returned only when there are none.
 */
public final class ConfigLoader {
    /** Largest configuration file accepted, so a runaway file cannot exhaust memory. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private ConfigLoader() {}

    /** The outcome of loading: a configuration or the problems that prevent it. */
    public record Result(PalisadeConfig config, List<Problem> problems, String source) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The configuration; throws a {@link ConfigException} listing the problems if there is none. */
        public PalisadeConfig orThrow() {
            if (!ok()) {
                throw new ConfigException(source, problems);
            }
            return config;
        }
    }

    public static Result load(Path file) {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                return failed(source, "the file is larger than " + MAX_BYTES + " bytes");
            }
            return parse(
                    Files.readString(file, StandardCharsets.UTF_8),
                    source,
                    file.toAbsolutePath().getParent());
        } catch (java.nio.file.NoSuchFileException e) {
            return failed(source, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            return failed(source, "the file is not UTF-8 text");
        } catch (IOException e) {
            return failed(source, "cannot read: " + e.getMessage());
        }
    }

    /** Parses, binds and validates YAML text; {@code source} names it in messages. */
    public static Result parse(String yaml, String source) {
        return parse(yaml, source, null);
    }

    /**
     * Parses, binds and validates YAML text.
     *
     * @param baseDir folder that relative file references resolve against; null skips file checks
     */
    public static Result parse(String yaml, String source, java.nio.file.Path baseDir) {
        List<Problem> problems = new ArrayList<>();
        SourceMap sourceMap = new SourceMap();
        Node root;
        try {
            root = yaml().compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String what = e.getProblem() == null ? "not valid YAML" : "not valid YAML: " + e.getProblem();
            problems.add(new Problem("", mark.getLine() + 1, mark.getColumn() + 1, what));
            return new Result(null, List.copyOf(problems), source);
        } catch (YAMLException e) {
            return failed(source, "not valid YAML: " + e.getMessage());
        }
        PalisadeConfig config = new YamlBinder(sourceMap, problems).bindRoot(root, PalisadeConfig.class);
        if (config != null) {
            problems.addAll(new Validator(config, sourceMap, baseDir).validate());
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return new Result(problems.isEmpty() ? config : null, List.copyOf(problems), source);
    }

    /** Validates an already-bound configuration (for example one received from the HA peer). */
    public static List<Problem> validate(PalisadeConfig config) {
        return new Validator(config, new SourceMap()).validate();
    }

    private static Result failed(String source, String message) {
        return new Result(null, List.of(new Problem("", 0, 0, message)), source);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(true); // the binder reports duplicates with their position
        return new Yaml(options);
    }
}

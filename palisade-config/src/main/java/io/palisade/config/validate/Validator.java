package io.palisade.config.validate;

import io.palisade.config.model.PalisadeConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Semantic validation of a bound configuration. Each rule family lives in its own class; all of them run, so
 * the user sees every problem at once. The catalogue of rules with examples is {@code docs/design/config.md}.
 */
public final class Validator {
    private final PalisadeConfig config;
    private final SourceMap sourceMap;
    private final Path baseDir;

    public Validator(PalisadeConfig config, SourceMap sourceMap) {
        this(config, sourceMap, null);
    }

    /**
     * @param baseDir folder that relative file references resolve against; null skips file existence checks
     */
    public Validator(PalisadeConfig config, SourceMap sourceMap, Path baseDir) {
        this.config = config;
        this.sourceMap = sourceMap;
        this.baseDir = baseDir;
    }

    public List<Problem> validate() {
        Checks checks = new Checks(config, sourceMap, baseDir);
        DeviceRules.check(checks);
        NetworkRules.check(checks);
        ObjectRules.check(checks);
        PolicyRules.check(checks);
        HaRules.check(checks);
        return List.copyOf(checks.problems());
    }
}

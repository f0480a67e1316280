package io.palisade.config.validate;

import io.palisade.config.model.Applications;
import io.palisade.config.model.PalisadeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What every validation rule shares: the configuration, where things were written, the problems found so far,
 * and name indexes. Rules are null-tolerant because binding problems leave nulls behind.
 */
final class Checks {
    /** Words that mean "everything" and cannot name an object. */
    static final Set<String> RESERVED = Set.of("any", "application-default", "known-user", "unknown", "none");

    final PalisadeConfig config;
    final Path baseDir;
    private final SourceMap sourceMap;
    private final List<Problem> problems = new ArrayList<>();

    final Map<String, io.palisade.config.model.InterfaceMode> interfaceModes = new HashMap<>();
    final Set<String> zones;
    final Set<String> addressNames;
    final Set<String> serviceNames;
    final Set<String> applicationNames;
    final Set<String> userGroups;

    Checks(PalisadeConfig config, SourceMap sourceMap, Path baseDir) {
        this.config = config;
        this.sourceMap = sourceMap;
        this.baseDir = baseDir;
        config.interfaces().forEach(i -> interfaceModes.put(i.name(), i.mode()));
        config.aggregateInterfaces().forEach(a -> interfaceModes.put(a.name(), a.mode()));
        zones = names(config.zones(), z -> z.name());
        addressNames = union(names(config.addresses(), a -> a.name()), names(config.addressGroups(), g -> g.name()));
        serviceNames = union(names(config.services(), s -> s.name()), names(config.serviceGroups(), g -> g.name()));
        applicationNames = Applications.effective(config.applications()).keySet();
        userGroups = names(config.userId().groups(), g -> g.name());
    }

    void problem(String path, String message) {
        problems.add(sourceMap.problem(path, message));
    }

    List<Problem> problems() {
        return problems;
    }

    boolean interfaceExists(String name) {
        return interfaceModes.containsKey(name);
    }

    /** Reports names that appear twice in {@code items} (at the second occurrence). */
    <T> void unique(List<T> items, Function<T, String> name, String listPath, String what) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String n = name.apply(items.get(i));
            if (n == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(n, i);
            if (first != null) {
                problem(
                        listPath + "[" + i + "].name",
                        what + " '" + n + "' is defined twice (first at " + listPath + "[" + first + "])");
            }
        }
    }

    /** Checks an object name: not empty, at most 63 characters, no reserved word, printable. */
    void objectName(String name, String path, String what) {
        if (name == null) {
            return;
        }
        if (name.isBlank() || name.length() > 63) {
            problem(path, what + " name must be 1 to 63 characters");
        } else if (RESERVED.contains(name)) {
            problem(path, "'" + name + "' is a reserved word and cannot name " + what);
        } else if (!name.matches("[A-Za-z0-9][A-Za-z0-9._\\- ]*")) {
            problem(
                    path,
                    what + " name '" + name
                            + "' may only use letters, digits, space, '.', '_' and '-', starting with a letter or digit");
        }
    }

    void range(long value, long min, long max, String path, String what) {
        if (value < min || value > max) {
            problem(path, what + " " + value + " is outside " + min + ".." + max);
        }
    }

    /** Reports a referenced file that does not exist (relative paths resolve against the config's folder). */
    void fileExists(String file, String path, String what) {
        if (file == null || baseDir == null) {
            return;
        }
        Path p = baseDir.resolve(file);
        if (!Files.isRegularFile(p)) {
            problem(path, what + " '" + file + "' does not exist (looked for " + p + ")");
        }
    }

    /** Checks a list that may be {@code any}: {@code any} must stand alone. */
    boolean anyAlone(List<String> values, String path) {
        if (values.contains("any") && values.size() > 1) {
            problem(path, "'any' cannot be combined with other values");
            return false;
        }
        return true;
    }

    private static <T> Set<String> names(List<T> items, Function<T, String> name) {
        Set<String> out = new java.util.HashSet<>();
        for (T t : items) {
            if (name.apply(t) != null) {
                out.add(name.apply(t));
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }
}

package io.palisade.mgmt.configedit;

import io.palisade.mgmt.configedit.YamlPath.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Sets or deletes one value of a YAML document by {@link YamlPath}, the way PAN-OS {@code set} and {@code delete}
 * work in configure mode: {@code set} creates missing sections (and list items named by {@code [name]}, or at
 * index {@code size}), {@code delete} removes a key or list item. The result is plain YAML text, which the caller
 * validates as a whole. Node implementations of {@code OpsService.setCandidateValue} use it.
 */
public final class YamlPathEditor {
    private YamlPathEditor() {}

    /**
     * Applies one change.
     *
     * @param yaml the document
     * @param path where
     * @param yamlValue the new value as YAML text ({@code 1800}, {@code deny}, {@code [trust, dmz]}); null deletes
     * @return the changed document
     * @throws IllegalArgumentException when the path is bad or does not fit the document
     */
    public static String apply(String yaml, String path, String yamlValue) {
        YamlPath parsed = YamlPath.parse(path);
        Object root = load(yaml, "the document");
        if (root == null) {
            root = new LinkedHashMap<String, Object>();
        }
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("the document is not a mapping");
        }
        Object value = yamlValue == null ? null : load(yamlValue, "the value");
        if (yamlValue == null) {
            delete(root, parsed);
        } else {
            set(root, parsed, value);
        }
        return dump(root);
    }

    /** The value at {@code path}, or null when absent (for {@code show PATH} in configure mode). */
    public static Object get(String yaml, String path) {
        YamlPath parsed = YamlPath.parse(path);
        Object node = load(yaml, "the document");
        for (Step step : parsed.steps()) {
            node = child(node, step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** YAML text of a value in the configuration's block style. */
    public static String dump(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(options).dump(value);
    }

    private static Object load(String text, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        try {
            return new Yaml(options).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(what + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Object child(Object node, Step step) {
        return switch (step) {
            case Step.Key k -> node instanceof Map<?, ?> m ? m.get(k.name()) : null;
            case Step.Index i -> node instanceof List<?> l && i.index() < l.size() ? l.get(i.index()) : null;
            case Step.Named n -> {
                int index = node instanceof List<?> l ? indexOfName(l, n.name()) : -1;
                yield index < 0 ? null : ((List<?>) node).get(index);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static void set(Object root, YamlPath path, Object value) {
        Object node = root;
        List<Step> steps = path.steps();
        for (int i = 0; i < steps.size() - 1; i++) {
            Step step = steps.get(i);
            Step next = steps.get(i + 1);
            Object child = child(node, step);
            if (child == null) {
                child = next instanceof Step.Key ? new LinkedHashMap<String, Object>() : new ArrayList<>();
                if (step instanceof Step.Named n && next instanceof Step.Key) {
                    ((Map<String, Object>) child).put("name", n.name());
                }
                put(node, step, child, path, i);
            } else if (!(child instanceof Map || child instanceof List)) {
                throw new IllegalArgumentException(path.prefix(i + 1) + " is a value, not a section");
            }
            node = child;
        }
        put(node, steps.getLast(), value, path, steps.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static void put(Object node, Step step, Object value, YamlPath path, int at) {
        switch (step) {
            case Step.Key k -> {
                if (!(node instanceof Map)) {
                    throw new IllegalArgumentException(path.prefix(at) + " is a list: select an item with [n]");
                }
                ((Map<String, Object>) node).put(k.name(), value);
            }
            case Step.Index i -> {
                List<Object> list = asList(node, path, at);
                if (i.index() < list.size()) {
                    list.set(i.index(), value);
                } else if (i.index() == list.size()) {
                    list.add(value);
                } else {
                    throw new IllegalArgumentException(
                            path.prefix(at + 1) + ": the list has " + list.size() + " items");
                }
            }
            case Step.Named n -> {
                List<Object> list = asList(node, path, at);
                int index = indexOfName(list, n.name());
                if (index >= 0) {
                    list.set(index, value);
                } else {
                    list.add(value);
                }
            }
        }
    }

    private static void delete(Object root, YamlPath path) {
        Object node = root;
        List<Step> steps = path.steps();
        for (int i = 0; i < steps.size() - 1; i++) {
            node = child(node, steps.get(i));
            if (node == null) {
                throw new IllegalArgumentException(path.prefix(i + 1) + " does not exist");
            }
        }
        boolean removed = switch (steps.getLast()) {
            case Step.Key k -> removeKey(node, k.name());
            case Step.Index i -> removeAt(node, i.index());
            case Step.Named n -> node instanceof List<?> l && removeAt(node, indexOfName(l, n.name()));
        };
        if (!removed) {
            throw new IllegalArgumentException(path.text() + " does not exist");
        }
    }

    private static boolean removeKey(Object node, String key) {
        if (node instanceof Map<?, ?> map && map.containsKey(key)) {
            map.remove(key);
            return true;
        }
        return false;
    }

    private static boolean removeAt(Object node, int index) {
        if (node instanceof List<?> list && index >= 0 && index < list.size()) {
            list.remove(index);
            return true;
        }
        return false;
    }

    private static List<Object> asList(Object node, YamlPath path, int at) {
        if (!(node instanceof List)) {
            throw new IllegalArgumentException(path.prefix(at) + " is not a list");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) node;
        return list;
    }

    private static int indexOfName(List<?> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m && name.equals(String.valueOf(m.get("name")))) {
                return i;
            }
        }
        return -1;
    }
}

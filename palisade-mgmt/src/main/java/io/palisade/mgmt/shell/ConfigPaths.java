package io.palisade.mgmt.shell;

import io.palisade.config.bind.Names;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.mgmt.configedit.YamlPath;
import io.palisade.mgmt.configedit.YamlPath.Step;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completion of YAML paths in configure mode. Keys come from the configuration schema (the model records, so
 * keys left at their default complete too); list items come from the candidate ({@code [0]},
 * {@code [allow-outbound]}).
 */
public final class ConfigPaths {
    private ConfigPaths() {}

    /**
     * Full-path suggestions for a partially typed path.
     *
     * @param partial what is typed so far, e.g. {@code session.ti} or {@code security-rules[}
     * @param candidate the candidate configuration as a tree of maps and lists (may be null)
     */
    public static List<String> complete(String partial, Object candidate) {
        int cut = Math.max(partial.lastIndexOf('.'), partial.lastIndexOf('['));
        String parentText = cut < 0 ? "" : partial.substring(0, cut);
        boolean inSelector = cut >= 0 && partial.charAt(cut) == '[';
        Type type;
        Object data;
        try {
            Resolved parent = resolve(parentText, candidate);
            type = parent.type;
            data = parent.data;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (inSelector) {
            if (data instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    out.add(parentText + "[" + i + "]");
                    if (list.get(i) instanceof Map<?, ?> m && m.get("name") != null) {
                        out.add(parentText + "[" + m.get("name") + "]");
                    }
                }
                out.add(parentText + "[" + list.size() + "]");
            } else {
                out.add(parentText + "[0]");
            }
            return out;
        }
        String prefix = parentText.isEmpty() ? "" : parentText + ".";
        for (Map.Entry<String, Type> key : keysOf(type).entrySet()) {
            out.add(prefix + key.getKey() + (isList(key.getValue()) ? "[" : ""));
        }
        return out;
    }

    /** Values worth suggesting for the value at {@code path}: enum spellings and booleans. */
    public static List<String> values(String path) {
        try {
            Type type = resolve(path, null).type;
            if (type instanceof Class<?> c && c.isEnum()) {
                List<String> out = new ArrayList<>();
                for (Object constant : c.getEnumConstants()) {
                    out.add(Names.enumName((Enum<?>) constant));
                }
                return out;
            }
            if (type == boolean.class || type == Boolean.class) {
                return List.of("true", "false");
            }
        } catch (IllegalArgumentException e) {
            // not a schema path: no suggestions
        }
        return List.of();
    }

    /**
     * A PAN-OS word path read as far as the schema allows.
     *
     * @param path the YAML path
     * @param consumed how many words it took (the rest is the value)
     */
    public record WordPath(String path, int consumed) {}

    /**
     * Reads {@code security-rules allow-outbound action deny} as path {@code security-rules[allow-outbound].action}
     * (3 words; {@code deny} is the value): a word is a key of the current record, a list is followed by an item
     * name or index, and the first word that fits neither ends the path.
     */
    public static WordPath fromWords(List<String> words) {
        StringBuilder path = new StringBuilder();
        Type type = PalisadeConfig.class;
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            if (isList(type)) {
                if (keysOf(elementType(type)).isEmpty()) {
                    break; // a list of plain values: the words are the value
                }
                path.append('[').append(word).append(']');
                type = elementType(type);
                i++;
                continue;
            }
            Type next = keysOf(type).get(word);
            if (next == null) {
                break;
            }
            path.append(path.isEmpty() ? "" : ".").append(word);
            type = next;
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + words.getFirst() + "' is not a configuration key");
        }
        return new WordPath(path.toString(), i);
    }

    private record Resolved(Type type, Object data) {}

    private static Resolved resolve(String pathText, Object candidate) {
        Type type = PalisadeConfig.class;
        Object data = candidate;
        if (pathText.isEmpty()) {
            return new Resolved(type, data);
        }
        for (Step step : YamlPath.parse(pathText).steps()) {
            switch (step) {
                case Step.Key k -> {
                    Type next = keysOf(type).get(k.name());
                    if (next == null) {
                        throw new IllegalArgumentException("no key " + k.name());
                    }
                    type = next;
                    data = data instanceof Map<?, ?> m ? m.get(k.name()) : null;
                }
                case Step.Index i -> {
                    type = elementType(type);
                    data = data instanceof List<?> l && i.index() < l.size() ? l.get(i.index()) : null;
                }
                case Step.Named n -> {
                    type = elementType(type);
                    data = data instanceof List<?> l ? named(l, n.name()) : null;
                }
            }
        }
        return new Resolved(type, data);
    }

    private static Object named(List<?> list, String name) {
        return list.stream()
                .filter(item -> item instanceof Map<?, ?> m && name.equals(String.valueOf(m.get("name"))))
                .findFirst()
                .orElse(null);
    }

    /** YAML keys of a record (or of every record a sealed interface permits, plus {@code type}). */
    static Map<String, Type> keysOf(Type type) {
        Map<String, Type> keys = new LinkedHashMap<>();
        if (!(type instanceof Class<?> c)) {
            return keys;
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                keys.put(Names.yamlKey(rc), rc.getGenericType());
            }
        } else if (c.isSealed()) {
            keys.put("type", String.class);
            for (Class<?> permitted : c.getPermittedSubclasses()) {
                keys.putAll(keysOf(permitted));
            }
        }
        return keys;
    }

    private static boolean isList(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class;
    }

    private static Type elementType(Type type) {
        if (!isList(type)) {
            throw new IllegalArgumentException("not a list");
        }
        return ((ParameterizedType) type).getActualTypeArguments()[0];
    }
}

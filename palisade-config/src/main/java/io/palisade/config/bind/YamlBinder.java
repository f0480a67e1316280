package io.palisade.config.bind;

import io.palisade.config.validate.Problem;
import io.palisade.config.validate.SourceMap;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Binds a YAML node tree onto configuration records. It records where every path was written, collects every
 * problem instead of stopping at the first, and keeps going: a value it cannot bind becomes {@code null} (or the
 * component's default for primitives) so validation can still look at the rest.
 */
public final class YamlBinder {
    private static final String TYPE_KEY = "type";

    private final SourceMap sourceMap;
    private final List<Problem> problems;

    public YamlBinder(SourceMap sourceMap, List<Problem> problems) {
        this.sourceMap = sourceMap;
        this.problems = problems;
    }

    /** Binds the document root to {@code type}. */
    public <T extends Record> T bindRoot(Node root, Class<T> type) {
        if (root == null) {
            problems.add(new Problem("", 1, 1, "the file is empty; a configuration needs at least a device block"));
            return null;
        }
        return type.cast(bind(root, type, ""));
    }

    private Object bind(Node node, Type type, String path) {
        mark(node, path);
        if (isNull(node)) {
            return null;
        }
        Class<?> raw = rawClass(type);
        if (raw == List.class) {
            return bindList(node, elementType(type), path);
        }
        if (Scalars.isScalar(raw)) {
            return bindScalar(node, raw, path);
        }
        if (raw.isSealed()) {
            return bindSealed(node, raw, path);
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path);
        }
        throw new IllegalStateException("configuration type not supported: " + type);
    }

    private Object bindScalar(Node node, Class<?> type, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(path, "expected " + Scalars.describe(type) + ", got " + kindOf(node));
            return null;
        }
        try {
            return Scalars.parse(type, scalar.getValue());
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private List<Object> bindList(Node node, Type elementType, String path) {
        List<Object> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                Object v = bind(items.get(i), elementType, path + "[" + i + "]");
                if (v != null) {
                    out.add(v);
                }
            }
        } else if (node instanceof ScalarNode && Scalars.isScalar(rawClass(elementType))) {
            // A single value where a list is expected is a list of one, as PAN-OS accepts "from: trust".
            Object v = bind(node, elementType, path + "[0]");
            if (v != null) {
                out.add(v);
            }
        } else {
            problem(path, "expected a list, got " + kindOf(node));
        }
        return out;
    }

    private Object bindSealed(Node node, Class<?> sealedType, String path) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> sub : sealedType.getPermittedSubclasses()) {
            byName.put(sub.getAnnotation(TypeName.class).value(), sub);
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(
                    path,
                    "expected a block with 'type' (one of " + String.join(", ", byName.keySet()) + "), got "
                            + kindOf(node));
            return null;
        }
        String typeName = null;
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k
                    && TYPE_KEY.equals(k.getValue())
                    && t.getValueNode() instanceof ScalarNode v) {
                typeName = v.getValue();
                mark(t.getValueNode(), path + "." + TYPE_KEY);
            }
        }
        if (typeName == null) {
            problem(path, "missing 'type' (one of " + String.join(", ", byName.keySet()) + ")");
            return null;
        }
        Class<?> chosen = byName.get(typeName);
        if (chosen == null) {
            problem(
                    path + "." + TYPE_KEY,
                    "'" + typeName + "' is not one of " + String.join(", ", byName.keySet())
                            + Names.didYouMean(typeName, byName.keySet()));
            return null;
        }
        return bindRecord(node, chosen, path);
    }

    private Object bindRecord(Node node, Class<?> type, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problem(path, "expected a block of settings, got " + kindOf(node));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            byKey.put(Names.yamlKey(c), c);
        }
        Map<String, Node> given = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            collectKey(t, type, byKey, given, path);
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = componentValue(components[i], given, path);
        }
        return construct(type, components, args, path);
    }

    private void collectKey(
            NodeTuple tuple, Class<?> type, Map<String, RecordComponent> byKey, Map<String, Node> given, String path) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
            problem(path, "a key must be a plain word");
            return;
        }
        String key = keyNode.getValue();
        String keyPath = join(path, key);
        mark(keyNode, keyPath);
        if (type.isAnnotationPresent(TypeName.class) && TYPE_KEY.equals(key)) {
            return;
        }
        if (!byKey.containsKey(key)) {
            problem(keyPath, "unknown key '" + key + "'" + Names.didYouMean(key, byKey.keySet()));
            return;
        }
        if (given.containsKey(key)) {
            problems.add(new Problem(
                    keyPath,
                    keyNode.getStartMark().getLine() + 1,
                    keyNode.getStartMark().getColumn() + 1,
                    "key '" + key + "' is given twice"));
            return;
        }
        given.put(key, tuple.getValueNode());
    }

    private Object componentValue(RecordComponent c, Map<String, Node> given, String path) {
        String key = Names.yamlKey(c);
        String keyPath = join(path, key);
        Node valueNode = given.get(key);
        Object value = valueNode == null || isNull(valueNode) ? null : bind(valueNode, c.getGenericType(), keyPath);
        if (valueNode != null
                && !isNull(valueNode)
                && value == null
                && c.getType().isPrimitive()) {
            return Defaults.of(c); // the problem is recorded; keep going with the default
        }
        if (value != null) {
            return value;
        }
        if (valueNode == null || isNull(valueNode)) {
            if (c.isAnnotationPresent(Required.class)) {
                problem(path, "missing required key '" + key + "'");
                return c.getType().isPrimitive() ? Defaults.zero(c.getType()) : null;
            }
            return Defaults.of(c);
        }
        return c.getType() == List.class ? List.of() : null;
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            problem(path, e.getCause().getMessage());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static String kindOf(Node node) {
        return switch (node) {
            case ScalarNode s -> "'" + s.getValue() + "'";
            case SequenceNode s -> "a list";
            case MappingNode m -> "a block of settings";
            default -> "an unsupported YAML value";
        };
    }

    private void mark(Node node, String path) {
        sourceMap.put(
                path, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    private void problem(String path, String message) {
        problems.add(sourceMap.problem(path, message));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported type " + type);
    }

    static Type elementType(Type listType) {
        return ((ParameterizedType) listType).getActualTypeArguments()[0];
    }
}

package io.palisade.mgmt.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON schemas derived from the Java types the API writes: records become named component schemas, so the
 * OpenAPI document says exactly what Jackson writes for them.
 */
final class JsonSchemas {
    private final ObjectMapper json;
    private final Map<String, ObjectNode> components = new TreeMap<>();

    JsonSchemas(ObjectMapper json) {
        this.json = json;
    }

    /** Component schemas collected so far, by name. */
    Map<String, ObjectNode> components() {
        return components;
    }

    /** The schema of {@code type}, registering record components on the way. */
    ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode node = json.createObjectNode().put("type", "array");
                node.set("items", schemaOf(p.getActualTypeArguments()[0]));
                return node;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode node = json.createObjectNode().put("type", "object");
                node.set("additionalProperties", schemaOf(p.getActualTypeArguments()[1]));
                return node;
            }
            return schemaOf(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return json.createObjectNode();
        }
        return classSchema(c);
    }

    private ObjectNode classSchema(Class<?> c) {
        ObjectNode node = json.createObjectNode();
        if (c == String.class) {
            return node.put("type", "string");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
            return node.put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return node.put("type", "integer").put("format", "int64");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return node.put("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return node.put("type", "boolean");
        }
        if (c.isEnum()) {
            ArrayNode values = node.put("type", "string").putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(constant.toString());
            }
            return node;
        }
        if (c.isRecord()) {
            String name = componentName(c);
            if (!components.containsKey(name)) {
                components.put(name, json.createObjectNode()); // placeholder: stops recursion
                components.put(name, recordSchema(c));
            }
            return node.put("$ref", "#/components/schemas/" + name);
        }
        if (c == Object.class || JsonNode.class.isAssignableFrom(c)) {
            return node; // any JSON value
        }
        throw new IllegalArgumentException("no JSON schema rule for " + c.getName());
    }

    private ObjectNode recordSchema(Class<?> c) {
        ObjectNode node = json.createObjectNode().put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = json.createArrayNode();
        for (RecordComponent rc : c.getRecordComponents()) {
            ObjectNode property = schemaOf(rc.getGenericType());
            if (rc.getType().isPrimitive()) {
                required.add(rc.getName());
            } else if (!property.has("$ref")) {
                property.put("nullable", true);
            }
            properties.set(rc.getName(), property);
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        return node;
    }

    /** {@code HaStatus.LocalHa} becomes {@code HaStatusLocalHa}: simple names alone collide ({@code Group}). */
    static String componentName(Class<?> c) {
        StringBuilder name = new StringBuilder(c.getSimpleName());
        for (Class<?> outer = c.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            if (outer.getSimpleName().equals("ApiBodies")) {
                break; // API bodies read better without the holder's name
            }
            name.insert(0, outer.getSimpleName());
        }
        return name.toString();
    }
}

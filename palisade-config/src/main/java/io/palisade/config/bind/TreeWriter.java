package io.palisade.config.bind;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns configuration records into a plain tree of maps, lists and scalars in YAML spelling: the inverse of
 * {@link YamlBinder}. With {@code omitDefaults} a value equal to its default is left out, which gives the
 * shortest file that loads back to the same configuration.
 */
public final class TreeWriter {
    private final boolean omitDefaults;

    public TreeWriter(boolean omitDefaults) {
        this.omitDefaults = omitDefaults;
    }

    public Object write(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(write(item));
            }
            return out;
        }
        if (value instanceof Record r && !Scalars.isScalar(r.getClass())) {
            return writeRecord(r);
        }
        return Scalars.emit(value);
    }

    private Map<String, Object> writeRecord(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        TypeName typeName = r.getClass().getAnnotation(TypeName.class);
        if (typeName != null) {
            out.put("type", typeName.value());
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = read(c, r);
            if (v == null || omitDefaults && isDefault(c, v)) {
                continue;
            }
            Object written = write(v);
            if (omitDefaults
                    && written instanceof Map<?, ?> m
                    && m.isEmpty()
                    && !c.getType().isSealed()
                    && !c.isAnnotationPresent(NullWhenAbsent.class)) {
                continue;
            }
            out.put(Names.yamlKey(c), written);
        }
        return out;
    }

    private static boolean isDefault(RecordComponent c, Object value) {
        if (c.isAnnotationPresent(Required.class)) {
            return false;
        }
        Object def = Defaults.of(c);
        return Objects.equals(def, value);
    }

    static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.palisade.config.bind;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;

/** Default values of record components: {@link Default}, empty lists, blocks of defaults, or null. */
public final class Defaults {
    private Defaults() {}

    /** The value a component takes when its key is absent. */
    public static Object of(RecordComponent c) {
        Default d = c.getAnnotation(Default.class);
        Class<?> type = c.getType();
        if (type == List.class) {
            if (d == null) {
                return List.of();
            }
            Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            return List.of(Scalars.parse(element, d.value()));
        }
        if (d != null) {
            return Scalars.parse(type, d.value());
        }
        if (type.isPrimitive()) {
            return zero(type);
        }
        if (type.isRecord()
                && !Scalars.isScalar(type)
                && !c.isAnnotationPresent(NullWhenAbsent.class)
                && !c.isAnnotationPresent(Required.class)) {
            return instance(type);
        }
        return null;
    }

    /** A record of {@code type} with every component at its default. */
    public static <T> T instance(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = of(components[i]);
            types[i] = components[i].getType();
        }
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build defaults of " + type, e);
        }
    }

    static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == long.class) {
            return 0L;
        }
        return 0;
    }
}

package io.palisade.config.model;

import java.util.List;

/** Immutable list normalisation for record constructors: {@code null} becomes empty. */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}

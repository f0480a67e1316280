package io.palisade.config.validate;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each YAML path was written: filled while binding, read by validation to locate its problems. A path
 * that was not written (a default) is located at its nearest written ancestor.
 */
public final class SourceMap {
    /** A 1-based line and column. */
    public record Position(int line, int column) {}

    private static final Position UNKNOWN = new Position(0, 0);

    private final Map<String, Position> positions = new HashMap<>();

    public void put(String path, int line, int column) {
        positions.putIfAbsent(path, new Position(line, column));
    }

    /** The position of {@code path}, or of its closest written ancestor. */
    public Position locate(String path) {
        String p = path;
        while (true) {
            Position pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return UNKNOWN;
            }
            p = parent(p);
        }
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** A problem at {@code path}, located through this map. */
    public Problem problem(String path, String message) {
        Position pos = locate(path);
        return new Problem(path, pos.line(), pos.column(), message);
    }
}

package io.palisade.mgmt.api;

import io.javalin.http.Context;
import io.palisade.config.validate.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads query parameters and collects every problem with them, so one 400 answer lists all of them (the habit
 * of the configuration loader).
 */
final class QueryReader {
    private final Context ctx;
    private final List<Problem> problems = new ArrayList<>();

    QueryReader(Context ctx) {
        this.ctx = ctx;
    }

    String string(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            problems.add(new Problem(name, 0, 0, "is required"));
        }
        return value;
    }

    Integer integer(String name, long min, long max) {
        Long value = longValue(name, min, max);
        return value == null ? null : value.intValue();
    }

    int requiredInteger(String name, long min, long max) {
        Integer value = integer(name, min, max);
        if (value == null && string(name) == null) {
            problems.add(new Problem(name, 0, 0, "is required"));
        }
        return value == null ? 0 : value;
    }

    Long longValue(String name, long min, long max) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                problems.add(new Problem(name, 0, 0, "'" + text + "' is outside " + min + ".." + max));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, 0, 0, "'" + text + "' is not a number"));
            return null;
        }
    }

    /** Throws a {@link BadRequest} listing every problem seen so far, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw new BadRequest("invalid query parameters", problems);
        }
    }
}

package io.palisade.mgmt.api;

import io.palisade.config.validate.Problem;
import java.util.List;

/** Bad input: answered with 400 and the located problems. */
public final class BadRequest extends RuntimeException {
    private final transient List<Problem> problems;

    public BadRequest(String message, List<Problem> problems) {
        super(message, null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** One problem at {@code path} (a query parameter or body field name). */
    public static BadRequest at(String path, String message) {
        return new BadRequest(
                path.isEmpty() ? message : path + ": " + message, List.of(new Problem(path, 0, 0, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}

package io.palisade.mgmt.shell;

import io.palisade.config.validate.Problem;
import java.util.List;

/** The node refused a request or could not be reached; {@code status} 0 when there was no answer. */
public final class ApiFailure extends RuntimeException {
    private final int status;
    private final transient List<Problem> problems;

    public ApiFailure(int status, String message, List<Problem> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }
}

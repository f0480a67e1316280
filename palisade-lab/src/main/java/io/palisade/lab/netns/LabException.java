package io.palisade.lab.netns;

import io.palisade.common.UserError;

/** Lab failures as {@link UserError}s of one line (exit code 1: the command ran and something failed). */
final class LabException {
    private LabException() {}

    static UserError of(String message) {
        return new UserError(message, UserError.FAILURE, null);
    }
}

package io.palisade.main;

import io.palisade.common.UserError;

/** Commands listed in DESIGN section 3 whose implementation has not landed yet say so and exit 2. */
final class NotBuiltYet {
    private NotBuiltYet() {}

    static UserError error(String command, String issue) {
        return new UserError("'" + command + "' is not built yet (" + issue + "); nothing was done");
    }
}

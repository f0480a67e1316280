package io.palisade.ops;

import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import java.util.List;

/**
 * The outcome of a commit or rollback: the new version, or the problems that refused it.
 *
 * @param version the committed version, null when refused
 * @param problems why it was refused, empty on success
 */
public record CommitResult(VersionInfo version, List<Problem> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }
}

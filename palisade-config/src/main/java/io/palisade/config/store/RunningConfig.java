package io.palisade.config.store;

import io.palisade.config.model.PalisadeConfig;

/**
 * An immutable snapshot of a committed configuration; components read it, only the {@link ConfigService}
 * publishes new ones.
 *
 * @param info version, time, source, digests
 * @param config the configuration
 */
public record RunningConfig(VersionInfo info, PalisadeConfig config) {
    /** The configuration epoch: sessions remember the epoch that admitted them. */
    public long epoch() {
        return info.version();
    }
}

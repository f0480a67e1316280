package io.palisade.config.store;

import io.palisade.config.ConfigException;

/**
 * A component that compiles each new configuration into its own runtime form (the data plane's policy
 * tables, the HA agent's settings). {@link #prepare} runs before the commit point and may refuse the
 * configuration; {@link Prepared#activate} runs after it, so a refused commit changes nothing anywhere.
 */
public interface ConfigListener {
    /** The compiled form of one configuration, ready to swap in. */
    @FunctionalInterface
    interface Prepared {
        void activate(RunningConfig running);
    }

    /**
     * Compiles {@code candidate}.
     *
     * @throws ConfigException with the problems when this component cannot run the configuration
     */
    Prepared prepare(RunningConfig candidate);
}

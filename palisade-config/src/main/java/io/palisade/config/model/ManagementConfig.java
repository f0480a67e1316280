package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.NullWhenAbsent;
import io.palisade.config.bind.Required;

/**
 * The management listener serving the REST API, dashboard and metrics.
 *
 * @param listen address and port; port 0 picks a free port (the lab uses it)
 * @param apiKey key clients send in {@code X-API-Key}; {@code api-key-file} may name a file holding it instead
 * @param apiKeyFile file with the key on its first line, relative to the config file's folder
 * @param tls optional TLS for the listener
 * @param maxRequestBytes largest accepted request body
 */
public record ManagementConfig(
        @Default("127.0.0.1:9443") HostPort listen,
        String apiKey,
        String apiKeyFile,
        @NullWhenAbsent Tls tls,
        @Default("1048576") int maxRequestBytes) {

    /** PEM certificate and key for the management listener. */
    public record Tls(
            @Required String certificate, @Required String key) {}
}

package io.palisade.ha.ha1;

/**
 * Transport tuning. The defaults suit a LAN control link; tests shorten the reconnect backoff.
 *
 * @param connectTimeoutMs TCP connect timeout
 * @param handshakeTimeoutMs TLS handshake timeout (a peer that stalls it is dropped)
 * @param reconnectMinMs first wait after a failed or lost connection
 * @param reconnectMaxMs the wait doubles up to this bound
 * @param outboundQueueCapacity messages waiting for the writer; more are dropped and counted
 * @param closeFlushMs how long close waits for queued messages (a goodbye) to be written
 */
public record Ha1Options(
        int connectTimeoutMs,
        int handshakeTimeoutMs,
        int reconnectMinMs,
        int reconnectMaxMs,
        int outboundQueueCapacity,
        int closeFlushMs) {
    /** Defaults for production. */
    public static final Ha1Options DEFAULTS = new Ha1Options(2000, 5000, 100, 2000, 1024, 500);

    public Ha1Options {
        if (connectTimeoutMs <= 0 || handshakeTimeoutMs <= 0) {
            throw new IllegalArgumentException("HA1 timeouts must be positive");
        }
        if (reconnectMinMs <= 0 || reconnectMaxMs < reconnectMinMs) {
            throw new IllegalArgumentException("HA1 reconnect backoff needs 0 < min <= max");
        }
        if (outboundQueueCapacity <= 0 || closeFlushMs < 0) {
            throw new IllegalArgumentException("HA1 queue capacity must be positive and close flush >= 0");
        }
    }

    /** These options with another reconnect backoff. */
    public Ha1Options withReconnect(int minMs, int maxMs) {
        return new Ha1Options(connectTimeoutMs, handshakeTimeoutMs, minMs, maxMs, outboundQueueCapacity, closeFlushMs);
    }

    /** These options with another outbound queue capacity. */
    public Ha1Options withOutboundQueueCapacity(int capacity) {
        return new Ha1Options(
                connectTimeoutMs, handshakeTimeoutMs, reconnectMinMs, reconnectMaxMs, capacity, closeFlushMs);
    }
}

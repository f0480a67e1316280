package io.palisade.dataplane.engine;

/**
 * Receives PAN-OS style traffic log records at session start and end, as the rule asks (log-start, log-end).
 * Called on worker threads; implementations must not block (queue and write elsewhere).
 */
@FunctionalInterface
public interface TrafficLogSink {
    void log(TrafficLogRecord record);

    TrafficLogSink NONE = record -> {};
}

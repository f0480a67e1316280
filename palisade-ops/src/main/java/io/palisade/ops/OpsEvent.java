package io.palisade.ops;

/** Live events for the dashboard (server-sent events) and the system log. */
public sealed interface OpsEvent {
    /** When it happened, epoch milliseconds. */
    long atEpochMs();

    /** An HA state transition. */
    record HaStateChanged(long atEpochMs, String from, String to, String reason) implements OpsEvent {}

    /** A peer's state or connection changed. */
    record PeerChanged(long atEpochMs, String serial, String state, String connection) implements OpsEvent {}

    /** A configuration was committed. */
    record Committed(long atEpochMs, long version, String source, String description) implements OpsEvent {}

    /** A link or path monitor changed. */
    record MonitorChanged(long atEpochMs, String kind, String name, boolean up, String detail) implements OpsEvent {}

    /** Session sync status changed (bulk sync start/end, link up/down). */
    record SyncChanged(long atEpochMs, String what) implements OpsEvent {}
}

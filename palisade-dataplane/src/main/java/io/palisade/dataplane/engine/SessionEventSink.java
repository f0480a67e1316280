package io.palisade.dataplane.engine;

import io.palisade.dataplane.session.SessionTable;

/**
 * Where a worker reports session changes; HA's session sync implements it (the engine knows nothing of HA).
 * Every call happens on the owning worker's thread with the record still valid, so an implementation may read
 * the table directly and must copy what it keeps. {@link #poll} runs once per duty cycle so batched updates can
 * be flushed on a deadline without another thread touching the table.
 */
public interface SessionEventSink {
    /** A session was installed (not called for sessions installed from the peer). */
    void onInsert(int worker, SessionTable table, int record, long nowNs);

    /** A synchronised field changed (TCP state, NAT, timeout class). */
    void onUpdate(int worker, SessionTable table, int record, long nowNs);

    /** A session is about to be removed. */
    void onDelete(int worker, SessionTable table, int record, long nowNs);

    /** Once per duty cycle of the worker; returns work done. */
    default int poll(int worker, long nowNs) {
        return 0;
    }

    /** A sink that does nothing (standalone node, replay). */
    SessionEventSink NONE = new SessionEventSink() {
        @Override
        public void onInsert(int worker, SessionTable table, int record, long nowNs) {}

        @Override
        public void onUpdate(int worker, SessionTable table, int record, long nowNs) {}

        @Override
        public void onDelete(int worker, SessionTable table, int record, long nowNs) {}
    };
}

package io.palisade.dataplane.engine;

import io.palisade.dataplane.session.SessionTable;

/**
 * What a {@link WorkerTask} sees while it runs on a worker's own thread: that worker's session tables and
 * clocks. Only valid during {@link WorkerTask#run}; never keep it.
 */
public interface WorkerContext {
    /** This worker's index, 0-based. */
    int workerIndex();

    /** Number of workers of the node. */
    int workerCount();

    /** The session table for IP version 4 or 6. */
    SessionTable table(int ipVersion);

    /**
     * The time base of the tables: {@link SessionTable#lastSeenMs} and {@link SessionTable#startSeconds} count
     * from this {@code nanoTime} value.
     */
    long tableTimeBaseNs();

    /** Wall-clock epoch milliseconds matching {@link #tableTimeBaseNs()} (for start times shown to users). */
    long tableTimeBaseEpochMs();

    /** The configuration epoch the worker runs now. */
    long configEpoch();

    /**
     * Ends a session the way the engine does (traffic log, NAT release, sync delete, counters) and removes it.
     */
    void closeSession(SessionTable table, int record, io.palisade.dataplane.session.EndReason reason, long nowNs);

    /** Counts a session installed from the HA peer. */
    void countSessionFromPeer();

    /**
     * Makes a session installed from the HA peer hold its source translation (pool address and port) in this
     * worker's NAT state, as the sessions this worker translated itself do, so that neither is handed out again
     * while it lives and both are released when it ends. Returns false when another session of this worker holds
     * that translation already. Contexts without NAT hold nothing.
     */
    default boolean holdNat(SessionTable table, int record) {
        return true;
    }
}

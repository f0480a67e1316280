package io.palisade.ha.sync;

import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.SessionLayout;
import io.palisade.dataplane.session.SessionTable;

/** A worker context on the test's own thread, for single-threaded publisher tests. */
final class DirectContext implements WorkerContext, AutoCloseable {
    final SessionTable v4;
    final SessionTable v6;
    final int index;
    SessionEventSink sink = SessionEventSink.NONE;
    long fromPeer;

    DirectContext(int index, int capacity) {
        this.index = index;
        this.v4 = new SessionTable(SessionLayout.IPV4, capacity);
        this.v6 = new SessionTable(SessionLayout.IPV6, 64);
    }

    @Override
    public int workerIndex() {
        return index;
    }

    @Override
    public int workerCount() {
        return 1;
    }

    @Override
    public SessionTable table(int ipVersion) {
        return ipVersion == 6 ? v6 : v4;
    }

    @Override
    public long tableTimeBaseNs() {
        return 0;
    }

    @Override
    public long tableTimeBaseEpochMs() {
        return 0;
    }

    @Override
    public long configEpoch() {
        return 1;
    }

    @Override
    public void closeSession(SessionTable table, int record, EndReason reason, long nowNs) {
        sink.onDelete(index, table, record, nowNs);
        table.remove(record);
    }

    @Override
    public void countSessionFromPeer() {
        fromPeer++;
    }

    @Override
    public void close() {
        v4.close();
        v6.close();
    }
}

package io.palisade.ha.sync;

import io.palisade.dataplane.engine.SessionEventSink;
import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.session.FlowHash;
import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.TcpState;

/**
 * Deterministic test sessions: session {@code i} is TCP 198.18.x.y:(10000+i%50000) to 198.19.0.1:443, zones 1→2;
 * every third one is source-NATed. Created on the owning worker, as the engine would, and announced to the sink.
 */
final class TestSessions {
    static final int TCP = 6;

    private TestSessions() {}

    static long clientAddress(int i) {
        return 0xC612_0000L | (i / 50_000 + 1) << 8 | (i % 250 + 1);
    }

    static int clientPort(int i) {
        return 10_000 + i % 50_000;
    }

    static final long SERVER = 0xC613_0001L;
    static final long NAT_ADDRESS = 0xC613_FF01L;

    /** The worker that owns session {@code i} among {@code workers}. */
    static int owner(int i, int workers) {
        return FlowHash.owner(FlowHash.symmetric(0, clientAddress(i), 0, SERVER, clientPort(i), 443, TCP), workers);
    }

    static boolean natted(int i) {
        return i % 3 == 0;
    }

    /** Installs session {@code i} in the context's table and calls the sink's insert; returns the record. */
    static int insert(WorkerContext context, SessionEventSink sink, int i, long nowNs) {
        SessionTable table = context.table(4);
        int rec = table.allocate();
        long client = clientAddress(i);
        int port = clientPort(i);
        table.setKey(rec, SessionTable.C2S, 0, client, 0, SERVER, port, 443, TCP, 1);
        if (natted(i)) {
            table.setKey(rec, SessionTable.S2C, 0, SERVER, 0, NAT_ADDRESS, 443, 20_000 + i % 40_000, TCP, 2);
            table.setNatRule(rec, 3);
            table.setFlags(rec, SessionFlags.NAT_SRC);
        } else {
            table.setKey(rec, SessionTable.S2C, 0, SERVER, 0, client, 443, port, TCP, 2);
        }
        table.setTcpState(rec, TcpState.ESTABLISHED);
        table.setRule(rec, 7);
        table.setApp(rec, 42);
        table.setInterfaces(rec, 1, 2);
        table.setEpoch(rec, 5);
        table.setNextHop(rec, 0, 0xC613_0002L);
        long nowMs = (nowNs - context.tableTimeBaseNs()) / 1_000_000L;
        table.setStartSeconds(rec, (int) (nowMs / 1000) - 30);
        table.setLastSeenMs(rec, (int) nowMs - 250);
        table.setNextSeq(rec, SessionTable.C2S, 0x1000_0000 + i);
        table.setNextSeq(rec, SessionTable.S2C, 0x2000_0000 + i);
        if (!table.publish(rec, SessionState.ACTIVE)) {
            table.abandon(rec);
            throw new IllegalStateException("session " + i + " collides");
        }
        sink.onInsert(context.workerIndex(), table, rec, nowNs);
        return rec;
    }

    /** The record of session {@code i} in {@code table}, or -1. */
    static int find(SessionTable table, int i) {
        int handle = table.lookup(0, clientAddress(i), 0, SERVER, clientPort(i), 443, TCP, 1);
        return handle < 0 || (handle & 1) != SessionTable.C2S ? -1 : handle >>> 1;
    }
}

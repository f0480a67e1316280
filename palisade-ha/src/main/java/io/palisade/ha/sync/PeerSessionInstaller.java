package io.palisade.ha.sync;

import io.palisade.common.Counters;
import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.session.EndReason;
import io.palisade.dataplane.session.SessionFlags;
import io.palisade.dataplane.session.SessionTable;
import io.palisade.dataplane.session.SyncState;

/**
 * Applies the peer's session messages to one worker's tables, on that worker's thread. An installed session is
 * marked {@link SyncState#FROM_PEER} and {@link SessionFlags#MIDSTREAM}, so that after a failover its next packet
 * takes the fast path without a handshake. The peer is the authority for what it sends: a local session that holds
 * one of the keys is closed to make room (and counted).
 */
final class PeerSessionInstaller {
    private final SessionImage image = new SessionImage();
    private final WireIn in = new WireIn();
    private final Counters<Ha2Counter> counters = new Counters<>(Ha2Counter.class);

    Counters<Ha2Counter> counters() {
        return counters;
    }

    /** Applies one message ({@code type}, body at {@code buf[offset .. offset+length)}). */
    void apply(WorkerContext context, int type, byte[] buf, int offset, int length, long nowNs) {
        try {
            in.reset(buf, offset, length);
            if (type == Ha2Codec.SESSION_UPSERT) {
                Ha2Codec.readUpsert(in, image);
                upsert(context, nowNs);
            } else {
                Ha2Codec.readDelete(in, image);
                delete(context, nowNs);
            }
        } catch (Ha2DecodeException e) {
            counters.increment(Ha2Counter.INSTALL_MALFORMED);
        }
    }

    private void upsert(WorkerContext context, long nowNs) {
        SessionTable table = context.table(image.ipv6 ? 6 : 4);
        int rec = findC2s(table);
        if (rec >= 0 && !s2cMatches(table, rec)) {
            // The translation changed: the old s2c key must leave the index, so reinstall.
            context.closeSession(table, rec, EndReason.HA_REMOVED, nowNs);
            rec = -1;
        }
        long nowMs = (nowNs - context.tableTimeBaseNs()) / 1_000_000L;
        if (rec >= 0) {
            writeFields(table, rec, nowMs);
            counters.increment(Ha2Counter.SESSION_UPDATED);
            return;
        }
        rec = table.allocate();
        if (rec < 0) {
            counters.increment(Ha2Counter.INSTALL_TABLE_FULL);
            return;
        }
        setKeys(table, rec);
        writeFields(table, rec, nowMs);
        if (!table.publish(rec, image.state)) {
            evictConflicts(context, table, nowNs);
            if (!table.publish(rec, image.state)) {
                table.abandon(rec);
                counters.increment(Ha2Counter.INSTALL_CONFLICT);
                return;
            }
        }
        counters.increment(Ha2Counter.SESSION_INSTALLED);
        context.countSessionFromPeer();
        if (!context.holdNat(table, rec)) {
            counters.increment(Ha2Counter.INSTALL_NAT_IN_USE);
        }
    }

    private void delete(WorkerContext context, long nowNs) {
        SessionTable table = context.table(image.ipv6 ? 6 : 4);
        int rec = findC2s(table);
        if (rec < 0) {
            counters.increment(Ha2Counter.DELETE_UNKNOWN);
            return;
        }
        context.closeSession(table, rec, EndReason.HA_REMOVED, nowNs);
        counters.increment(Ha2Counter.SESSION_REMOVED);
    }

    /** The record whose c2s key is the image's, or -1 (a match on an s2c key is another session). */
    private int findC2s(SessionTable table) {
        int handle = table.lookup(
                image.c2sSrcHi,
                image.c2sSrcLo,
                image.c2sDstHi,
                image.c2sDstLo,
                image.c2sSrcPort,
                image.c2sDstPort,
                image.protocol,
                image.zoneC2s);
        return handle >= 0 && (handle & 1) == SessionTable.C2S ? handle >>> 1 : -1;
    }

    private boolean s2cMatches(SessionTable table, int rec) {
        int s2c = SessionTable.S2C;
        return table.addressHi(rec, s2c, true) == image.s2cSrcHi
                && table.addressLo(rec, s2c, true) == image.s2cSrcLo
                && table.addressHi(rec, s2c, false) == image.s2cDstHi
                && table.addressLo(rec, s2c, false) == image.s2cDstLo
                && table.srcPort(rec, s2c) == image.s2cSrcPort
                && table.dstPort(rec, s2c) == image.s2cDstPort
                && table.zone(rec, s2c) == image.zoneS2c;
    }

    /** Closes the local sessions that hold either of the image's keys (the record being installed is unindexed). */
    private void evictConflicts(WorkerContext context, SessionTable table, long nowNs) {
        closeHolder(
                context,
                table,
                nowNs,
                image.c2sSrcHi,
                image.c2sSrcLo,
                image.c2sDstHi,
                image.c2sDstLo,
                image.c2sSrcPort,
                image.c2sDstPort,
                image.zoneC2s);
        closeHolder(
                context,
                table,
                nowNs,
                image.s2cSrcHi,
                image.s2cSrcLo,
                image.s2cDstHi,
                image.s2cDstLo,
                image.s2cSrcPort,
                image.s2cDstPort,
                image.zoneS2c);
    }

    private void closeHolder(
            WorkerContext context,
            SessionTable table,
            long nowNs,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int srcPort,
            int dstPort,
            int zone) {
        int handle = table.lookup(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, image.protocol, zone);
        if (handle >= 0) {
            context.closeSession(table, handle >>> 1, EndReason.HA_REMOVED, nowNs);
            counters.increment(Ha2Counter.INSTALL_CONFLICT);
        }
    }

    private void setKeys(SessionTable table, int rec) {
        table.setKey(
                rec,
                SessionTable.C2S,
                image.c2sSrcHi,
                image.c2sSrcLo,
                image.c2sDstHi,
                image.c2sDstLo,
                image.c2sSrcPort,
                image.c2sDstPort,
                image.protocol,
                image.zoneC2s);
        table.setKey(
                rec,
                SessionTable.S2C,
                image.s2cSrcHi,
                image.s2cSrcLo,
                image.s2cDstHi,
                image.s2cDstLo,
                image.s2cSrcPort,
                image.s2cDstPort,
                image.protocol,
                image.zoneS2c);
    }

    private void writeFields(SessionTable table, int rec, long nowMs) {
        table.setState(rec, image.state);
        table.setTcpState(rec, image.tcpState);
        table.setFlags(rec, image.flags | SessionFlags.MIDSTREAM);
        table.setInterfaces(rec, image.interfaceIn, image.interfaceOut);
        table.setRule(rec, image.rule);
        table.setNatRule(rec, image.natRule);
        table.setApp(rec, image.app);
        table.setSyncState(rec, SyncState.FROM_PEER);
        table.setEpoch(rec, (int) image.policyEpoch);
        table.setStartSeconds(rec, (int) (nowMs / 1000 - image.ageSeconds));
        table.setLastSeenMs(rec, (int) Math.max(Integer.MIN_VALUE, nowMs - image.idleMs));
        table.setNextSeq(rec, SessionTable.C2S, image.seqC2s);
        table.setNextSeq(rec, SessionTable.S2C, image.seqS2c);
        table.setNextHop(rec, image.nextHopHi, image.nextHopLo);
        if (image.hasCounters) {
            table.setCounters(rec, image.packetsC2s, image.packetsS2c, image.bytesC2s, image.bytesS2c);
        }
    }
}

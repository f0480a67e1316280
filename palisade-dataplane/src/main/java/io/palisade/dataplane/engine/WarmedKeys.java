package io.palisade.dataplane.engine;

import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.session.FlowHash;
import io.palisade.dataplane.session.SessionTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The batch warm of {@link SessionEngine#prefetch}, and what it learnt: the key and index hash of each frame it
 * warmed, so that the session lookup of the same frame does not hash the key a second time.
 *
 * <p>A hash is handed out only for the frame expected next (the batch is processed in order) and only when the
 * key the lookup is about to hash equals, field by field, the key the warm hashed; otherwise the lookup hashes
 * as before. The hash being a function of the key alone, a reused hash is always the one the lookup would compute,
 * whatever happened to the frame in between. Single owner: the worker thread.
 */
final class WarmedKeys {
    /** Entries passed over at most to find a frame (those before it ended before their lookup). */
    private static final int SKIP_AHEAD = 8;

    /** Ethernet 14 + IPv4 20 + the two ports. */
    private static final int PLAIN_IPV4_L4_PORTS_END = 38;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MemorySegment[] frames = new MemorySegment[SessionTable.WARM_BATCH];
    /** Source address in the high 32 bits, destination in the low. */
    private final long[] addresses = new long[SessionTable.WARM_BATCH];
    /** Source port in the high 16 bits, destination port in the low. */
    private final int[] ports = new int[SessionTable.WARM_BATCH];
    /** Protocol in the high 16 bits, zone in the low. */
    private final int[] protocolZone = new int[SessionTable.WARM_BATCH];
    /** The index hash of each key, 0 for a frame not warmed. */
    private final long[] hashes = new long[SessionTable.WARM_BATCH];

    /** Entries valid for reuse: those of the last warm, when it fitted in one round. */
    private int count;
    /** The entry of the frame expected next. */
    private int next;

    /**
     * Warms {@code table} for frames {@code from .. from+count-1} in rounds of {@link SessionTable#WARM_BATCH}:
     * every frame's key is read and hashed, then the table loads every index slot and record. Only untagged
     * Ethernet IPv4 TCP/UDP with a plain 20-byte header is warmed, its key read from fixed offsets.
     *
     * @return a value that means nothing (keep it somewhere, so the loads are not optimised away)
     */
    long warm(SessionTable table, MemorySegment[] batch, int[] lengths, int from, int count, int zone) {
        long sink = 0;
        for (int done = 0; done < count; done += SessionTable.WARM_BATCH) {
            int n = Math.min(SessionTable.WARM_BATCH, count - done);
            for (int k = 0; k < n; k++) {
                readKey(k, batch[from + done + k], lengths[from + done + k], zone);
            }
            sink += table.warm(hashes, n);
        }
        // A longer batch overwrote its first rounds' entries: nothing to reuse then.
        this.count = count <= SessionTable.WARM_BATCH ? count : 0;
        this.next = 0;
        return sink;
    }

    /** Forgets the entries (frames processed without a warm before them). */
    void clear() {
        count = 0;
        next = 0;
    }

    private void readKey(int k, MemorySegment frame, int length, int zone) {
        frames[k] = frame;
        hashes[k] = 0;
        if (length < PLAIN_IPV4_L4_PORTS_END || frame.byteSize() < PLAIN_IPV4_L4_PORTS_END) {
            return;
        }
        if (frame.get(U16, 12) != (short) 0x0800 || frame.get(ValueLayout.JAVA_BYTE, 14) != 0x45) {
            return;
        }
        int proto = frame.get(ValueLayout.JAVA_BYTE, 23) & 0xff;
        if (proto != IpProtocol.TCP && proto != IpProtocol.UDP) {
            return;
        }
        long src = frame.get(U32, 26) & 0xffffffffL;
        long dst = frame.get(U32, 30) & 0xffffffffL;
        int p = frame.get(U32, 34);
        addresses[k] = src << 32 | dst;
        ports[k] = p;
        protocolZone[k] = proto << 16 | zone;
        hashes[k] = FlowHash.directional(0, src, 0, dst, p >>> 16, p & 0xffff, proto, zone);
    }

    /**
     * The {@link FlowHash#directional} hash of the given key when the warm computed it for this very frame and
     * key, else 0 (hash it). Advances past the frame when it is the one expected next or a few after it.
     */
    long hashFor(
            MemorySegment frame,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int srcPort,
            int dstPort,
            int protocol,
            int zone) {
        int k = next;
        int last = Math.min(count, next + SKIP_AHEAD + 1);
        while (k < last && frames[k] != frame) {
            k++; // frames dropped or handed off before their lookup are passed over
        }
        if (k == last) {
            return 0; // not a frame of the warmed batch (or too far ahead): leave the expected one
        }
        next = k + 1;
        boolean same = srcHi == 0
                && dstHi == 0
                && (srcLo >>> 32) == 0
                && (dstLo >>> 32) == 0
                && addresses[k] == (srcLo << 32 | dstLo)
                && ports[k] == (srcPort << 16 | dstPort)
                && (srcPort >>> 16) == 0
                && (dstPort >>> 16) == 0
                && protocolZone[k] == (protocol << 16 | zone)
                && (protocol >>> 16) == 0
                && (zone >>> 16) == 0;
        return same ? hashes[k] : 0;
    }
}

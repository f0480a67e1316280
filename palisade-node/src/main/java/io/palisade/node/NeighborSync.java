package io.palisade.node;

import io.palisade.dataplane.engine.NeighborTable;
import io.palisade.ha.sync.Ha2Record;
import io.palisade.ha.sync.Ha2Sync;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ARP table over HA2, so a new active node forwards at once without resolving its next hops again: the active
 * node publishes every neighbour it learnt ({@link Ha2Sync#publishRecord}) and withdraws those it forgot; a node
 * that is not active copies the peer's records into its own {@link NeighborTable}. Only one direction at a time,
 * so a stale entry of the passive node never overwrites what the active node has just learnt. Runs on the HA
 * agent's thread a few times a second.
 */
final class NeighborSync {
    static final long INTERVAL_NS = 100_000_000L;
    private static final String TABLE = "arp";

    private final NeighborTable neighbors;
    private final Ha2Sync ha2;
    private final Map<String, Ha2Record.Neighbor> published = new HashMap<>();
    private long nextNs = Long.MIN_VALUE;

    NeighborSync(NeighborTable neighbors, Ha2Sync ha2) {
        this.neighbors = neighbors;
        this.ha2 = ha2;
    }

    /** Publishes (when {@code active}) or applies the peer's records; returns records handled. */
    int poll(boolean active, long nowNs) {
        if (nextNs != Long.MIN_VALUE && nowNs - nextNs < 0) {
            return 0;
        }
        nextNs = nowNs + INTERVAL_NS;
        return active ? publish() : apply(nowNs);
    }

    private int publish() {
        int n = 0;
        Set<String> seen = new HashSet<>();
        for (NeighborTable.Entry e : neighbors.entries()) {
            Ha2Record.Neighbor r = new Ha2Record.Neighbor(address(e.ip()), e.mac(), e.interfaceId());
            seen.add(r.key());
            if (!r.equals(published.get(r.key()))) {
                ha2.publishRecord(r);
                published.put(r.key(), r);
                n++;
            }
        }
        for (var it = published.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                ha2.withdrawRecord(e.getValue());
                it.remove();
                n++;
            }
        }
        return n;
    }

    private int apply(long nowNs) {
        published.clear(); // after a takeover everything is published afresh
        int n = 0;
        for (Ha2Record r : ha2.peerRecords().table(TABLE)) {
            if (r instanceof Ha2Record.Neighbor nb && nb.address().getAddress().length == 4) {
                int ip = java.nio.ByteBuffer.wrap(nb.address().getAddress()).getInt();
                // refreshed while the peer keeps it, so it does not age out on this node before a takeover
                if (neighbors.learn(nb.interfaceId(), ip, nb.mac(), nowNs, NEIGHBOR_REFRESH_NS)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Peer entries are refreshed this often while the peer keeps publishing them. */
    private static final long NEIGHBOR_REFRESH_NS = 10_000_000_000L;

    private static InetAddress address(int ip) {
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

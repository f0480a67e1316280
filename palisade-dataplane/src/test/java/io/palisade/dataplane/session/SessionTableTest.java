package io.palisade.dataplane.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTableTest {

    /** A key in tests: addresses, ports, protocol, zone. */
    private record Key(long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport, int proto, int zone) {
        Key reverse(int otherZone) {
            return new Key(dstHi, dstLo, srcHi, srcLo, dport, sport, proto, otherZone);
        }
    }

    private static int lookup(SessionTable t, Key k) {
        return t.lookup(k.srcHi, k.srcLo, k.dstHi, k.dstLo, k.sport, k.dport, k.proto, k.zone);
    }

    private static int insert(SessionTable t, Key c2s, Key s2c) {
        int rec = t.allocate();
        if (rec < 0) {
            return -1;
        }
        t.setKey(
                rec,
                SessionTable.C2S,
                c2s.srcHi,
                c2s.srcLo,
                c2s.dstHi,
                c2s.dstLo,
                c2s.sport,
                c2s.dport,
                c2s.proto,
                c2s.zone);
        t.setKey(
                rec,
                SessionTable.S2C,
                s2c.srcHi,
                s2c.srcLo,
                s2c.dstHi,
                s2c.dstLo,
                s2c.sport,
                s2c.dport,
                s2c.proto,
                s2c.zone);
        if (!t.publish(rec, SessionState.ACTIVE)) {
            t.abandon(rec);
            return -1;
        }
        return rec;
    }

    @Test
    void warmingABatchChangesNothing() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 16)) {
            Key c2s = new Key(0, 0xC6120001L, 0, 0xC6120102L, 40000, 80, 6, 1);
            Key s2c = new Key(0, 0xC6120102L, 0, 0xC6120001L, 80, 40000, 6, 2);
            Key absent = new Key(0, 0xC6120009L, 0, 0xC6120102L, 40000, 80, 6, 1);
            int rec = insert(t, c2s, s2c);
            long[] hashes = {hash(c2s), 0, hash(absent), hash(s2c)};

            t.warm(hashes, hashes.length);

            assertThat(lookup(t, c2s)).isEqualTo(rec << 1 | SessionTable.C2S);
            assertThat(lookup(t, s2c)).isEqualTo(rec << 1 | SessionTable.S2C);
            assertThat(lookup(t, absent)).isEqualTo(-1);
            assertThat(t.size()).isEqualTo(1);
        }
    }

    private static long hash(Key k) {
        return FlowHash.directional(k.srcHi, k.srcLo, k.dstHi, k.dstLo, k.sport, k.dport, k.proto, k.zone);
    }

    @Test
    void bothDirectionsFindTheSameRecord() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 16)) {
            Key c2s = new Key(0, 0xC6120001L, 0, 0xC6120102L, 40000, 80, 6, 1);
            Key s2c = new Key(0, 0xC6120102L, 0, 0xC6120201L, 80, 1024, 6, 2); // source NAT to .2.1:1024
            int rec = insert(t, c2s, s2c);

            assertThat(lookup(t, c2s)).isEqualTo(rec << 1 | SessionTable.C2S);
            assertThat(lookup(t, s2c)).isEqualTo(rec << 1 | SessionTable.S2C);
            assertThat(lookup(t, c2s.reverse(2)))
                    .as("un-NATed reply is not the session")
                    .isEqualTo(-1);
            assertThat(lookup(t, new Key(0, 0xC6120001L, 0, 0xC6120102L, 40000, 80, 6, 3)))
                    .as("zone is in the key")
                    .isEqualTo(-1);
            assertThat(t.srcPort(rec, SessionTable.S2C)).isEqualTo(80);
            assertThat(t.dstPort(rec, SessionTable.S2C)).isEqualTo(1024);
            assertThat(t.addressLo(rec, SessionTable.C2S, true)).isEqualTo(0xC6120001L);
            assertThat(t.zone(rec, SessionTable.S2C)).isEqualTo(2);
        }
    }

    @Test
    void ipv6KeysCompareAllSixteenBytes() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV6, 16)) {
            Key c2s = new Key(0x20010db800000000L, 1, 0x20010db800000000L, 2, 5000, 53, 17, 0);
            int rec = insert(t, c2s, c2s.reverse(1));
            assertThat(lookup(t, c2s)).isEqualTo(rec << 1);
            assertThat(lookup(t, new Key(0x20010db800000001L, 1, 0x20010db800000000L, 2, 5000, 53, 17, 0)))
                    .isEqualTo(-1);
            assertThat(t.addressHi(rec, SessionTable.S2C, true)).isEqualTo(0x20010db800000000L);
        }
    }

    @Test
    void aCollidingTranslationIsRefusedAndIndexesNothing() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 16)) {
            Key a = new Key(0, 1, 0, 2, 1000, 80, 6, 0);
            insert(t, a, a.reverse(1));
            Key b = new Key(0, 3, 0, 2, 1000, 80, 6, 0);
            assertThat(insert(t, b, a.reverse(1))).isEqualTo(-1);
            assertThat(t.size()).isEqualTo(1);
            assertThat(lookup(t, b)).isEqualTo(-1);
        }
    }

    @Test
    void aSessionWhoseKeysAreEqualIndexesBothAndRemovesCleanly() {
        // Both keys hash to the same home slot: publish must put the second key after the first, not over it.
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 16)) {
            Key k = new Key(0, 0xC6120001L, 0, 0xC6120001L, 5000, 5000, 17, 1);
            Key other = new Key(0, 0xC6120002L, 0, 0xC6120003L, 1, 2, 17, 1);
            int rec = insert(t, k, k);
            int next = insert(t, other, other.reverse(2));

            assertThat(rec).isNotNegative();
            assertThat(lookup(t, k) >>> 1).isEqualTo(rec);
            assertThat(lookup(t, other)).isEqualTo(next << 1 | SessionTable.C2S);
            assertThat(insert(t, k, new Key(0, 9, 0, 9, 1, 1, 17, 1)))
                    .as("its key is taken")
                    .isEqualTo(-1);
            t.remove(rec);
            assertThat(lookup(t, k)).isEqualTo(-1);
            assertThat(lookup(t, other.reverse(2))).isEqualTo(next << 1 | SessionTable.S2C);
            assertThat(t.size()).isEqualTo(1);
        }
    }

    @Test
    void fullTableRefusesAndRemovalFreesRecords() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 4)) {
            List<Integer> recs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Key k = new Key(0, i, 0, 100, 1, 2, 17, 0);
                recs.add(insert(t, k, k.reverse(1)));
            }
            assertThat(t.allocate()).isEqualTo(-1);
            int gen = t.generation(recs.get(2));
            t.remove(recs.get(2));
            int again = t.allocate();
            assertThat(again).isEqualTo(recs.get(2));
            assertThat(t.generation(again)).isEqualTo(gen + 1);
            assertThat(t.isLive(again)).isFalse();
        }
    }

    /** Random inserts and removals against a HashMap: backward-shift deletion keeps every key findable. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20261125})
    void agreesWithAReferenceMapUnderChurn(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int capacity = 2048;
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, capacity)) {
            Map<Key, Integer> ref = new HashMap<>();
            Map<Integer, Key[]> byRec = new HashMap<>();
            for (int step = 0; step < 60_000; step++) {
                if (random.nextInt(100) < 55 && ref.size() < capacity * 2 - 2) {
                    // a narrow key space forces long probe clusters and reuse
                    Key c2s = new Key(
                            0, random.nextInt(64), 0, random.nextInt(64), random.nextInt(8), 80, 6, random.nextInt(2));
                    Key s2c = c2s.reverse(2 + random.nextInt(2));
                    boolean clash = ref.containsKey(c2s) || ref.containsKey(s2c) || c2s.equals(s2c);
                    int rec = insert(t, c2s, s2c);
                    if (clash || byRec.size() == capacity) {
                        assertThat(rec).isEqualTo(-1);
                    } else {
                        assertThat(rec).isGreaterThanOrEqualTo(0);
                        ref.put(c2s, rec << 1);
                        ref.put(s2c, rec << 1 | 1);
                        byRec.put(rec, new Key[] {c2s, s2c});
                    }
                } else if (!byRec.isEmpty()) {
                    int rec = byRec.keySet().stream()
                            .skip(random.nextInt(byRec.size()))
                            .findFirst()
                            .orElseThrow();
                    Key[] keys = byRec.remove(rec);
                    ref.remove(keys[0]);
                    ref.remove(keys[1]);
                    t.remove(rec);
                }
                if (step % 997 == 0) {
                    for (Map.Entry<Key, Integer> e : ref.entrySet()) {
                        assertThat(lookup(t, e.getKey())).isEqualTo(e.getValue());
                    }
                }
            }
            assertThat(t.size()).isEqualTo(byRec.size());
            for (Map.Entry<Key, Integer> e : ref.entrySet()) {
                assertThat(lookup(t, e.getKey())).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void fieldsRoundTrip() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 2)) {
            Key k = new Key(0, 1, 0, 2, 3, 4, 6, 5);
            int rec = insert(t, k, k.reverse(6));
            t.setTcpState(rec, TcpState.ESTABLISHED);
            t.setFlags(rec, SessionFlags.NAT_SRC | SessionFlags.LOG_END);
            t.setInterfaces(rec, 7, 8);
            t.setRule(rec, 999);
            t.setNatRule(rec, 3);
            t.setApp(rec, 42);
            t.setSyncState(rec, SyncState.PENDING_INSERT);
            t.setEndReason(rec, EndReason.TCP_FIN);
            t.setEpoch(rec, 17);
            t.setStartSeconds(rec, 100);
            t.setLastSeenMs(rec, 123_456);
            t.count(rec, SessionTable.C2S, 60);
            t.count(rec, SessionTable.C2S, 40);
            t.count(rec, SessionTable.S2C, 1500);
            t.setNextSeq(rec, SessionTable.S2C, -5);
            t.setNextHop(rec, 0, 0xC6120101L);

            assertThat(t.state(rec)).isEqualTo(SessionState.ACTIVE);
            assertThat(t.tcpState(rec)).isEqualTo(TcpState.ESTABLISHED);
            assertThat(SessionFlags.natColumn(t.flags(rec))).isEqualTo("NS");
            assertThat(t.interfaceIn(rec)).isEqualTo(7);
            assertThat(t.interfaceOut(rec)).isEqualTo(8);
            assertThat(t.rule(rec)).isEqualTo(999);
            assertThat(t.natRule(rec)).isEqualTo(3);
            assertThat(t.app(rec)).isEqualTo(42);
            assertThat(t.syncState(rec)).isEqualTo(SyncState.PENDING_INSERT);
            assertThat(t.endReason(rec)).isEqualTo(EndReason.TCP_FIN);
            assertThat(t.epoch(rec)).isEqualTo(17);
            assertThat(t.startSeconds(rec)).isEqualTo(100);
            assertThat(t.lastSeenMs(rec)).isEqualTo(123_456);
            assertThat(t.packets(rec, SessionTable.C2S)).isEqualTo(2);
            assertThat(t.bytes(rec, SessionTable.C2S)).isEqualTo(100);
            assertThat(t.bytes(rec, SessionTable.S2C)).isEqualTo(1500);
            assertThat(t.nextSeq(rec, SessionTable.S2C)).isEqualTo(-5);
            assertThat(t.nextHopLo(rec)).isEqualTo(0xC6120101L);
        }
    }

    @Test
    void recordSizesMeetTheMemoryBudget() {
        assertThat(SessionLayout.IPV4.recordSize()).isEqualTo(96);
        assertThat(SessionLayout.IPV6.recordSize()).isEqualTo(160);
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 1_000_000)) {
            assertThat(t.offHeapBytes() / 1_000_000.0).isLessThanOrEqualTo(128.0);
        }
    }

    @Test
    void scanWindowsWrapAround() {
        try (SessionTable t = new SessionTable(SessionLayout.IPV4, 10)) {
            assertThat(t.nextScanWindow(4)).isZero();
            assertThat(t.nextScanWindow(4)).isEqualTo(4);
            assertThat(t.nextScanWindow(4)).isEqualTo(8);
            assertThat(t.nextScanWindow(4)).isEqualTo(2);
        }
    }
}

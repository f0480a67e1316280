package io.palisade.ha.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store of ARP/neighbour, route and IPsec SA records, keyed by table and key: this node's own (what it sends, and
 * what a bulk sync walks) or the peer's (what arrived over HA2, for the CLI). Thread-safe; writes are rare.
 */
public final class SyncedRecords {
    private final ConcurrentHashMap<String, Ha2Record> records = new ConcurrentHashMap<>();

    /** Adds or replaces a record; returns whether anything changed. */
    boolean put(Ha2Record record) {
        return !record.equals(records.put(id(record), record));
    }

    /** Removes the record with {@code record}'s key; returns whether it was there. */
    boolean remove(Ha2Record record) {
        return records.remove(id(record)) != null;
    }

    /** Applies a received update. */
    void apply(Ha2Message.RecordUpdate update) {
        if (update.withdrawn()) {
            remove(update.record());
        } else {
            put(update.record());
        }
    }

    /** Every record of {@code table} ({@code arp}, {@code route}, {@code ipsec-sa}), ordered by key. */
    public List<Ha2Record> table(String table) {
        List<Ha2Record> out = new ArrayList<>();
        for (Ha2Record record : records.values()) {
            if (record.table().equals(table)) {
                out.add(record);
            }
        }
        out.sort(Comparator.comparing(Ha2Record::key));
        return out;
    }

    /** Every record. */
    public List<Ha2Record> all() {
        List<Ha2Record> out = new ArrayList<>(records.values());
        out.sort(Comparator.comparing(Ha2Record::table).thenComparing(Ha2Record::key));
        return out;
    }

    public int size() {
        return records.size();
    }

    private static String id(Ha2Record record) {
        return record.table() + "|" + record.key();
    }
}

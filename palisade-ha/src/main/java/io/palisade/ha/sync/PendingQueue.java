package io.palisade.ha.sync;

/**
 * One pfsync-style queue of a worker: records waiting to have their current state sent. Entries hold the record,
 * its generation and which table it is in; removal is lazy, so a session deleted or already sent by another path
 * leaves an entry that is recognised as stale when it comes up (the record is free, reused, or no longer pending)
 * and skipped. A FIFO on a fixed ring; owned by the worker.
 */
final class PendingQueue {
    static final int TABLE_V6 = 1;
    /** The entry was queued by a bulk walk: also valid for a peer session when this node is authoritative. */
    static final int BULK = 2;

    private final int[] records;
    private final int[] generations;
    private final byte[] tags;
    private int head;
    private int size;

    PendingQueue(int capacity) {
        records = new int[capacity];
        generations = new int[capacity];
        tags = new byte[capacity];
    }

    boolean isFull() {
        return size == records.length;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(int record, int generation, int tag) {
        int at = (head + size) % records.length;
        records[at] = record;
        generations[at] = generation;
        tags[at] = (byte) tag;
        size++;
    }

    int headRecord() {
        return records[head];
    }

    int headGeneration() {
        return generations[head];
    }

    int headTag() {
        return tags[head];
    }

    void pop() {
        head = (head + 1) % records.length;
        size--;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}

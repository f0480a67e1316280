package io.palisade.linux.icmp;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Outstanding echo requests, one slot per {@code sequence mod capacity}: the send time and target of each, so a
 * reply can be matched (same sequence, from the target) and its round-trip time computed. A new request evicts an
 * unanswered one in its slot. No allocation after construction. One owner thread.
 */
final class PendingEchoes {
    private final int mask;
    private final int[] sequences;
    private final long[] sentNs;
    private final InetAddress[] targets;
    private final byte[][] targetBytes;

    PendingEchoes(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        this.mask = capacity - 1;
        this.sequences = new int[capacity];
        this.sentNs = new long[capacity];
        this.targets = new InetAddress[capacity];
        this.targetBytes = new byte[capacity][];
        Arrays.fill(sequences, -1);
    }

    /** Records a request; returns true if it evicted an unanswered one. */
    boolean add(int sequence, InetAddress target, long nowNs) {
        int slot = sequence & mask;
        boolean evicted = sequences[slot] >= 0;
        sequences[slot] = sequence;
        sentNs[slot] = nowNs;
        targets[slot] = target;
        targetBytes[slot] = target.getAddress();
        return evicted;
    }

    /** The slot of an outstanding request with this sequence, or -1. */
    int find(int sequence) {
        int slot = sequence & mask;
        return sequences[slot] == sequence ? slot : -1;
    }

    byte[] targetBytes(int slot) {
        return targetBytes[slot];
    }

    InetAddress target(int slot) {
        return targets[slot];
    }

    long sentNs(int slot) {
        return sentNs[slot];
    }

    int sequence(int slot) {
        return sequences[slot];
    }

    void remove(int slot) {
        sequences[slot] = -1;
        targets[slot] = null;
        targetBytes[slot] = null;
    }

    int capacity() {
        return sequences.length;
    }

    /** Whether slot {@code slot} holds a request sent at or before {@code cutoffNs}. */
    boolean expired(int slot, long cutoffNs) {
        return sequences[slot] >= 0 && sentNs[slot] - cutoffNs <= 0;
    }
}

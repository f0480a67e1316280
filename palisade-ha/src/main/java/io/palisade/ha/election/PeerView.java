package io.palisade.ha.election;

import java.util.Arrays;

/**
 * What this node knows about one peer: its last hello, when and on which paths it was last heard, and whether it
 * is alive, failed or gone. Owned by {@link PeerTable}; mutable, never shared outside the machine's thread.
 */
final class PeerView {
    final String serial;
    final long[] lastHeardByPathNs = new long[HaPath.values().length];
    HaHello hello;
    long lastHeardNs = HaStateMachine.NONE;
    /** Liveness is measured from the later of the last message and this floor (re-armed after a local stall). */
    long livenessFloorNs = HaStateMachine.NONE;

    /** Heard within the failure timeout and not gone. */
    boolean alive;
    /** A hello arrived since the peer last became alive: its state is known and current. */
    boolean fresh;
    /** Declared failed after silence on every path; cleared when heard again. */
    boolean failed;

    long failedAtNs = HaStateMachine.NONE;
    /** Sent a graceful goodbye; cleared when heard again. */
    boolean departed;

    long departedAtNs = HaStateMachine.NONE;
    /** The compatibility check's verdict on the last hello, or null when compatible. */
    StateReason mismatch;

    PeerView(String serial) {
        this.serial = serial;
        Arrays.fill(lastHeardByPathNs, HaStateMachine.NONE);
    }

    /** Alive, state known and compatible: the peer takes part in decisions. */
    boolean participates() {
        return alive && fresh && hello != null && mismatch == null;
    }

    /** The peer's state as last announced, or null when unknown. */
    HaState state() {
        return hello == null ? null : hello.state();
    }

    long failureDeadlineNs(long timeoutNs) {
        return Math.max(lastHeardNs, livenessFloorNs) + timeoutNs;
    }
}

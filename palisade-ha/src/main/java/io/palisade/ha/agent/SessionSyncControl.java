package io.palisade.ha.agent;

import io.palisade.ha.election.HaStateMachine;
import java.util.List;

/**
 * The agent's handle on HA2 session synchronisation: it feeds bulk-sync completion and HA2 keep-alives (and the
 * heartbeat backup carried on them) into the state machine, asks the peer for a bulk sync, and learns when this
 * node becomes the one that announces sessions.
 */
public interface SessionSyncControl {
    /**
     * Called every agent duty cycle; returns work done.
     *
     * @param peerSerial the peer's serial as HA1 last announced it, or null before any hello
     */
    int poll(HaStateMachine machine, String peerSerial, long nowNs);

    /** This node wants the peer's full session table (it became passive, or lost sync). */
    void requestBulkSync(String peerSerial);

    /** This node forwards now (true) or stopped forwarding (false). */
    void onActive(boolean active);

    /** HA2 and HA2-backup link states for the view. */
    List<HaView.Link> links();
}

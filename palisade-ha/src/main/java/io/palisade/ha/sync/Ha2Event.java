package io.palisade.ha.sync;

import io.palisade.config.model.Ha2KeepAliveAction;
import io.palisade.ha.sync.Ha2Message.KeepAlive;

/** What HA2 reports to the HA agent. Delivered on the HA2 agent thread; the agent decides what to do. */
public sealed interface Ha2Event {

    /**
     * No keep-alive on {@code link} for the threshold (reported only with keep-alive monitoring on).
     *
     * @param link {@code ha2} or {@code ha2-backup}
     * @param silentMs how long nothing came
     * @param action what the configuration asks for: log-only, or split-datapath (active/active: each node keeps
     *     forwarding its own sessions)
     * @param anyLinkUp whether another HA2 link still works (data moved there)
     */
    record LinkDown(String link, long silentMs, Ha2KeepAliveAction action, boolean anyLinkUp) implements Ha2Event {}

    /**
     * Keep-alives on {@code link} again (or for the first time, with {@code downMs} 0).
     *
     * @param link {@code ha2} or {@code ha2-backup}
     * @param downMs how long it was down
     */
    record LinkUp(String link, long downMs) implements Ha2Event {}

    /**
     * A keep-alive from the peer: its HA state and, with heartbeat backup on, a heartbeat.
     *
     * @param link the link it came over
     * @param keepAlive the message
     * @param receivedNs when it was read, on this node's monotonic clock
     */
    record PeerKeepAlive(String link, KeepAlive keepAlive, long receivedNs) implements Ha2Event {}

    /**
     * The bulk sync from the peer changed state.
     *
     * @param state the new state
     * @param sessions sessions received in the bulk so far
     */
    record BulkSyncChanged(BulkSyncState state, long sessions) implements Ha2Event {}

    /**
     * Session data now goes over another link.
     *
     * @param link the link now carrying data
     */
    record DataLinkChanged(String link) implements Ha2Event {}

    /**
     * A new incarnation of the peer: its earlier streams are void and it will ask for a bulk sync.
     *
     * @param epoch the peer's new epoch
     */
    record PeerRestarted(long epoch) implements Ha2Event {}
}

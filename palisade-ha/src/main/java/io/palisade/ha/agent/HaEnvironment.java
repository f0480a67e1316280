package io.palisade.ha.agent;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.store.RunningConfig;
import io.palisade.dataplane.engine.ForwardingMode;

/**
 * What the HA agent drives and reads outside HA: the data plane's forwarding switch and links, gratuitous ARP,
 * worker liveness, and the committer (for configurations received from the peer). The node implements it;
 * tests implement it in memory.
 */
public interface HaEnvironment {
    /** Sets what the data plane does with traffic. */
    void setForwarding(ForwardingMode mode);

    /** Passive link state shutdown: data links down while not active, up when active. */
    void setDataLinksUp(boolean up);

    /** Gratuitous ARP for the addresses this node now owns (takeover). */
    void announceAddresses();

    /** Time of each data-plane worker's latest duty cycle ({@code Long.MIN_VALUE}: not running). */
    long[] workerCycleNs();

    /** The running configuration. */
    RunningConfig running();

    /**
     * Commits a configuration received from the peer (already merged with the local parts). Runs on a thread
     * of the agent's choosing, never the agent thread; throws {@link io.palisade.config.ConfigException} when
     * refused.
     */
    void commitFromPeer(PalisadeConfig merged, String description);
}

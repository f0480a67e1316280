package io.palisade.ha.monitor;

/**
 * Where link monitoring reads an interface's link state: the data-plane port (kernel operstate for AF_PACKET,
 * the tunnel's carrier switch for udp-tunnel ports). Called from the monitor's thread.
 */
@FunctionalInterface
public interface LinkStateSource {
    /** Whether the interface named (PAN-OS name) has carrier; unknown interfaces are down. */
    boolean linkUp(String interfaceName);
}

package io.palisade.ha.ha1;

/**
 * Fault switches of one HA1 link, all off by default. They act on the real transport (the same code path runs
 * in production), so tests and the lab break the link the way a network would.
 */
public interface LinkFaults {
    /** Discard every message the writer would send; connections stay up. */
    void setDropOutbound(boolean on);

    boolean dropOutbound();

    /** Discard every message received (after decoding, before the inbox); connections stay up. */
    void setDropInbound(boolean on);

    boolean dropInbound();

    /** Close the link's connections and refuse new ones, in both directions, until unblocked. */
    void setBlocked(boolean on);

    boolean blocked();

    /** Hold each outbound message for this long before writing it (0..60000 ms; order is kept). */
    void setOutboundDelayMs(int delayMs);

    int outboundDelayMs();

    /** Switches every fault off. */
    default void clear() {
        setDropOutbound(false);
        setDropInbound(false);
        setBlocked(false);
        setOutboundDelayMs(0);
    }
}

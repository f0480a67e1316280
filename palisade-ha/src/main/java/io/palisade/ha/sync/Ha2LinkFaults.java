package io.palisade.ha.sync;

import io.palisade.ha.ha1.LinkFaults;

/**
 * The fault switches of one HA2 link, all off by default: the HA1 set (drop outbound, drop inbound, block, delay)
 * with the same meaning for datagrams (block drops every frame in both directions; there is no connection to
 * close), plus a filter that drops chosen frames. They act inside the real link, so tests and the lab exercise the
 * production code path.
 */
public interface Ha2LinkFaults extends LinkFaults {
    /** Drops the outbound frames the filter picks; null switches the filter off. */
    void setOutboundFilter(FrameFilter filter);

    FrameFilter outboundFilter();

    @Override
    default void clear() {
        LinkFaults.super.clear();
        setOutboundFilter(null);
    }
}

package io.palisade.linux.icmp;

import java.net.InetAddress;

/** Receives the outcome of echo requests from an {@link IcmpEchoSocket}. */
public interface EchoListener {
    /** A reply matched request {@code sequence} to {@code target}; {@code rttNs} is receive time minus send time. */
    void onReply(InetAddress target, int sequence, long rttNs);

    /** Request {@code sequence} to {@code target} got no reply within the timeout passed to {@code expire}. */
    default void onTimeout(InetAddress target, int sequence) {}
}

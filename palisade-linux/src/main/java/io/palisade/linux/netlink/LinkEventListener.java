package io.palisade.linux.netlink;

/** Receives decoded link events from a {@link LinkEventSubscription}. */
public interface LinkEventListener {
    void onLinkEvent(LinkEvent event);

    /**
     * The kernel dropped events because the socket buffer was full ({@code ENOBUFS}); the listener's picture may be
     * stale, so it should re-read every link ({@link RtNetlink#links()}).
     */
    default void onOverrun() {}
}

package io.palisade.linux.netlink;

import io.palisade.linux.sys.LinuxIoException;
import java.lang.foreign.MemorySegment;

/**
 * A subscription to the kernel's link events ({@code RTMGRP_LINK}) in the network namespace of the thread that
 * opened it: every link change arrives as a {@link LinkEvent} without polling sysfs. A monitor thread or agent calls
 * {@link #poll} with a timeout; nothing is delivered outside that call. One owner thread.
 */
public final class LinkEventSubscription implements AutoCloseable {
    /** Datagrams drained per {@link #poll} call at most, so one call cannot run forever under an event storm. */
    static final int MAX_DATAGRAMS_PER_POLL = 64;

    private final NetlinkSocket socket;
    private long overruns;

    private LinkEventSubscription(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static LinkEventSubscription open() throws LinuxIoException {
        return new LinkEventSubscription(NetlinkSocket.open(NetlinkStructs.RTMGRP_LINK, "link events (RTMGRP_LINK)"));
    }

    /**
     * Waits up to {@code timeoutMs} for events (0: only take what is queued), then delivers everything queued.
     *
     * @return the number of events delivered
     */
    public int poll(int timeoutMs, LinkEventListener listener) throws LinuxIoException {
        int delivered = 0;
        int wait = timeoutMs;
        for (int i = 0; i < MAX_DATAGRAMS_PER_POLL; i++) {
            int n = socket.receive(wait, "netlink link events receive", null);
            if (n == 0) {
                break;
            }
            if (n < 0) {
                overruns++;
                listener.onOverrun();
            } else {
                delivered += decode(socket.receiveBuffer(), n, listener);
            }
            wait = 0;
        }
        return delivered;
    }

    /** Times the kernel dropped events for this subscription. */
    public long overruns() {
        return overruns;
    }

    static int decode(MemorySegment buffer, int datagramLength, LinkEventListener listener) {
        int delivered = 0;
        long at = 0;
        while (true) {
            int length = NetlinkReader.messageLength(buffer, at, datagramLength);
            if (length < 0) {
                return delivered;
            }
            int type = NetlinkReader.type(buffer, at);
            if (type == NetlinkStructs.RTM_NEWLINK || type == NetlinkStructs.RTM_DELLINK) {
                listener.onLinkEvent(
                        LinkEvent.of(NetlinkReader.link(buffer, at, length), type == NetlinkStructs.RTM_DELLINK));
                delivered++;
            }
            at += NetlinkStructs.align(length);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

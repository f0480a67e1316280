package io.palisade.linux.netlink;

/**
 * A link change reported by the kernel ({@code RTM_NEWLINK}/{@code RTM_DELLINK} on {@code RTMGRP_LINK}). The kernel
 * sends one for many kinds of change, so consecutive events may carry the same state.
 *
 * @param ifindex interface index
 * @param name interface name
 * @param adminUp administratively up
 * @param operUp operationally up (see {@link LinkInfo#operUp()})
 * @param operState operational state
 * @param removed the interface was deleted
 */
public record LinkEvent(
        int ifindex, String name, boolean adminUp, boolean operUp, OperState operState, boolean removed) {
    static LinkEvent of(LinkInfo link, boolean removed) {
        return new LinkEvent(link.index(), link.name(), link.adminUp(), link.operUp(), link.operState(), removed);
    }
}

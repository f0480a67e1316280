package io.palisade.linux.netlink;

import java.net.InetAddress;

/**
 * An IP address assigned to an interface.
 *
 * @param ifindex interface index
 * @param address the local address
 * @param prefixLength network prefix length
 */
public record InterfaceAddress(int ifindex, InetAddress address, int prefixLength) {
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}

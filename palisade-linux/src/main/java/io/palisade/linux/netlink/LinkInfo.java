package io.palisade.linux.netlink;

/**
 * A snapshot of one interface as rtnetlink reports it.
 *
 * @param index interface index
 * @param name interface name
 * @param mac hardware address as lower-case {@code aa:bb:cc:dd:ee:ff}; empty when the device has none
 * @param mtu MTU in bytes
 * @param flags the {@code IFF_*} flags
 * @param operState operational state
 */
public record LinkInfo(int index, String name, String mac, int mtu, int flags, OperState operState) {
    /** Administratively up ({@code IFF_UP}, what {@code ip link set up} sets). */
    public boolean adminUp() {
        return (flags & NetlinkStructs.IFF_UP) != 0;
    }

    /** The driver signals carrier ({@code IFF_LOWER_UP}). */
    public boolean lowerUp() {
        return (flags & NetlinkStructs.IFF_LOWER_UP) != 0;
    }

    /**
     * Operationally up: state {@code UP}, or state {@code UNKNOWN} (drivers that do not report one) while
     * administratively up with carrier.
     */
    public boolean operUp() {
        return operState == OperState.UP || (operState == OperState.UNKNOWN && adminUp() && lowerUp());
    }
}

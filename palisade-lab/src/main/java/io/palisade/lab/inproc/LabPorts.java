package io.palisade.lab.inproc;

import io.palisade.common.FreePorts;

/**
 * The loopback ports of one in-process lab, all free when chosen ({@link FreePorts}: below the kernel's ephemeral
 * range, so an outgoing connection cannot take one between the choice and the bind).
 *
 * @param managementA node A's REST API (TCP 127.0.0.1)
 * @param managementB node B's REST API
 * @param ha1A node A's HA1 (TCP 127.0.0.1)
 * @param ha1B node B's HA1
 * @param ha1BackupA node A's HA1 backup (TCP 127.0.0.2)
 * @param ha1BackupB node B's HA1 backup
 * @param ha2A node A's HA2 (UDP 127.0.0.1)
 * @param ha2B node B's HA2
 * @param wireA1 node A's ethernet1/1 udp-tunnel port (client side)
 * @param wireA2 node A's ethernet1/2 udp-tunnel port (server side)
 * @param wireB1 node B's ethernet1/1
 * @param wireB2 node B's ethernet1/2
 * @param clientSide the traffic generator's client-side socket (both nodes' ethernet1/1 send here)
 * @param serverSide the generator's server-side socket (both nodes' ethernet1/2 send here)
 */
public record LabPorts(
        int managementA,
        int managementB,
        int ha1A,
        int ha1B,
        int ha1BackupA,
        int ha1BackupB,
        int ha2A,
        int ha2B,
        int wireA1,
        int wireA2,
        int wireB1,
        int wireB2,
        int clientSide,
        int serverSide) {

    /** The loopback address of everything but HA1 backup. */
    public static final String LOOPBACK = "127.0.0.1";

    /** The HA1 backup link's address: another loopback address, as a backup link is another network. */
    public static final String BACKUP_LOOPBACK = "127.0.0.2";

    /** Chooses a free set. */
    public static LabPorts choose() {
        return new LabPorts(
                FreePorts.tcp(LOOPBACK),
                FreePorts.tcp(LOOPBACK),
                FreePorts.tcp(LOOPBACK),
                FreePorts.tcp(LOOPBACK),
                FreePorts.tcp(BACKUP_LOOPBACK),
                FreePorts.tcp(BACKUP_LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK),
                FreePorts.udp(LOOPBACK));
    }
}

package io.palisade.lab.inproc;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The loopback ports of one in-process lab, all free when chosen. They are picked at random below the kernel's
 * ephemeral range (32768 and up), so an outgoing connection cannot take one between the choice and the bind.
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

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int ATTEMPTS = 2_000;

    /** Chooses a free set. */
    public static LabPorts choose() {
        Picker p = new Picker();
        return new LabPorts(
                p.tcp(LOOPBACK),
                p.tcp(LOOPBACK),
                p.tcp(LOOPBACK),
                p.tcp(LOOPBACK),
                p.tcp(BACKUP_LOOPBACK),
                p.tcp(BACKUP_LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK),
                p.udp(LOOPBACK));
    }

    /** Picks distinct random ports that bind now. */
    private static final class Picker {
        private final SplittableRandom random = new SplittableRandom();
        private final Set<Integer> taken = new HashSet<>();

        int tcp(String host) {
            return pick(host, true);
        }

        int udp(String host) {
            return pick(host, false);
        }

        private int pick(String host, boolean tcp) {
            for (int i = 0; i < ATTEMPTS; i++) {
                int port = random.nextInt(LOW, HIGH);
                if (!taken.contains(port) && free(host, port, tcp)) {
                    taken.add(port);
                    return port;
                }
            }
            throw new IllegalStateException("no free loopback port found in " + LOW + ".." + HIGH);
        }

        private static boolean free(String host, int port, boolean tcp) {
            try {
                InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(host), port);
                if (tcp) {
                    try (ServerSocket s = new ServerSocket()) {
                        s.bind(a);
                    }
                } else {
                    try (DatagramSocket s = new DatagramSocket(a)) {
                        return s.isBound();
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}

package io.palisade.common;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Local ports for labs, tests and benchmarks that must be known before the socket that uses them is opened (a
 * node's configuration names its peer's HA ports).
 *
 * <p>A port the kernel hands out for {@code bind(0)} comes from the ephemeral range (32768 and up here), the same
 * range outgoing connections draw their source ports from: between choosing such a port and binding it, any
 * {@code connect} in the JVM may take it ("Address already in use", seen in CI). These ports are picked at random
 * below that range instead, checked free by binding them, and never handed out twice by one JVM.
 */
public final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int ATTEMPTS = 2_000;
    private static final SplittableRandom RANDOM = new SplittableRandom();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {}

    /** A TCP port that binds on {@code host} now. */
    public static int tcp(String host) {
        return pick(address(host), true);
    }

    /** A TCP port that binds on {@code address} now. */
    public static int tcp(InetAddress address) {
        return pick(address, true);
    }

    /** A UDP port that binds on {@code host} now. */
    public static int udp(String host) {
        return pick(address(host), false);
    }

    /** A UDP port that binds on {@code address} now. */
    public static int udp(InetAddress address) {
        return pick(address, false);
    }

    private static synchronized int pick(InetAddress address, boolean tcp) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = RANDOM.nextInt(LOW, HIGH);
            if (!HANDED_OUT.contains(port) && bindable(new InetSocketAddress(address, port), tcp)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free " + (tcp ? "TCP" : "UDP") + " port on " + address.getHostAddress()
                + " in " + LOW + ".." + HIGH + " after " + ATTEMPTS + " tries");
    }

    private static boolean bindable(InetSocketAddress address, boolean tcp) {
        try {
            if (tcp) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(address);
                }
            } else {
                try (DatagramSocket s = new DatagramSocket(address)) {
                    return s.isBound();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
    }
}

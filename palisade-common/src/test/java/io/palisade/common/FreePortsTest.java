package io.palisade.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void portsAreBelowTheEphemeralRangeDistinctAndBindable() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int tcp = FreePorts.tcp(LOOPBACK);
            int udp = FreePorts.udp(LOOPBACK);
            assertThat(tcp).isBetween(1024, 32767);
            assertThat(udp).isBetween(1024, 32767);
            assertThat(seen.add(tcp)).as("TCP port %d handed out twice", tcp).isTrue();
            assertThat(seen.add(udp)).as("UDP port %d handed out twice", udp).isTrue();
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(LOOPBACK, tcp));
            }
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, udp))) {
                assertThat(s.getLocalPort()).isEqualTo(udp);
            }
        }
    }

    @Test
    void aPortInUseIsNeverChosen() throws Exception {
        // Occupy a good part of the range: none of the occupied ports may come back.
        Set<Integer> occupied = new HashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = 20_000; port < 26_000; port++) {
                try {
                    ServerSocket s = new ServerSocket();
                    s.bind(new InetSocketAddress(LOOPBACK, port));
                    held.add(s);
                    occupied.add(port);
                } catch (IOException taken) {
                    occupied.add(port); // in use by someone else: equally not to be chosen
                }
            }
            for (int i = 0; i < 100; i++) {
                assertThat(occupied).doesNotContain(FreePorts.tcp(LOOPBACK));
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anUnknownHostIsRefusedByName() {
        assertThatThrownBy(() -> FreePorts.tcp("no-such-host.invalid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-host.invalid");
    }
}

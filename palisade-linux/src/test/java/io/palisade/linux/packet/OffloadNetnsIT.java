package io.palisade.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GRO/GSO detection and the FFM ethtool helper: a kernel TCP transfer from x to y over veth x0/y0 is watched by an
 * AF_PACKET socket on y0, first with the veth defaults (TSO/GSO and TX checksum offload on), then with them off.
 */
@RequiresNetns
class OffloadNetnsIT {
    static final String IP_X = "198.18.2.1";
    static final String IP_Y = "198.18.2.2";
    static final int TRANSFER_BYTES = 256 * 1024;

    static NetnsLab lab;
    static Namespace x;
    static Namespace y;

    @BeforeAll
    static void topology() {
        lab = NetnsLab.create();
        x = lab.namespace("x");
        y = lab.namespace("y");
        lab.veth(x, "x0", y, "y0");
        lab.addAddress(x, "x0", IP_X + "/24");
        lab.addAddress(y, "y0", IP_Y + "/24");
        lab.up(x, "x0");
        lab.up(y, "y0");
    }

    @AfterAll
    static void cleanup() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void oversizeFramesAndPartialChecksumsAreReportedUntilOffloadsAreSwitchedOff() throws Exception {
        boolean tsoBefore = NetNamespace.call(x.name(), () -> {
            try (Ethtool ethtool = Ethtool.open()) {
                return ethtool.get("x0", Offload.TSO) && ethtool.get("x0", Offload.TX_CHECKSUM);
            }
        });
        assertThat(tsoBefore)
                .as("veth starts with TSO and TX checksum offload on")
                .isTrue();

        AfPacketSocket withOffloads = transferWatchedOnY(7001);
        assertThat(withOffloads.counters().get(AfPacketCounter.RX_OVERSIZE)).isPositive();
        assertThat(withOffloads.counters().get(AfPacketCounter.RX_CSUM_NOT_READY))
                .isPositive();
        withOffloads.close();

        NetNamespace.call(x.name(), () -> {
            Ethtool.disableOffloadsOn("x0");
            return null;
        });
        NetNamespace.call(y.name(), () -> {
            Ethtool.disableOffloadsOn("y0");
            return null;
        });
        boolean anyOn = NetNamespace.call(x.name(), () -> {
            try (Ethtool ethtool = Ethtool.open()) {
                boolean on = false;
                for (Offload offload : Ethtool.FORWARDING_OFFLOADS) {
                    on |= ethtool.get("x0", offload);
                }
                return on;
            }
        });
        assertThat(anyOn).isFalse();

        try (AfPacketSocket withoutOffloads = transferWatchedOnY(7002)) {
            assertThat(withoutOffloads.counters().get(AfPacketCounter.RX_FRAMES))
                    .isGreaterThan(TRANSFER_BYTES / 1500);
            assertThat(withoutOffloads.counters().get(AfPacketCounter.RX_OVERSIZE))
                    .isZero();
            assertThat(withoutOffloads.counters().get(AfPacketCounter.RX_CSUM_NOT_READY))
                    .isZero();
        }
    }

    @Test
    void ethtoolFailuresNameTheCommandAndTheInterface() {
        assertThatThrownBy(() -> NetNamespace.call(x.name(), () -> {
                    try (Ethtool ethtool = Ethtool.open()) {
                        return ethtool.get("nosuch0", Offload.GRO);
                    }
                }))
                .isInstanceOf(LinuxIoException.class)
                .hasMessage("ethtool ETHTOOL_GGRO on nosuch0 failed: ENODEV (No such device)");
    }

    /** Sends TRANSFER_BYTES over TCP x to y while an AF_PACKET socket on y0 counts what it sees; returns it open. */
    static AfPacketSocket transferWatchedOnY(int port) throws Exception {
        AfPacketOptions options = AfPacketOptions.defaults().withRing(new RingGeometry(1 << 20, 8, 2048, 4));
        AfPacketSocket socket = NetNamespace.call(y.name(), () -> AfPacketSocket.open("y0", options));
        try (ServerSocketChannel server = NetNamespace.call(y.name(), () -> {
                    ServerSocketChannel channel = ServerSocketChannel.open();
                    channel.bind(new InetSocketAddress(IP_Y, port));
                    return channel;
                });
                SocketChannel client = NetNamespace.call(x.name(), SocketChannel::open)) {
            client.connect(new InetSocketAddress(IP_Y, port));
            try (SocketChannel accepted = server.accept()) {
                Thread writer = Thread.ofPlatform().start(() -> {
                    try {
                        client.write(ByteBuffer.allocate(TRANSFER_BYTES));
                        client.shutdownOutput();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
                long read = 0;
                while (read < TRANSFER_BYTES) {
                    sink.clear();
                    int n = accepted.read(sink);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                writer.join(5000);
                assertThat(read).isEqualTo(TRANSFER_BYTES);
            }
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline && socket.poll(50)) {
            socket.receive(frame -> {}, 4096);
        }
        return socket;
    }
}

package io.palisade.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.linux.sys.Errno;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AF_PACKET receive and batched transmit over a veth pair between namespaces a (a0) and b (b0). */
@RequiresNetns
class AfPacketNetnsIT {
    static final String MAC_A = "02:00:00:00:00:0a";
    static final String MAC_B = "02:00:00:00:00:0b";
    static final String IP_A = "198.18.0.1";
    static final String IP_B = "198.18.0.2";
    static final long DEADLINE_NS = 5_000_000_000L;

    static NetnsLab lab;
    static Namespace a;
    static Namespace b;

    @BeforeAll
    static void topology() throws Exception {
        lab = NetnsLab.create();
        a = lab.namespace("a");
        b = lab.namespace("b");
        lab.veth(a, "a0", b, "b0");
        lab.ip("-n", a.name(), "link", "set", "a0", "address", MAC_A);
        lab.ip("-n", b.name(), "link", "set", "b0", "address", MAC_B);
        lab.addAddress(a, "a0", IP_A + "/24");
        lab.addAddress(b, "b0", IP_B + "/24");
        lab.up(a, "a0");
        lab.up(b, "b0");
        NetNamespace.call(a.name(), () -> {
            Ethtool.disableOffloadsOn("a0");
            return null;
        });
        NetNamespace.call(b.name(), () -> {
            Ethtool.disableOffloadsOn("b0");
            return null;
        });
    }

    @AfterAll
    static void cleanup() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void receivesFramesSentByTheKernelThroughTheRing() throws Exception {
        try (AfPacketSocket socket =
                        NetNamespace.call(b.name(), () -> AfPacketSocket.open("b0", AfPacketOptions.defaults()));
                DatagramChannel sender = NetNamespace.call(a.name(), DatagramChannel::open)) {
            for (int i = 0; i < 20; i++) {
                sender.send(ByteBuffer.wrap(("datagram " + i).getBytes()), new InetSocketAddress(IP_B, 4000 + i));
            }
            List<Integer> ports = new ArrayList<>();
            List<Integer> packetTypes = new ArrayList<>();
            long[] firstTimestamp = {0};
            byte[] copy = new byte[2048];
            receiveUntil(socket, () -> ports.size() >= 20, frame -> {
                int n = frame.copyTo(copy);
                int port = TestFrames.udpDestinationPort(copy, n);
                if (port >= 4000) {
                    ports.add(port);
                    packetTypes.add(frame.packetType());
                    firstTimestamp[0] = firstTimestamp[0] == 0 ? frame.timestampNs() : firstTimestamp[0];
                    assertThat(frame.length()).isEqualTo(frame.wireLength()).isEqualTo(n);
                    assertThat(frame.oversize()).isFalse();
                }
            });
            assertThat(ports).containsExactlyElementsOf(range(4000, 20));
            assertThat(packetTypes).containsOnly(RxFrame.PACKET_HOST);
            assertThat(firstTimestamp[0]).isGreaterThan(1_600_000_000L * 1_000_000_000L);
            assertThat(socket.counters().get(AfPacketCounter.RX_FRAMES)).isGreaterThanOrEqualTo(20);
            assertThat(socket.statistics().packets()).isGreaterThanOrEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(TxMode.class)
    void transmitsABatchWithOneKickAndTheLinuxHostReceivesIt(TxMode mode) throws Exception {
        AfPacketOptions options = AfPacketOptions.defaults().withTx(mode, 32, 2048);
        try (AfPacketSocket socket = NetNamespace.call(a.name(), () -> AfPacketSocket.open("a0", options));
                DatagramChannel receiver = NetNamespace.call(b.name(), () -> {
                    DatagramChannel channel = DatagramChannel.open();
                    channel.bind(new InetSocketAddress(IP_B, 5000));
                    channel.configureBlocking(false);
                    return channel;
                })) {
            FrameTransmitter tx = socket.transmitter();
            for (int i = 0; i < 16; i++) {
                byte[] frame = TestFrames.udp(
                        TestFrames.mac(MAC_B),
                        TestFrames.mac(MAC_A),
                        TestFrames.ipv4(IP_A),
                        TestFrames.ipv4(IP_B),
                        6000 + i,
                        5000,
                        ("frame " + i).getBytes());
                assertThat(tx.add(MemorySegment.ofArray(frame), 0, frame.length))
                        .isTrue();
            }
            assertThat(tx.pending()).isEqualTo(16);
            assertThat(tx.flush()).isEqualTo(16);
            assertThat(socket.counters().get(AfPacketCounter.TX_BATCHES)).isEqualTo(1);

            List<String> received = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            long deadline = System.nanoTime() + DEADLINE_NS;
            while (received.size() < 16 && System.nanoTime() < deadline) {
                buffer.clear();
                if (receiver.receive(buffer) == null) {
                    Thread.sleep(5);
                    continue;
                }
                received.add(new String(buffer.array(), 0, buffer.position()));
            }
            assertThat(received).hasSize(16).contains("frame 0", "frame 15");
        }
    }

    @Test
    void refusesFramesWhenTheBatchIsFullAndCountsIt() throws Exception {
        AfPacketOptions options = AfPacketOptions.defaults().withTx(TxMode.SENDMMSG, 2, 128);
        try (AfPacketSocket socket = NetNamespace.call(a.name(), () -> AfPacketSocket.open("a0", options))) {
            FrameTransmitter tx = socket.transmitter();
            MemorySegment frame = MemorySegment.ofArray(new byte[100]);
            assertThat(tx.add(frame, 0, 100)).isTrue();
            assertThat(tx.add(frame, 0, 100)).isTrue();
            assertThat(tx.add(frame, 0, 100)).isFalse();
            assertThat(tx.add(MemorySegment.ofArray(new byte[200]), 0, 200)).isFalse();
            assertThat(socket.counters().get(AfPacketCounter.TX_BATCH_FULL_DROP))
                    .isEqualTo(1);
            assertThat(socket.counters().get(AfPacketCounter.TX_TOO_LONG_DROP)).isEqualTo(1);
        }
    }

    @Test
    void idlePollBlocksForItsTimeoutAndReportsNothing() throws Exception {
        // A pair of its own with IPv6 off, so no router solicitations or MLD reports arrive during the test.
        lab.veth(a, "e0", b, "f0");
        lab.exec(a, Duration.ofSeconds(5), "sysctl", "-qw", "net.ipv6.conf.e0.disable_ipv6=1")
                .orThrow();
        lab.exec(b, Duration.ofSeconds(5), "sysctl", "-qw", "net.ipv6.conf.f0.disable_ipv6=1")
                .orThrow();
        lab.up(a, "e0");
        lab.up(b, "f0");
        try (AfPacketSocket socket = NetNamespace.call(
                b.name(),
                () -> AfPacketSocket.open("f0", AfPacketOptions.defaults().withPromiscuous(false)))) {
            assertThat(socket.poll(50)).isFalse();
            assertThat(socket.receive(frame -> {}, 10)).isZero();
            assertThat(socket.mtu()).isEqualTo(1500);
            assertThat(socket.maxFrameLength()).isEqualTo(1518);
        } finally {
            lab.ip("-n", a.name(), "link", "del", "e0");
        }
    }

    @Test
    void bindingToAMissingInterfaceNamesTheInterfaceAndTheErrno() {
        assertThatThrownBy(() ->
                        NetNamespace.call(a.name(), () -> AfPacketSocket.open("veth-a9", AfPacketOptions.defaults())))
                .isInstanceOf(LinuxIoException.class)
                .hasMessage("AF_PACKET bind on veth-a9 failed: ENODEV (No such device)");
    }

    @Test
    void aLinkFlapIsReportedOnceAndReceivingResumesAfterIt() throws Exception {
        lab.veth(a, "c0", b, "d0");
        lab.ip("-n", b.name(), "link", "set", "d0", "address", MAC_B);
        lab.exec(a, Duration.ofSeconds(5), "sysctl", "-qw", "net.ipv6.conf.c0.disable_ipv6=1")
                .orThrow();
        lab.exec(b, Duration.ofSeconds(5), "sysctl", "-qw", "net.ipv6.conf.d0.disable_ipv6=1")
                .orThrow();
        lab.up(a, "c0");
        lab.up(b, "d0");
        try (AfPacketSocket rx =
                        NetNamespace.call(b.name(), () -> AfPacketSocket.open("d0", AfPacketOptions.defaults()));
                AfPacketSocket tx =
                        NetNamespace.call(a.name(), () -> AfPacketSocket.open("c0", AfPacketOptions.defaults()))) {
            lab.down(b, "d0");
            // Frames already queued are delivered first; the error shows once the ring is empty.
            long errorDeadline = System.nanoTime() + DEADLINE_NS;
            while (rx.lastSocketErrno() == 0 && System.nanoTime() < errorDeadline) {
                rx.receive(f -> {}, 1024);
                rx.poll(100);
            }
            assertThat(rx.lastSocketErrno()).isEqualTo(Errno.ENETDOWN);
            assertThat(rx.counters().get(AfPacketCounter.RX_SOCKET_ERROR)).isEqualTo(1);
            assertThat(rx.poll(50))
                    .as("the error was cleared, poll blocks again")
                    .isFalse();
            assertThat(rx.counters().get(AfPacketCounter.RX_SOCKET_ERROR)).isEqualTo(1);

            lab.down(a, "c0");
            byte[] frame = TestFrames.udp(
                    TestFrames.mac(MAC_B),
                    TestFrames.mac(MAC_A),
                    TestFrames.ipv4(IP_A),
                    TestFrames.ipv4(IP_B),
                    1,
                    2,
                    new byte[8]);
            tx.transmitter().add(MemorySegment.ofArray(frame), 0, frame.length);
            assertThat(tx.transmitter().flush()).isZero();
            assertThat(tx.counters().get(AfPacketCounter.TX_ERROR_DROP)).isEqualTo(1);
            assertThat(tx.transmitter().lastErrno()).isIn(Errno.ENETDOWN, Errno.ENXIO);

            lab.up(a, "c0");
            lab.up(b, "d0");
            int[] seen = {0};
            long deadline = System.nanoTime() + DEADLINE_NS;
            while (seen[0] == 0 && System.nanoTime() < deadline) {
                tx.transmitter().add(MemorySegment.ofArray(frame), 0, frame.length);
                tx.transmitter().flush();
                if (rx.poll(50)) {
                    rx.receive(f -> seen[0] += f.length() == frame.length ? 1 : 0, 64);
                }
            }
            assertThat(seen[0]).as("frames arrive again after the flap").isPositive();
        } finally {
            lab.ip("-n", a.name(), "link", "del", "c0");
        }
    }

    static void receiveUntil(AfPacketSocket socket, java.util.function.BooleanSupplier done, FrameHandler handler)
            throws LinuxIoException {
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            if (socket.receive(handler, 64) == 0) {
                socket.poll(20);
            }
        }
    }

    static List<Integer> range(int from, int count) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(from + i);
        }
        return values;
    }
}

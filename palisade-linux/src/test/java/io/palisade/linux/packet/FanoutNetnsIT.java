package io.palisade.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PACKET_FANOUT with two member sockets on b0; frames are sent by an AF_PACKET socket on a0. */
@RequiresNetns
class FanoutNetnsIT {
    static final String MAC_A = "02:00:00:00:01:0a";
    static final String MAC_B = "02:00:00:00:01:0b";
    static final String IP_A = "198.18.1.1";
    static final String IP_B = "198.18.1.2";
    static final int FLOWS = 32;
    static final int PACKETS_PER_FLOW = 4;

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
        lab.up(a, "a0");
        lab.up(b, "b0");
    }

    @AfterAll
    static void cleanup() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void hashFanoutDeliversEachFlowToOneMemberConsistently() throws Exception {
        AfPacketOptions options = AfPacketOptions.defaults().withFanout(Fanout.hash(11));
        try (AfPacketSocket first = openOnB(options);
                AfPacketSocket second = openOnB(options);
                AfPacketSocket sender =
                        NetNamespace.call(a.name(), () -> AfPacketSocket.open("a0", AfPacketOptions.defaults()))) {
            sendFlows(sender, 9000, true);
            Map<Integer, Set<Integer>> membersBySourcePort = new HashMap<>();
            Map<Integer, Integer> packetsBySourcePort = new HashMap<>();
            collect(first, second, (member, srcPort, dstPort) -> {
                membersBySourcePort
                        .computeIfAbsent(srcPort, p -> new HashSet<>())
                        .add(member);
                packetsBySourcePort.merge(srcPort, 1, Integer::sum);
            });
            assertThat(packetsBySourcePort).hasSize(FLOWS);
            assertThat(packetsBySourcePort.values())
                    .as("packets per source port: %s", packetsBySourcePort)
                    .containsOnly(PACKETS_PER_FLOW);
            assertThat(membersBySourcePort.values())
                    .allSatisfy(members -> assertThat(members).hasSize(1));
            Set<Integer> membersUsed = new HashSet<>();
            membersBySourcePort.values().forEach(membersUsed::addAll);
            assertThat(membersUsed).as("32 flows over 2 members use both").containsExactlyInAnyOrder(0, 1);
        }
    }

    @Test
    void cbpfFanoutSendsEachFrameToTheMemberItsProgramReturns() throws Exception {
        Fanout fanout = Fanout.cbpf(12, BpfProgram.field16(TestFrames.UDP_DST_PORT_OFFSET - TestFrames.ETH_HEADER, 1));
        AfPacketOptions options = AfPacketOptions.defaults().withFanout(fanout);
        try (AfPacketSocket even = openOnB(options);
                AfPacketSocket odd = openOnB(options);
                AfPacketSocket sender =
                        NetNamespace.call(a.name(), () -> AfPacketSocket.open("a0", AfPacketOptions.defaults()))) {
            sendFlows(sender, 9100, false);
            Map<Integer, Set<Integer>> membersByParity = new HashMap<>();
            int[] total = {0};
            collect(even, odd, (member, srcPort, dstPort) -> {
                membersByParity
                        .computeIfAbsent(dstPort & 1, p -> new HashSet<>())
                        .add(member);
                total[0]++;
            });
            assertThat(total[0]).isEqualTo(FLOWS * PACKETS_PER_FLOW);
            assertThat(membersByParity).containsEntry(0, Set.of(0)).containsEntry(1, Set.of(1));
        }
    }

    @Test
    void joiningAGroupWithAnotherModeIsRefusedWithTheGroupNamed() throws Exception {
        try (AfPacketSocket member = openOnB(AfPacketOptions.defaults().withFanout(Fanout.hash(13)))) {
            assertThat(member.interfaceName()).isEqualTo("b0");
            Fanout roundRobin = new Fanout(13, FanoutMode.LOAD_BALANCE, false, false, null);
            assertThatThrownBy(() -> openOnB(AfPacketOptions.defaults().withFanout(roundRobin)))
                    .isInstanceOf(LinuxIoException.class)
                    .hasMessage("AF_PACKET PACKET_FANOUT (group 13, LOAD_BALANCE) on b0 failed: "
                            + "EINVAL (Invalid argument)");
        }
    }

    static AfPacketSocket openOnB(AfPacketOptions options) throws Exception {
        return NetNamespace.call(b.name(), () -> AfPacketSocket.open("b0", options));
    }

    /** FLOWS flows of PACKETS_PER_FLOW frames; flow i has source port 7000+i and destination port base(+i). */
    static void sendFlows(AfPacketSocket sender, int dstPortBase, boolean sameDestination) throws LinuxIoException {
        FrameTransmitter tx = sender.transmitter();
        for (int round = 0; round < PACKETS_PER_FLOW; round++) {
            for (int flow = 0; flow < FLOWS; flow++) {
                byte[] frame = TestFrames.udp(
                        TestFrames.mac(MAC_B),
                        TestFrames.mac(MAC_A),
                        TestFrames.ipv4(IP_A),
                        TestFrames.ipv4(IP_B),
                        7000 + flow,
                        sameDestination ? dstPortBase : dstPortBase + flow,
                        new byte[] {(byte) round});
                assertThat(tx.add(MemorySegment.ofArray(frame), 0, frame.length))
                        .isTrue();
            }
            assertThat(tx.flush()).isEqualTo(FLOWS);
        }
    }

    interface Observation {
        void seen(int member, int srcPort, int dstPort);
    }

    static void collect(AfPacketSocket first, AfPacketSocket second, Observation observation) throws Exception {
        AfPacketSocket[] members = {first, second};
        byte[] copy = new byte[2048];
        int[] seen = {0};
        // generous: ends as soon as every frame is in; a starved two-core machine can take seconds
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (seen[0] < FLOWS * PACKETS_PER_FLOW && System.nanoTime() < deadline) {
            int work = 0;
            for (int m = 0; m < members.length; m++) {
                int member = m;
                work += members[m].receive(
                        frame -> {
                            int n = frame.copyTo(copy);
                            int srcPort = TestFrames.udpSourcePort(copy, n);
                            if (srcPort >= 7000 && srcPort < 7000 + FLOWS) {
                                seen[0]++;
                                observation.seen(member, srcPort, TestFrames.udpDestinationPort(copy, n));
                            }
                        },
                        256);
            }
            if (work == 0) {
                first.poll(5);
            }
        }
    }
}

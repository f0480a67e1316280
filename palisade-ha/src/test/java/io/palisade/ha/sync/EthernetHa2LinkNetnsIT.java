package io.palisade.ha.sync;

import static io.palisade.ha.sync.Ha2Node.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HA2 over raw Ethernet frames (EtherType 0x7261) on a veth pair between namespaces a (a0) and b (b0). */
@RequiresNetns
class EthernetHa2LinkNetnsIT {
    static final String MAC_A = "02:00:00:00:00:0a";
    static final String MAC_B = "02:00:00:00:00:0b";
    static final String MAC_OTHER = "02:00:00:00:00:0c";

    static NetnsLab lab;
    static Namespace a;
    static Namespace b;

    @BeforeAll
    static void topology() {
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

    private static Ha2Link link(Namespace ns, String ifname, String peerMac) throws Exception {
        return NetNamespace.call(
                ns.name(),
                () -> EthernetHa2Link.open(
                        Ha2Link.PRIMARY, ifname, EthernetHa2Link.parseMac(peerMac), Ha2Options.DEFAULT_MTU));
    }

    @Test
    void sessionsReplicateOverEthernetFramesWithBulkSyncAndDeletes() throws Exception {
        try (Ha2Node nodeA = Ha2Node.start("A", Ha2Node.FAST, Ha2Pair.authA(), List.of(link(a, "a0", MAC_B)), 2)) {
            nodeA.insert(0, 2000);
            await("A holds its sessions", () -> nodeA.sessions() == 2000);
            try (Ha2Node nodeB = Ha2Node.start("B", Ha2Node.FAST, Ha2Pair.authB(), List.of(link(b, "b0", MAC_A)), 2)) {
                await("B's bulk sync over Ethernet completes", nodeB.sync::bulkSyncComplete);
                assertThat(nodeB.sessions()).isEqualTo(2000);
                assertThat(IntStream.range(0, 2000).allMatch(nodeB::has)).isTrue();

                nodeA.insert(2000, 3000);
                await("B holds the new sessions too", () -> nodeB.sessions() == 3000);
                for (int i = 0; i < 500; i++) {
                    nodeA.delete(i);
                }
                await("B drops the deleted ones", () -> nodeB.sessions() == 2500);

                Ha2SyncStatus status = nodeB.sync.status();
                assertThat(status.transport()).isEqualTo("ethernet");
                assertThat(status.linkStatus()).isEqualTo("up");
                assertThat(status.framesLost()).isZero();
                EthernetHa2Link linkA = (EthernetHa2Link) nodeA.sync.link(Ha2Link.PRIMARY);
                assertThat(linkA.ownMac()).isEqualTo(EthernetHa2Link.parseMac(MAC_A));
                assertThat(linkA.maxFrameBytes()).isEqualTo(1500);
                assertThat(linkA.counters().get(Ha2Counter.LINK_SEND_ERROR)).isZero();
            }
        }
    }

    @Test
    void framesFromAnotherMacThanThePinnedPeerAreRefused() throws Exception {
        try (Ha2Node nodeA = Ha2Node.start("A", Ha2Node.FAST, Ha2Pair.authA(), List.of(link(a, "a0", MAC_B)), 1);
                Ha2Node nodeB =
                        Ha2Node.start("B", Ha2Node.FAST, Ha2Pair.authB(), List.of(link(b, "b0", MAC_OTHER)), 1)) {
            nodeA.insert(0, 100);
            await(
                    "B refuses A's frames by source MAC",
                    () -> nodeB.sync.link(Ha2Link.PRIMARY).counters().get(Ha2Counter.PEER_ADDRESS_REFUSED) >= 3);
            assertThat(nodeB.sync.receiver().contacted()).isFalse();
            assertThat(nodeB.sessions()).isZero();
            // B sends to the MAC it was given, which is not A's: A ignores those frames.
            await(
                    "A ignores frames addressed to another MAC",
                    () -> nodeA.sync.link(Ha2Link.PRIMARY).counters().get(Ha2Counter.NOT_HA2) >= 3);
            assertThat(nodeA.sync.receiver().contacted()).isFalse();
        }
    }
}

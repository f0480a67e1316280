package io.palisade.linux.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ICMP echo from namespace p (p0) to the Linux host in namespace q (q0). */
@RequiresNetns
class IcmpEchoNetnsIT {
    static NetnsLab lab;
    static Namespace p;
    static Namespace q;
    static InetAddress p4;
    static InetAddress q4;
    static InetAddress p6;
    static InetAddress q6;

    @BeforeAll
    static void topology() throws Exception {
        lab = NetnsLab.create();
        p = lab.namespace("p");
        q = lab.namespace("q");
        lab.veth(p, "p0", q, "q0");
        lab.addAddress(p, "p0", "198.18.4.1/24");
        lab.addAddress(q, "q0", "198.18.4.2/24");
        lab.addAddress(p, "p0", "2001:db8:4::1/64");
        lab.addAddress(q, "q0", "2001:db8:4::2/64");
        lab.up(p, "p0");
        lab.up(q, "q0");
        p4 = InetAddress.getByName("198.18.4.1");
        q4 = InetAddress.getByName("198.18.4.2");
        p6 = InetAddress.getByName("2001:db8:4::1");
        q6 = InetAddress.getByName("2001:db8:4::2");
    }

    @AfterAll
    static void cleanup() {
        if (lab != null) {
            lab.close();
        }
    }

    record Reply(InetAddress target, int sequence, long rttNs) {}

    @Test
    void ipv4EchoToAReachableHostGetsMatchedRepliesWithRtt() throws Exception {
        try (IcmpEchoSocket socket = NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(p4, 0x1234))) {
            List<Reply> replies = exchange(socket, q4, 3);
            assertThat(replies).extracting(Reply::sequence).containsExactly(1, 2, 3);
            assertThat(replies).allSatisfy(r -> {
                assertThat(r.target()).isEqualTo(q4);
                assertThat(r.rttNs()).isPositive();
            });
            assertThat(socket.counters().get(IcmpCounter.REPLY_MATCHED)).isEqualTo(3);
        }
    }

    @Test
    void ipv6EchoToAReachableHostGetsMatchedRepliesWithRtt() throws Exception {
        try (IcmpEchoSocket socket = NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(p6, 0x2345))) {
            List<Reply> replies = exchange(socket, q6, 3);
            assertThat(replies).extracting(Reply::sequence).containsExactly(1, 2, 3);
            assertThat(replies).allSatisfy(r -> assertThat(r.rttNs()).isPositive());
        }
    }

    @Test
    void echoToAnUnreachableAddressGetsNoReplyAndExpires() throws Exception {
        InetAddress silent = InetAddress.getByName("198.18.4.99");
        try (IcmpEchoSocket socket = NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(p4, 0x3456))) {
            List<Reply> replies = new ArrayList<>();
            assertThat(socket.send(silent, 7, System.nanoTime())).isTrue();
            long deadline = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < deadline) {
                socket.poll(100);
                socket.receive(System.nanoTime(), (t, s, rtt) -> replies.add(new Reply(t, s, rtt)));
            }
            assertThat(replies).isEmpty();
            List<Integer> timedOut = new ArrayList<>();
            int expired = socket.expire(System.nanoTime(), 1_000_000_000L, new EchoListener() {
                @Override
                public void onReply(InetAddress target, int sequence, long rttNs) {}

                @Override
                public void onTimeout(InetAddress target, int sequence) {
                    timedOut.add(sequence);
                }
            });
            assertThat(expired).isEqualTo(1);
            assertThat(timedOut).containsExactly(7);
            assertThat(socket.counters().get(IcmpCounter.ECHO_EXPIRED)).isEqualTo(1);
        }
    }

    @Test
    void echoWithoutARouteIsRefusedAtOnce() throws Exception {
        try (IcmpEchoSocket socket = NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(p4, 0x4567))) {
            assertThat(socket.send(InetAddress.getByName("198.19.200.1"), 1, System.nanoTime()))
                    .isFalse();
            assertThat(socket.counters().get(IcmpCounter.ECHO_SEND_UNREACHABLE)).isEqualTo(1);
        }
    }

    @Test
    void twoMonitorsInOneNamespaceEachMatchOnlyTheirOwnReplies() throws Exception {
        try (IcmpEchoSocket first = NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(p4, 0x0101));
                IcmpEchoSocket second = NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(p4, 0x0202))) {
            List<Reply> replies = exchange(first, q4, 2);
            assertThat(replies).hasSize(2);
            second.poll(200);
            List<Reply> stolen = new ArrayList<>();
            assertThat(second.receive(System.nanoTime(), (t, s, rtt) -> stolen.add(new Reply(t, s, rtt))))
                    .isZero();
            assertThat(stolen).isEmpty();
            assertThat(second.counters().get(IcmpCounter.REPLY_FOREIGN)).isEqualTo(2);
        }
    }

    @Test
    void aSourceAddressNotOnTheHostIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        NetNamespace.call(p.name(), () -> IcmpEchoSocket.open(InetAddress.getByName("198.18.9.9"), 1)))
                .isInstanceOf(LinuxIoException.class)
                .hasMessage(
                        "ICMP bind to source on 198.18.9.9 failed: EADDRNOTAVAIL (Cannot assign requested address)");
    }

    /** Sends sequences 1..count, one at a time, each followed by waiting for its reply (bounded). */
    static List<Reply> exchange(IcmpEchoSocket socket, InetAddress target, int count) throws LinuxIoException {
        List<Reply> replies = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            assertThat(socket.send(target, seq, System.nanoTime())).isTrue();
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (replies.size() < seq && System.nanoTime() < deadline) {
                if (socket.poll(100)) {
                    socket.receive(System.nanoTime(), (t, s, rtt) -> replies.add(new Reply(t, s, rtt)));
                }
            }
        }
        return replies;
    }
}

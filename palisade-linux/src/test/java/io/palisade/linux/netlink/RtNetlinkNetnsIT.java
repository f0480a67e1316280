package io.palisade.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.linux.netns.NetNamespace;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rtnetlink reads, changes and link events on veth v0 (namespace n) whose peer w0 is in namespace m. */
@RequiresNetns
class RtNetlinkNetnsIT {
    NetnsLab lab;
    Namespace n;
    Namespace m;
    RtNetlink rtnl;

    @BeforeEach
    void topology() throws Exception {
        lab = NetnsLab.create();
        n = lab.namespace("n");
        m = lab.namespace("m");
        lab.veth(n, "v0", m, "w0");
        rtnl = NetNamespace.call(n.name(), RtNetlink::open);
    }

    @AfterEach
    void cleanup() {
        if (rtnl != null) {
            rtnl.close();
        }
        lab.close();
    }

    @Test
    void readsIndexMacMtuFlagsAndOperstateByName() throws Exception {
        LinkInfo link = rtnl.link("v0");
        String shown = ipLink("v0");
        assertThat(shown).startsWith(link.index() + ": v0@");
        assertThat(shown).contains("link/ether " + link.mac());
        assertThat(link.mtu()).isEqualTo(1500);
        assertThat(link.adminUp()).isFalse();
        assertThat(link.operUp()).isFalse();
        assertThat(link.operState()).isEqualTo(OperState.DOWN);
        assertThat(rtnl.links()).extracting(LinkInfo::name).contains("lo", "v0").doesNotContain("w0");
    }

    @Test
    void missingLinksAreReportedWithTheirName() {
        assertThatThrownBy(() -> rtnl.link("nosuch0"))
                .isInstanceOf(LinuxIoException.class)
                .hasMessageStartingWith("netlink RTM_GETLINK on nosuch0 failed: ENODEV (No such device)");
    }

    @Test
    void linkUpAndDownAreSeenByAnEventSubscriber() throws Exception {
        try (LinkEventSubscription events = NetNamespace.call(n.name(), LinkEventSubscription::open)) {
            rtnl.setLinkUp("v0", true);
            LinkEvent adminUp = awaitEvent(events, e -> e.name().equals("v0") && e.adminUp());
            assertThat(adminUp.operUp()).as("peer w0 is still down").isFalse();
            assertThat(adminUp.ifindex()).isEqualTo(rtnl.link("v0").index());

            lab.up(m, "w0");
            LinkEvent operUp = awaitEvent(events, e -> e.name().equals("v0") && e.operUp());
            assertThat(operUp.operState()).isEqualTo(OperState.UP);
            assertThat(rtnl.link("v0").operUp()).isTrue();

            rtnl.setLinkUp("v0", false);
            LinkEvent down = awaitEvent(events, e -> e.name().equals("v0") && !e.adminUp());
            assertThat(down.operUp()).isFalse();
            assertThat(ipLink("v0")).contains("state DOWN");

            lab.ip("-n", n.name(), "link", "del", "v0");
            LinkEvent removed = awaitEvent(events, e -> e.name().equals("v0") && e.removed());
            assertThat(removed.ifindex()).isEqualTo(adminUp.ifindex());
        }
    }

    @Test
    void anIdleSubscriptionWaitsForItsTimeoutAndDeliversNothing() throws Exception {
        try (LinkEventSubscription events = NetNamespace.call(n.name(), LinkEventSubscription::open)) {
            List<LinkEvent> seen = new ArrayList<>();
            assertThat(events.poll(50, seen::add)).isZero();
            assertThat(seen).isEmpty();
            assertThat(events.overruns()).isZero();
        }
    }

    @Test
    void macAndMtuChangesTakeEffect() throws Exception {
        rtnl.setMacAddress("v0", "02:aa:bb:cc:dd:01");
        rtnl.setMtu("v0", 1400);
        assertThat(ipLink("v0")).contains("link/ether 02:aa:bb:cc:dd:01").contains("mtu 1400");
        assertThat(rtnl.link("v0").mac()).isEqualTo("02:aa:bb:cc:dd:01");
        assertThat(rtnl.link("v0").mtu()).isEqualTo(1400);
    }

    @Test
    void ipv4AndIpv6AddressesAreAddedAndRemoved() throws Exception {
        InetAddress v4 = InetAddress.getByName("198.18.3.1");
        InetAddress v6 = InetAddress.getByName("2001:db8:3::1");
        rtnl.addAddress("v0", v4, 24);
        rtnl.addAddress("v0", v6, 64);
        String shown = lab.exec(n, Duration.ofSeconds(5), "ip", "addr", "show", "v0")
                .orThrow()
                .stdout();
        assertThat(shown).contains("inet 198.18.3.1/24").contains("inet6 2001:db8:3::1/64");
        assertThat(rtnl.addresses("v0"))
                .extracting(InterfaceAddress::toString)
                .contains("198.18.3.1/24", "2001:db8:3:0:0:0:0:1/64");

        assertThatThrownBy(() -> rtnl.addAddress("v0", v4, 24))
                .isInstanceOf(LinuxIoException.class)
                .hasMessageStartingWith("netlink RTM_NEWADDR (198.18.3.1/24) on v0 failed: EEXIST (File exists)");

        rtnl.removeAddress("v0", v4, 24);
        rtnl.removeAddress("v0", v6, 64);
        String after = lab.exec(n, Duration.ofSeconds(5), "ip", "addr", "show", "v0")
                .orThrow()
                .stdout();
        assertThat(after).doesNotContain("198.18.3.1").doesNotContain("2001:db8:3::1");
        assertThat(rtnl.addresses("v0"))
                .extracting(a -> a.address().getHostAddress())
                .doesNotContain("198.18.3.1");
    }

    @Test
    void kernelRefusalsCarryTheKernelsOwnExplanation() {
        assertThatThrownBy(() -> rtnl.setMtu("v0", 1_000_000))
                .isInstanceOf(LinuxIoException.class)
                .hasMessageStartingWith("netlink RTM_NEWLINK (mtu 1000000) on v0 failed: EINVAL (Invalid argument); ")
                .hasMessageContaining("mtu");
    }

    private String ipLink(String name) {
        return lab.exec(n, Duration.ofSeconds(5), "ip", "-o", "link", "show", name)
                .orThrow()
                .stdout();
    }

    private static LinkEvent awaitEvent(LinkEventSubscription events, Predicate<LinkEvent> wanted)
            throws LinuxIoException {
        List<LinkEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            int before = seen.size();
            events.poll(100, seen::add);
            for (LinkEvent event : seen.subList(before, seen.size())) {
                if (wanted.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no matching link event within 5 s; saw " + seen);
    }
}

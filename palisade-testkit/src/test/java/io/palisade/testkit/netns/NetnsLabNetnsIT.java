package io.palisade.testkit.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

@RequiresNetns
class NetnsLabNetnsIT {
    @Test
    void buildsATopologyAndRemovesEverythingOnClose() {
        NetnsLab lab = NetnsLab.create();
        String prefix = lab.prefix();
        try (lab) {
            assertThat(prefix).matches("pal-[0-9a-f]{8}-");
            Namespace left = lab.namespace("left");
            Namespace right = lab.namespace("right");
            VethPair veth = lab.veth(left, "l0", right, "r0");
            lab.addAddress(left, veth.nameA(), "198.18.0.1/24");
            lab.addAddress(right, veth.nameB(), "198.18.0.2/24");
            lab.addAddress(right, veth.nameB(), "2001:db8::2/64");
            lab.up(left, veth.nameA());
            lab.up(right, veth.nameB());

            CommandResult addresses = lab.exec(right, Duration.ofSeconds(5), "ip", "-br", "addr", "show", "r0");
            assertThat(addresses.succeeded()).as(addresses.describe()).isTrue();
            assertThat(addresses.stdout()).contains("198.18.0.2/24").contains("2001:db8::2/64");
            assertThat(lab.existingNamespaces()).containsExactlyInAnyOrder(left.name(), right.name());
        }
        assertThat(lab.existingNamespaces()).isEmpty();
        assertThat(Commands.run(Duration.ofSeconds(5), java.util.List.of("ip", "netns", "list"))
                        .stdout())
                .doesNotContain(prefix);
    }

    @Test
    void bridgesInterfacesInsideANamespace() {
        try (NetnsLab lab = NetnsLab.create()) {
            Namespace hub = lab.namespace("hub");
            Namespace host = lab.namespace("host");
            lab.veth(host, "h0", hub, "p0");
            lab.veth(host, "h1", hub, "p1");
            lab.bridge(hub, "br0", "p0", "p1");
            CommandResult links = lab.exec(hub, Duration.ofSeconds(5), "ip", "-o", "link", "show", "master", "br0");
            assertThat(links.stdout()).contains("p0").contains("p1");
        }
    }

    @Test
    void commandsTimeOutAndCaptureOutput() {
        try (NetnsLab lab = NetnsLab.create()) {
            Namespace ns = lab.namespace("cmd");
            CommandResult slow = lab.exec(ns, Duration.ofMillis(300), "sleep", "10");
            assertThat(slow.timedOut()).isTrue();
            assertThat(slow.succeeded()).isFalse();

            CommandResult failed = lab.exec(ns, Duration.ofSeconds(5), "ip", "link", "show", "nosuchdev");
            assertThat(failed.exitCode()).isNotZero();
            assertThat(failed.stderr()).contains("nosuchdev");
        }
    }

    @Test
    void backgroundProcessesRunInTheNamespaceAndAreKilledByPid() throws Exception {
        BackgroundProcess sleeper;
        try (NetnsLab lab = NetnsLab.create()) {
            Namespace ns = lab.namespace("bg");
            sleeper = lab.spawn(ns, "sleep", "60");
            assertThat(sleeper.isAlive()).isTrue();
            String nsInode = lab.exec(ns, Duration.ofSeconds(5), "readlink", "/proc/self/ns/net")
                    .orThrow()
                    .stdout()
                    .strip();
            String processInode = java.nio.file.Files.readSymbolicLink(
                            java.nio.file.Path.of("/proc/" + sleeper.pid() + "/ns/net"))
                    .toString();
            assertThat(processInode).isEqualTo(nsInode);

            BackgroundProcess other = lab.spawn(ns, "sleep", "60");
            other.kill();
            assertThat(other.isAlive()).isFalse();
        }
        assertThat(sleeper.isAlive()).isFalse();
    }
}

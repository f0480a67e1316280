package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.config.model.ApplicationDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Application identification by protocol and port, fallbacks and default-port checks. */
class ApplicationTableTest {
    private final ApplicationTable builtIn = ApplicationTable.of(List.of());

    private String identify(ApplicationTable t, int protocol, int port) {
        return t.name(t.identify(protocol, port));
    }

    @Test
    void identifiesBuiltInApplicationsByDefaultPort() {
        assertThat(identify(builtIn, AppPort.TCP, 80)).isEqualTo("web-browsing");
        assertThat(identify(builtIn, AppPort.TCP, 443)).isEqualTo("ssl");
        assertThat(identify(builtIn, AppPort.UDP, 53)).isEqualTo("dns");
        assertThat(identify(builtIn, AppPort.TCP, 53)).isEqualTo("dns");
        assertThat(identify(builtIn, AppPort.UDP, 162)).isEqualTo("snmp");
        assertThat(identify(builtIn, AppPort.TCP, 8080)).isEqualTo("http-proxy");
    }

    @Test
    void unknownTrafficFallsBackPerProtocol() {
        assertThat(identify(builtIn, AppPort.TCP, 4444)).isEqualTo("unknown-tcp");
        assertThat(identify(builtIn, AppPort.UDP, 4444)).isEqualTo("unknown-udp");
        assertThat(identify(builtIn, 47, 0)).isEqualTo("unknown-ip");
        assertThat(builtIn.isUnknown(builtIn.identify(AppPort.TCP, 4444))).isTrue();
        assertThat(builtIn.isUnknown(builtIn.identify(AppPort.TCP, 80))).isFalse();
    }

    @Test
    void icmpEchoRequestIsPingOtherIcmpIsIcmp() {
        assertThat(identify(builtIn, AppPort.ICMP, 8)).isEqualTo("ping");
        assertThat(identify(builtIn, AppPort.ICMPV6, 128)).isEqualTo("ping");
        assertThat(identify(builtIn, AppPort.ICMP, 3)).isEqualTo("icmp");
        assertThat(identify(builtIn, AppPort.ICMPV6, 135)).isEqualTo("ipv6-icmp");
    }

    @Test
    void configuredApplicationOverridesAndWinsPortConflicts() {
        ApplicationTable t = ApplicationTable.of(List.of(
                new ApplicationDef("my-web", List.of(AppPort.parse("tcp/80")), 600, null),
                new ApplicationDef("ssh", List.of(AppPort.parse("tcp/2222")), null, null)));
        assertThat(identify(t, AppPort.TCP, 80)).isEqualTo("my-web");
        assertThat(identify(t, AppPort.TCP, 2222)).isEqualTo("ssh");
        assertThat(identify(t, AppPort.TCP, 22)).isEqualTo("unknown-tcp");
        assertThat(t.timeoutS(t.id("my-web"))).isEqualTo(600);
        assertThat(t.timeoutS(t.id("unknown-tcp"))).isNull();
    }

    @Test
    void onDefaultPortChecksTheApplicationsOwnPorts() {
        int dns = builtIn.id("dns");
        assertThat(builtIn.onDefaultPort(dns, AppPort.UDP, 53)).isTrue();
        assertThat(builtIn.onDefaultPort(dns, AppPort.UDP, 54)).isFalse();
        assertThat(builtIn.onDefaultPort(builtIn.id("unknown-udp"), AppPort.UDP, 53))
                .isFalse();
        assertThat(builtIn.onDefaultPort(-5, AppPort.UDP, 53)).isFalse();
    }

    @Test
    void idsAreStableNamesInOrderThenFallbacks() {
        assertThat(builtIn.name(0)).isEqualTo("bgp");
        assertThat(builtIn.name(builtIn.size() - 1)).isEqualTo("unknown-ip");
        for (int id = 0; id < builtIn.size(); id++) {
            assertThat(builtIn.id(builtIn.name(id))).isEqualTo(id);
        }
    }
}

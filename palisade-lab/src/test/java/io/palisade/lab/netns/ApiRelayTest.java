package io.palisade.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.FreePorts;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's byte copying and its failures, on loopback without namespaces (the namespace part: LabControlNetnsIT). */
class ApiRelayTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void bytesGoBothWaysAndAHalfCloseReachesTheOtherSide() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 10, LOOPBACK);
                ApiRelay relay = ApiRelay.start(
                        List.of(new ApiRelay.Route(FreePorts.tcp(LOOPBACK), null, target.getLocalPort())))) {
            int hostPort = relay.hostPorts().getFirst();
            Thread upper = Thread.ofVirtual().start(() -> serveUppercase(target));
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(LOOPBACK, hostPort), 2000);
                client.setSoTimeout(5000);
                client.getOutputStream().write("get /api/v1/ha".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("GET /API/V1/HA");
            }
            upper.join(5000);
        }
    }

    @Test
    void aTargetThatIsDownGetsA502NamingItAndTheRelayServesTheNextOne() throws Exception {
        int deadPort = FreePorts.tcp(LOOPBACK);
        ApiRelay.Route route = new ApiRelay.Route(FreePorts.tcp(LOOPBACK), null, deadPort);
        try (ApiRelay relay = ApiRelay.start(List.of(route))) {
            for (int i = 0; i < 2; i++) {
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress(LOOPBACK, route.hostPort()), 2000);
                    client.setSoTimeout(5000);
                    String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer)
                            .as("answer %d", i)
                            .startsWith("HTTP/1.1 502 Bad Gateway\r\n")
                            .contains("\"error\":\"the node API at 127.0.0.1:" + deadPort
                                    + " in namespace null does not" + " answer: Connection refused");
                }
            }
        }
    }

    @Test
    void aBadRouteArgumentIsRefusedWithWhatIsExpected() {
        assertThat(ApiRelay.Route.parse("20001=pal-1-fwa:9451"))
                .isEqualTo(new ApiRelay.Route(20001, "pal-1-fwa", 9451));
        assertThatThrownBy(() -> ApiRelay.Route.parse("pal-1-fwa:9451"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route 'pal-1-fwa:9451': expected HOSTPORT=NAMESPACE:TARGETPORT");
    }

    @Test
    void aHostPortInUseIsAnError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            assertThatThrownBy(() -> ApiRelay.start(List.of(new ApiRelay.Route(taken.getLocalPort(), null, 1))))
                    .isInstanceOf(java.net.BindException.class);
        }
    }

    /** Answers one connection with what it read, upper-cased, once the client has finished sending. */
    private static void serveUppercase(ServerSocket target) {
        try (Socket s = target.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            out.write(request.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.palisade.ha.ha1;

import static io.palisade.ha.ha1.Ha1Fixture.A;
import static io.palisade.ha.ha1.Ha1Fixture.B;
import static io.palisade.ha.ha1.Ha1Fixture.FAST;
import static io.palisade.ha.ha1.Ha1Fixture.assertClosedByPeer;
import static io.palisade.ha.ha1.Ha1Fixture.await;
import static io.palisade.ha.ha1.Ha1Fixture.receive;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.FreePorts;
import io.palisade.ha.ha1.Ha1Fixture.NodeKeys;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.tls.PinnedTls;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that sends garbage loses that connection, is logged with its address and the reason, and is counted;
 * the node keeps listening and the next good connection works.
 */
class Ha1TransportMalformedTest {
    @TempDir
    Path keys;

    @Test
    void eachMalformedFrameClosesItsConnectionAndTheListenerCarriesOn() throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        byte[] goodbye = Ha1Codec.encode(new Goodbye("bye"));
        cases.put("bad magic", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        cases.put("unknown message type", withByte(goodbye, 7, 0x7e));
        cases.put("unsupported protocol version 9", withByte(goodbye, 5, 9));
        cases.put("oversized frame", withLength(goodbye, Ha1Codec.MAX_BODY_BYTES + 1L));
        cases.put("invalid UTF-8", withByte(goodbye, Ha1Codec.HEADER_BYTES + 2, 0xff));
        cases.put("trailing byte(s) after Goodbye", trailingInsideBody(goodbye));
        cases.put("truncated body", Arrays.copyOf(goodbye, goodbye.length - 1));

        Ha1Inbox inboxA = new Ha1Inbox();
        try (LogCapture log = LogCapture.attach();
                Ha1Transport a = Ha1Fixture.start(
                        "ha1",
                        new InetSocketAddress(A, 0),
                        new InetSocketAddress(B, FreePorts.tcp(B)),
                        Ha1Security.cleartext(),
                        inboxA,
                        FAST)) {
            int malformed = 0;
            for (Map.Entry<String, byte[]> entry : cases.entrySet()) {
                try (Socket socket = Ha1Fixture.connectFrom(B, a.localAddress())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(entry.getValue());
                    out.flush();
                    socket.shutdownOutput(); // a truncated frame is only known to be truncated at the end
                    assertClosedByPeer(socket);
                    int port = socket.getLocalPort();
                    await(
                            "the log names " + entry.getKey(),
                            () -> log.has("WARN HA1 malformed message from 127.0.0.2:" + port + ": ", entry.getKey()));
                }
                malformed++;
                assertThat(a.counters().get(Ha1Counter.MALFORMED))
                        .as(entry.getKey())
                        .isEqualTo(malformed);
            }

            assertThat(inboxA.poll())
                    .as("nothing from the malformed connections")
                    .isNull();
            try (Socket good = Ha1Fixture.connectFrom(B, a.localAddress())) {
                good.getOutputStream().write(Ha1Codec.encode(Ha1Samples.hello()));
                good.getOutputStream().flush();
                assertThat(receive(inboxA).message()).isEqualTo(Ha1Samples.hello());
            }
            assertThat(a.counters().get(Ha1Counter.MALFORMED)).isEqualTo(cases.size());
        }
    }

    @Test
    void aGoodFrameBeforeTheGarbageIsStillDelivered() throws Exception {
        Ha1Inbox inbox = new Ha1Inbox();
        try (Ha1Transport a = Ha1Fixture.start(
                        "ha1",
                        new InetSocketAddress(A, 0),
                        new InetSocketAddress(B, FreePorts.tcp(B)),
                        Ha1Security.cleartext(),
                        inbox,
                        FAST);
                Socket socket = Ha1Fixture.connectFrom(B, a.localAddress())) {
            socket.getOutputStream().write(Ha1Codec.encode(new Goodbye("first")));
            socket.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
            socket.getOutputStream().flush();

            Ha1Received received = receive(inbox);
            assertThat(received.message()).isEqualTo(new Goodbye("first"));
            assertThat(received.from()).isEqualTo(socket.getLocalSocketAddress());
            assertClosedByPeer(socket);
            assertThat(a.counters().get(Ha1Counter.MALFORMED)).isEqualTo(1);
        }
    }

    @Test
    void anOversizedFrameOverTlsIsRefusedAndTheLinkRecovers() throws Exception {
        NodeKeys keysA = NodeKeys.generate(keys, "a");
        NodeKeys keysB = NodeKeys.generate(keys, "b");
        PinnedTls asB = PinnedTls.load(keysB.certificate(), keysB.key(), keysA.certificate());
        try (LogCapture log = LogCapture.attach();
                Ha1Fixture.Pair pair = new Ha1Fixture.Pair(keysA.pinning(keysB), keysB.pinning(keysA), FAST)) {
            pair.awaitUp();
            try (SSLSocket socket =
                    asB.client(Ha1Fixture.connectFrom(B, pair.a.localAddress()), pair.a.localAddress())) {
                socket.startHandshake();
                socket.getOutputStream().write(withLength(Ha1Codec.encode(new Goodbye("x")), 16L * 1024 * 1024));
                socket.getOutputStream().flush();
                assertClosedByPeer(socket);
                await(
                        "logged",
                        () -> log.has(
                                "HA1 malformed message from 127.0.0.2:" + socket.getLocalPort(),
                                "oversized frame: body length 16777216 exceeds 4194304"));
            }
            assertThat(pair.a.counters().get(Ha1Counter.MALFORMED)).isEqualTo(1);

            // The genuine peer's connection was replaced by the bad one; it reconnects and is heard again.
            pair.awaitUp();
            pair.b.send(new Goodbye("still friends"));
            assertThat(receive(pair.inboxA).message()).isEqualTo(new Goodbye("still friends"));
        }
    }

    private static byte[] withByte(byte[] frame, int at, int value) {
        byte[] copy = frame.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] withLength(byte[] frame, long length) {
        byte[] copy = frame.clone();
        for (int i = 0; i < 4; i++) {
            copy[8 + i] = (byte) (length >>> (24 - 8 * i));
        }
        return copy;
    }

    /** The frame's length claims one byte more than the goodbye needs, and that byte is there. */
    private static byte[] trailingInsideBody(byte[] goodbye) {
        byte[] longer = Arrays.copyOf(goodbye, goodbye.length + 1);
        return withLength(longer, goodbye.length + 1L - Ha1Codec.HEADER_BYTES);
    }
}

package io.palisade.node;

import io.palisade.testkit.packets.FrameBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * One TCP connection through the virtual wire (client on the trust side, server on the untrust side), as frames
 * built with {@link FrameBuilder}: the handshake that creates a session, and mid-stream segments.
 */
record TcpFlow(String client, int clientPort, String server, int serverPort) {
    private static final String CLIENT_MAC = "02:00:00:00:01:01";
    private static final String SERVER_MAC = "02:00:00:00:02:02";
    private static final int CLIENT_ISN = 1000;
    private static final int SERVER_ISN = 50_000;

    static TcpFlow number(int i) {
        return new TcpFlow("10.1.0." + (10 + i), 40_000 + i, "198.51.100." + (10 + i), 443);
    }

    private FrameBuilder c2s() {
        return FrameBuilder.ethernet()
                .macs(CLIENT_MAC, SERVER_MAC)
                .ipv4(client, server)
                .tcp(clientPort, serverPort);
    }

    private FrameBuilder s2c() {
        return FrameBuilder.ethernet()
                .macs(SERVER_MAC, CLIENT_MAC)
                .ipv4(server, client)
                .tcp(serverPort, clientPort);
    }

    byte[] syn() {
        return c2s().flags(FrameBuilder.SYN).seqAck(CLIENT_ISN, 0).build();
    }

    byte[] synAck() {
        return s2c().flags(FrameBuilder.SYN | FrameBuilder.ACK)
                .seqAck(SERVER_ISN, CLIENT_ISN + 1)
                .build();
    }

    byte[] ack() {
        return c2s().flags(FrameBuilder.ACK)
                .seqAck(CLIENT_ISN + 1, SERVER_ISN + 1)
                .build();
    }

    /** A client data segment after the handshake: no SYN, so only an existing session lets it through. */
    byte[] clientData(String text) {
        return c2s().flags(FrameBuilder.PSH | FrameBuilder.ACK)
                .seqAck(CLIENT_ISN + 1, SERVER_ISN + 1)
                .payload(text)
                .build();
    }

    /** A server data segment after the handshake. */
    byte[] serverData(String text) {
        return s2c().flags(FrameBuilder.PSH | FrameBuilder.ACK)
                .seqAck(SERVER_ISN + 1, CLIENT_ISN + 1)
                .payload(text)
                .build();
    }

    static boolean containsFrame(List<byte[]> frames, byte[] frame) {
        return frames.stream().anyMatch(f -> Arrays.equals(f, frame));
    }
}

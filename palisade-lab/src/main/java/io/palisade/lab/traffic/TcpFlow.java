package io.palisade.lab.traffic;

import java.nio.ByteBuffer;

/**
 * One TCP connection of the generator, both ends of it: the client (198.18.0.x) and the server (198.18.1.y), each
 * with its own sequence space, speaking enough TCP for a stateful firewall to track: a three-way handshake, then
 * request/response exchanges with correct sequence and acknowledgement numbers. The client retransmits an
 * unanswered SYN or request with a doubling timeout (so the connection survives a failover gap); the server
 * answers a retransmitted SYN or request by sending its SYN-ACK or response again (rate limited, since in a
 * split brain both firewalls deliver every segment). Owned by the generator thread only.
 *
 * <pre>
 * client                       server
 *   SYN seq=c       ──▶                      (retransmitted after rto, 2 rto, ... up to maxRto)
 *                   ◀──  SYN-ACK seq=s ack=c+1
 *   ACK             ──▶
 *   request (PSH)   ──▶                      (every exchange interval; retransmitted like the SYN)
 *                   ◀──  response (PSH) acks the request; the next request acks the response
 * </pre>
 */
final class TcpFlow {
    /** Where a flow's segments go: the client side or the server side of the wire. */
    interface Sink {
        void fromClient(ByteBuffer frame);

        void fromServer(ByteBuffer frame);
    }

    /** Timing and sizes shared by every flow. */
    record Shape(long rtoNs, long maxRtoNs, long exchangeIntervalNs, int requestBytes, int responseBytes) {}

    static final long CLIENT_MAC = 0x0200_5e00_0001L;
    static final long SERVER_MAC = 0x0200_5e00_0101L;
    private static final long SERVER_RESEND_GAP_NS = 50_000_000L;

    private enum ClientPhase {
        IDLE,
        SYN_SENT,
        ESTABLISHED
    }

    private enum ServerPhase {
        LISTEN,
        SYN_RECEIVED,
        ESTABLISHED
    }

    final int clientIp;
    final int serverIp;
    final int clientPort;
    final int serverPort;
    private final Shape shape;
    private final ByteBuffer scratch;

    // client
    private ClientPhase client = ClientPhase.IDLE;
    private int clientIss;
    private int clientSndNxt;
    private int clientRcvNxt;
    private boolean awaitingResponse;
    private int requestSeq;
    private long retransmitAtNs = Long.MAX_VALUE;
    private long rtoNs;
    private long nextRequestAtNs = Long.MAX_VALUE;
    private long lastTxNs;

    // server
    private ServerPhase server = ServerPhase.LISTEN;
    private int serverIss;
    private int serverSndNxt;
    private int serverRcvNxt;
    private int lastResponseSeq;
    private long lastServerSendNs = Long.MIN_VALUE / 2;

    // statistics
    long establishedAtNs = -1;
    long exchanges;
    long lastExchangeNs = -1;
    long lastAnsweredTxNs = -1;
    long retransmits;
    long duplicatesIgnored;
    long outOfOrder;
    long exchangesAtMark;
    long firstExchangeAfterMarkNs = -1;

    TcpFlow(int clientIp, int clientPort, int serverIp, int serverPort, Shape shape, ByteBuffer scratch) {
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.shape = shape;
        this.scratch = scratch;
        this.rtoNs = shape.rtoNs();
    }

    boolean opened() {
        return client != ClientPhase.IDLE;
    }

    boolean established() {
        return client == ClientPhase.ESTABLISHED;
    }

    /** Client: sends the SYN. */
    void open(int iss, long nowNs, Sink sink) {
        clientIss = iss;
        clientSndNxt = iss + 1;
        client = ClientPhase.SYN_SENT;
        sendSyn(nowNs, sink);
    }

    /** The next time {@link #onTimer} has something to do. */
    long deadlineNs() {
        return Math.min(retransmitAtNs, awaitingResponse ? Long.MAX_VALUE : nextRequestAtNs);
    }

    /** Client timers: retransmit the SYN or the request, or send the next request. Returns frames sent. */
    int onTimer(long nowNs, Sink sink) {
        if (nowNs < deadlineNs()) {
            return 0;
        }
        if (client == ClientPhase.SYN_SENT && nowNs >= retransmitAtNs) {
            retransmits++;
            backOff();
            sendSyn(nowNs, sink);
            return 1;
        }
        if (client != ClientPhase.ESTABLISHED) {
            return 0;
        }
        if (awaitingResponse && nowNs >= retransmitAtNs) {
            retransmits++;
            backOff();
            sendRequest(nowNs, sink);
            return 1;
        }
        if (!awaitingResponse && nowNs >= nextRequestAtNs) {
            requestSeq = clientSndNxt;
            clientSndNxt += shape.requestBytes();
            awaitingResponse = true;
            rtoNs = shape.rtoNs();
            sendRequest(nowNs, sink);
            return 1;
        }
        return 0;
    }

    private void backOff() {
        rtoNs = Math.min(rtoNs * 2, shape.maxRtoNs());
    }

    private void sendSyn(long nowNs, Sink sink) {
        Frames.tcp(
                scratch,
                SERVER_MAC,
                CLIENT_MAC,
                clientIp,
                serverIp,
                clientPort,
                serverPort,
                clientIss,
                0,
                Frames.SYN,
                0);
        retransmitAtNs = nowNs + rtoNs;
        lastTxNs = nowNs;
        sink.fromClient(scratch);
    }

    private void sendRequest(long nowNs, Sink sink) {
        Frames.tcp(
                scratch,
                SERVER_MAC,
                CLIENT_MAC,
                clientIp,
                serverIp,
                clientPort,
                serverPort,
                requestSeq,
                clientRcvNxt,
                Frames.PSH | Frames.ACK,
                shape.requestBytes());
        retransmitAtNs = nowNs + rtoNs;
        lastTxNs = nowNs;
        sink.fromClient(scratch);
    }

    /** Client: a segment from the server arrived. {@code jitter} in [0, 1) spreads the next request. */
    void onClientReceive(ByteBuffer f, long nowNs, double jitter, Sink sink) {
        int flags = Frames.flags(f);
        int seq = Frames.seq(f);
        int ack = Frames.ack(f);
        if ((flags & (Frames.SYN | Frames.ACK)) == (Frames.SYN | Frames.ACK)) {
            if (client == ClientPhase.SYN_SENT && ack == clientIss + 1) {
                clientRcvNxt = seq + 1;
                client = ClientPhase.ESTABLISHED;
                establishedAtNs = nowNs;
                retransmitAtNs = Long.MAX_VALUE;
                rtoNs = shape.rtoNs();
                nextRequestAtNs = nowNs + (long) (jitter * shape.exchangeIntervalNs());
            } else {
                duplicatesIgnored++;
            }
            sendAck(sink); // also re-acknowledges a SYN-ACK the server sent again
            return;
        }
        int length = Frames.tcpPayload(f);
        if (client != ClientPhase.ESTABLISHED || length == 0) {
            return;
        }
        if (seq != clientRcvNxt) {
            if (seq - clientRcvNxt < 0) {
                duplicatesIgnored++;
            } else {
                outOfOrder++;
            }
            return;
        }
        if (!awaitingResponse || ack != clientSndNxt) {
            outOfOrder++;
            return;
        }
        clientRcvNxt += length;
        awaitingResponse = false;
        retransmitAtNs = Long.MAX_VALUE;
        rtoNs = shape.rtoNs();
        exchanges++;
        lastExchangeNs = nowNs;
        lastAnsweredTxNs = lastTxNs;
        if (firstExchangeAfterMarkNs < 0 && exchanges > exchangesAtMark) {
            firstExchangeAfterMarkNs = nowNs;
        }
        nextRequestAtNs = nowNs + (long) ((0.5 + jitter) * shape.exchangeIntervalNs());
    }

    private void sendAck(Sink sink) {
        Frames.tcp(
                scratch,
                SERVER_MAC,
                CLIENT_MAC,
                clientIp,
                serverIp,
                clientPort,
                serverPort,
                clientSndNxt,
                clientRcvNxt,
                Frames.ACK,
                0);
        sink.fromClient(scratch);
    }

    /** Server: a segment from the client arrived. {@code iss} is used when it is a new SYN. */
    void onServerReceive(ByteBuffer f, long nowNs, int iss, Sink sink) {
        int flags = Frames.flags(f);
        int seq = Frames.seq(f);
        if ((flags & (Frames.SYN | Frames.ACK)) == Frames.SYN) {
            if (server == ServerPhase.LISTEN) {
                serverIss = iss;
                serverSndNxt = iss + 1;
                serverRcvNxt = seq + 1;
                server = ServerPhase.SYN_RECEIVED;
                sendSynAck(nowNs, sink);
            } else if (seq + 1 == serverRcvNxt && server == ServerPhase.SYN_RECEIVED) {
                resendIfQuiet(nowNs, () -> sendSynAck(nowNs, sink));
            }
            return;
        }
        if (server == ServerPhase.LISTEN || (flags & Frames.ACK) == 0) {
            return;
        }
        if (server == ServerPhase.SYN_RECEIVED && Frames.ack(f) == serverIss + 1) {
            server = ServerPhase.ESTABLISHED;
        }
        int length = Frames.tcpPayload(f);
        if (length == 0) {
            return;
        }
        if (seq == serverRcvNxt) {
            serverRcvNxt += length;
            lastResponseSeq = serverSndNxt;
            serverSndNxt += shape.responseBytes();
            sendResponse(nowNs, sink);
        } else if (seq + length == serverRcvNxt) {
            resendIfQuiet(nowNs, () -> sendResponse(nowNs, sink)); // the client did not get our response
        } else {
            outOfOrder++;
        }
    }

    private void resendIfQuiet(long nowNs, Runnable send) {
        if (nowNs - lastServerSendNs >= SERVER_RESEND_GAP_NS) {
            send.run();
        } else {
            duplicatesIgnored++;
        }
    }

    private void sendSynAck(long nowNs, Sink sink) {
        Frames.tcp(
                scratch,
                CLIENT_MAC,
                SERVER_MAC,
                serverIp,
                clientIp,
                serverPort,
                clientPort,
                serverIss,
                serverRcvNxt,
                Frames.SYN | Frames.ACK,
                0);
        lastServerSendNs = nowNs;
        sink.fromServer(scratch);
    }

    private void sendResponse(long nowNs, Sink sink) {
        Frames.tcp(
                scratch,
                CLIENT_MAC,
                SERVER_MAC,
                serverIp,
                clientIp,
                serverPort,
                clientPort,
                lastResponseSeq,
                serverRcvNxt,
                Frames.PSH | Frames.ACK,
                shape.responseBytes());
        lastServerSendNs = nowNs;
        sink.fromServer(scratch);
    }

    /** Starts counting exchanges after a mark (the fault). */
    void mark() {
        exchangesAtMark = exchanges;
        firstExchangeAfterMarkNs = -1;
    }
}

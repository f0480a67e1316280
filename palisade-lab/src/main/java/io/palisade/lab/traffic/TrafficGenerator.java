package io.palisade.lab.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The lab's traffic: client and server endpoints in user space on both sides of a virtual wire, joined to the two
 * firewalls the way the switches of a virtual-wire deployment would be: every frame an endpoint sends goes to
 * BOTH nodes' ports of its side (a flooding switch), and frames come back from whichever node forwards them (the
 * active one; the passive forwards nothing). It keeps {@link Settings#flows} TCP connections exchanging data
 * ({@link TcpFlow}) and a UDP probe stream every {@link Settings#probeInterval} whose gaps measure the traffic
 * interruption ({@link ProbeTracker}).
 *
 * <p>Addresses: client {@code i} is 198.18.0.(1 + i % 200), port 20000 + i; its server 198.18.1.(1 + i % 50),
 * port 80. The probe runs from 198.18.0.250:9999 to 198.18.1.250:9999.
 *
 * <p>One thread owns everything; other threads ask it through {@link #onLoop}. It sleeps in a selector between
 * deadlines, so it costs little CPU (the lab shares two cores with both nodes).
 */
public final class TrafficGenerator implements AutoCloseable {
    /** First client port; client {@code i} uses {@code CLIENT_PORT_BASE + i}. */
    static final int CLIENT_PORT_BASE = 20000;

    /** Most connections one generator runs (client ports stay below 65536). */
    public static final int MAX_FLOWS = 40_000;

    static final int PROBE_CLIENT = Frames.ip(198, 18, 0, 250);
    static final int PROBE_SERVER = Frames.ip(198, 18, 1, 250);
    static final int PROBE_PORT = 9999;
    private static final int RECEIVE_BUDGET = 256;

    /**
     * How much traffic.
     *
     * @param flows TCP connections (1..{@link #MAX_FLOWS})
     * @param opensPerSecond connections opened per second at the start
     * @param exchangeInterval mean time between a connection's exchanges (each waits 0.5..1.5 of it)
     * @param requestBytes request payload
     * @param responseBytes response payload
     * @param rto first retransmission timeout
     * @param maxRto largest retransmission timeout (the timeout doubles up to it)
     * @param probeInterval interval of the UDP probe stream
     */
    public record Settings(
            int flows,
            int opensPerSecond,
            Duration exchangeInterval,
            int requestBytes,
            int responseBytes,
            Duration rto,
            Duration maxRto,
            Duration probeInterval) {
        public Settings {
            if (flows < 1 || flows > MAX_FLOWS) {
                throw new IllegalArgumentException("flows must be 1.." + MAX_FLOWS);
            }
            if (opensPerSecond < 1
                    || requestBytes < 1
                    || responseBytes < 1
                    || requestBytes > 1400
                    || responseBytes > 1400) {
                throw new IllegalArgumentException("bad traffic settings");
            }
        }

        /**
         * {@code flows} connections opened at 1000 per second, 1 exchange per second each, RTO 200 ms doubling to
         * 1 s, a probe every 1 ms.
         */
        public static Settings of(int flows) {
            return new Settings(
                    flows,
                    1000,
                    Duration.ofSeconds(1),
                    64,
                    256,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(1));
        }
    }

    /**
     * Where the generator sits: its socket on the client side of the wire and the nodes' ports there, and the same
     * on the server side.
     *
     * @param clientSide address the client side binds (the nodes' client-side ports send here)
     * @param serverSide address the server side binds
     * @param clientSidePorts the nodes' client-side (ethernet1/1) ports, each frame goes to all of them
     * @param serverSidePorts the nodes' server-side (ethernet1/2) ports
     */
    public record Wire(
            InetSocketAddress clientSide,
            InetSocketAddress serverSide,
            List<InetSocketAddress> clientSidePorts,
            List<InetSocketAddress> serverSidePorts) {
        public Wire {
            clientSidePorts = List.copyOf(clientSidePorts);
            serverSidePorts = List.copyOf(serverSidePorts);
        }
    }

    private final Settings settings;
    private final Wire wire;
    private final DatagramChannel clientChannel;
    private final DatagramChannel serverChannel;
    private final Selector selector;
    private final TcpFlow[] flows;
    private final boolean[] activeAtMark;
    private final ByteBuffer rx = ByteBuffer.allocate(Frames.MAX_FRAME + 64);
    private final ByteBuffer tx = ByteBuffer.allocate(Frames.MAX_FRAME);
    private final SplittableRandom random = new SplittableRandom(0x5041_4c49L);
    private final ProbeTracker probes = new ProbeTracker();
    private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final TcpFlow.Sink sink = new TcpFlow.Sink() {
        @Override
        public void fromClient(ByteBuffer frame) {
            flood(clientChannel, frame, wire.clientSidePorts());
        }

        @Override
        public void fromServer(ByteBuffer frame) {
            flood(serverChannel, frame, wire.serverSidePorts());
        }
    };

    private volatile boolean running = true;
    private long startNs;
    private int opened;
    private long nextProbeNs;
    private long probeSeq;
    private long framesSent;
    private long framesReceived;
    private long markNs = -1;
    private final long probeIntervalNs;

    private TrafficGenerator(Wire wire, Settings settings) throws IOException {
        this.wire = wire;
        this.settings = settings;
        this.probeIntervalNs = Math.max(100_000L, settings.probeInterval().toNanos());
        TcpFlow.Shape shape = new TcpFlow.Shape(
                settings.rto().toNanos(),
                settings.maxRto().toNanos(),
                settings.exchangeInterval().toNanos(),
                settings.requestBytes(),
                settings.responseBytes());
        flows = new TcpFlow[settings.flows()];
        activeAtMark = new boolean[flows.length];
        for (int i = 0; i < flows.length; i++) {
            flows[i] = new TcpFlow(
                    Frames.ip(198, 18, 0, 1 + i % 200),
                    CLIENT_PORT_BASE + i,
                    Frames.ip(198, 18, 1, 1 + i % 50),
                    80,
                    shape,
                    tx);
        }
        selector = Selector.open();
        clientChannel = open(wire.clientSide());
        serverChannel = open(wire.serverSide());
        thread = Thread.ofPlatform().name("palisade-traffic").daemon(true).unstarted(this::run);
    }

    private DatagramChannel open(InetSocketAddress local) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        try {
            c.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            c.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            c.bind(local);
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
            return c;
        } catch (IOException e) {
            c.close();
            throw new IOException("traffic generator cannot bind " + local + ": " + e.getMessage(), e);
        }
    }

    /** Binds both sides and starts the generator thread; connections open at once, paced. */
    public static TrafficGenerator start(Wire wire, Settings settings) {
        try {
            TrafficGenerator g = new TrafficGenerator(wire, settings);
            g.thread.start();
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------ the thread

    private void run() {
        startNs = System.nanoTime();
        nextProbeNs = startNs;
        long nextTimerNs = startNs;
        try {
            while (running) {
                long now = System.nanoTime();
                int work = receive(clientChannel, true, now) + receive(serverChannel, false, now);
                work += runRequests();
                work += openDue(now);
                work += probeDue(now);
                if (now >= nextTimerNs) {
                    nextTimerNs = timers(now);
                }
                if (work == 0) {
                    long wait = Math.min(nextProbeNs, Math.min(nextTimerNs, nextOpenNs())) - System.nanoTime();
                    if (wait > 0) {
                        selector.select(Math.max(1, wait / 1_000_000L));
                        selector.selectedKeys().clear();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("traffic generator stopped: " + e.getMessage(), e);
        }
    }

    private int receive(DatagramChannel channel, boolean clientSide, long now) throws IOException {
        int n = 0;
        while (n < RECEIVE_BUDGET) {
            rx.clear();
            if (channel.receive(rx) == null) {
                break;
            }
            n++;
            framesReceived++;
            int length = rx.position();
            rx.flip();
            int proto = Frames.protocol(rx, length);
            if (proto == Frames.PROTO_UDP && !clientSide && Frames.dstIp(rx) == PROBE_SERVER) {
                probes.onArrival(Frames.udpFirst(rx), now);
            } else if (proto == Frames.PROTO_TCP) {
                int clientPort = clientSide ? Frames.dstPort(rx) : Frames.srcPort(rx);
                int i = clientPort - CLIENT_PORT_BASE;
                if (i >= 0 && i < flows.length) {
                    if (clientSide) {
                        flows[i].onClientReceive(rx, now, random.nextDouble(), sink);
                    } else {
                        flows[i].onServerReceive(rx, now, random.nextInt(), sink);
                    }
                }
            }
        }
        return n;
    }

    private long nextOpenNs() {
        if (opened >= flows.length) {
            return Long.MAX_VALUE;
        }
        return startNs + opened * 1_000_000_000L / settings.opensPerSecond();
    }

    private int openDue(long now) {
        int n = 0;
        while (opened < flows.length && now >= nextOpenNs() && n < 64) {
            flows[opened++].open(random.nextInt(), now, sink);
            n++;
        }
        return n;
    }

    private int probeDue(long now) {
        int n = 0;
        if (now - nextProbeNs > 100 * probeIntervalNs) {
            nextProbeNs = now; // we were descheduled: do not send a burst to catch up
        }
        while (now >= nextProbeNs && n < 8) {
            Frames.udp(
                    tx,
                    TcpFlow.SERVER_MAC,
                    TcpFlow.CLIENT_MAC,
                    PROBE_CLIENT,
                    PROBE_SERVER,
                    PROBE_PORT,
                    PROBE_PORT,
                    probeSeq++,
                    now);
            sink.fromClient(tx);
            nextProbeNs += probeIntervalNs;
            n++;
        }
        return n;
    }

    /** Runs due connection timers; returns the next deadline. */
    private long timers(long now) {
        long next = Long.MAX_VALUE;
        for (TcpFlow f : flows) {
            if (f.opened()) {
                f.onTimer(now, sink);
                next = Math.min(next, f.deadlineNs());
            }
        }
        return Math.min(next, now + 10_000_000L);
    }

    private void flood(DatagramChannel channel, ByteBuffer frame, List<InetSocketAddress> ports) {
        for (InetSocketAddress port : ports) {
            frame.position(0);
            try {
                channel.send(frame, port);
                framesSent++;
            } catch (IOException e) {
                // a node that is gone (killed) refuses: the switch port is dead, the frame is lost as on a wire
            }
        }
    }

    private int runRequests() {
        int n = 0;
        for (Runnable r = requests.poll(); r != null; r = requests.poll()) {
            r.run();
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------ questions

    /** Runs {@code question} on the generator thread and returns its answer (waits at most 5 s). */
    private <T> T onLoop(Supplier<T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        requests.add(() -> {
            try {
                answer.complete(question.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the traffic generator did not answer: " + e, e);
        }
    }

    /** A snapshot of what happened so far. */
    public TrafficStats stats() {
        return onLoop(this::snapshot);
    }

    private TrafficStats snapshot() {
        long now = System.nanoTime();
        int established = 0;
        int exchanging = 0;
        long exchanges = 0;
        long retransmits = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (TcpFlow f : flows) {
            established += f.established() ? 1 : 0;
            exchanging += f.exchanges > 0 ? 1 : 0;
            exchanges += f.exchanges;
            retransmits += f.retransmits;
            duplicates += f.duplicatesIgnored;
            outOfOrder += f.outOfOrder;
        }
        List<TrafficStats.Gap> gaps = probes.gaps(now).stream()
                .map(g -> new TrafficStats.Gap(g.fromNs(), g.toNs()))
                .toList();
        return new TrafficStats(
                now,
                flows.length,
                opened,
                established,
                exchanging,
                exchanges,
                retransmits,
                duplicates,
                outOfOrder,
                framesSent,
                framesReceived,
                probeSeq,
                probes.received,
                probes.duplicates,
                gaps);
    }

    /**
     * Marks now (the fault): remembers which connections completed an exchange within {@code window} before it
     * and starts counting exchanges after it. Returns the mark's nanoTime.
     */
    public long mark(Duration window) {
        return onLoop(() -> {
            long now = System.nanoTime();
            for (int i = 0; i < flows.length; i++) {
                TcpFlow f = flows[i];
                activeAtMark[i] = f.lastExchangeNs >= 0 && now - f.lastExchangeNs <= window.toNanos();
                f.mark();
            }
            markNs = now;
            return now;
        });
    }

    /** Connections active at the mark that exchanged data again with a request last sent after {@code sinceNs}. */
    public TrafficStats.Survival survival(long sinceNs) {
        return onLoop(() -> {
            int active = 0;
            int survived = 0;
            List<Long> recovery = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < flows.length; i++) {
                if (!activeAtMark[i]) {
                    continue;
                }
                active++;
                TcpFlow f = flows[i];
                if (f.lastAnsweredTxNs > sinceNs && f.exchanges > f.exchangesAtMark) {
                    survived++;
                } else if (failed.size() < 10) {
                    failed.add(Frames.ipText(f.clientIp) + ":" + f.clientPort + ">" + Frames.ipText(f.serverIp) + ":"
                            + f.serverPort);
                }
                recovery.add(f.firstExchangeAfterMarkNs < 0 ? -1 : (f.firstExchangeAfterMarkNs - markNs) / 1_000_000L);
            }
            long[] sorted = recovery.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            boolean someNever = sorted.length > 0 && sorted[0] < 0;
            long[] ok = Arrays.stream(sorted).filter(v -> v >= 0).toArray();
            return new TrafficStats.Survival(
                    markNs,
                    active,
                    survived,
                    sinceNs,
                    percentile(ok, 0.50),
                    percentile(ok, 0.99),
                    someNever || ok.length == 0 ? -1 : ok[ok.length - 1],
                    List.copyOf(failed));
        });
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** The settings it runs with. */
    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            clientChannel.close();
            serverChannel.close();
            selector.close();
        } catch (IOException e) {
            // closing sockets of a stopped generator cannot fail in a way we can act on
        }
    }
}

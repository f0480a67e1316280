package io.palisade.lab.realtraffic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP probe stream: one small datagram per interval to the echo server, each carrying its sequence number, on a
 * fixed schedule (a late send does not shift later ones); a second thread records when each echo came back. Gaps
 * are runs of lost probes, measured between the echoes around them, so the longest gap is the longest time the
 * path carried nothing.
 */
final class ProbeStream {
    private static final int PAYLOAD = 32;

    private final InetSocketAddress server;
    private final long intervalNs;
    private final int capacity;
    private final long[] receivedNs;
    private volatile boolean running = true;
    private long sent;

    ProbeStream(InetSocketAddress server, long intervalNs, double seconds) {
        this.server = server;
        this.intervalNs = intervalNs;
        this.capacity = (int) Math.min(50_000_000L, (long) (seconds * 1e9 / intervalNs) + 1000);
        this.receivedNs = new long[capacity];
    }

    /** Sends until {@code endNs} and returns the measurements; blocks the calling thread. */
    TrafficReport.Probe run(long startNs, long endNs) throws IOException, InterruptedException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server);
            Thread receiver = Thread.ofPlatform().name("probe-rx").daemon(true).start(() -> receive(channel));
            ByteBuffer out = ByteBuffer.allocateDirect(PAYLOAD);
            for (long seq = 0; seq < capacity; seq++) {
                long due = startNs + seq * intervalNs;
                if (due >= endNs) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                out.clear();
                out.putLong(seq).putLong(System.nanoTime()).position(PAYLOAD).flip();
                try {
                    channel.write(out);
                } catch (IOException e) {
                    // no route or refused while the path is down: the probe counts as lost
                }
                sent = seq + 1;
            }
            Thread.sleep(200); // last echoes
            running = false;
            receiver.join(1000);
        }
        return new TrafficReport.Probe(intervalNs / 1000, sent, received(), gaps());
    }

    private void receive(DatagramChannel channel) {
        byte[] data = new byte[PAYLOAD * 4];
        java.net.DatagramPacket packet = new java.net.DatagramPacket(data, data.length);
        ByteBuffer view = ByteBuffer.wrap(data);
        try {
            java.net.DatagramSocket socket = channel.socket();
            socket.setSoTimeout(200);
            while (running) {
                packet.setLength(data.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    if (!running || channel.socket().isClosed()) {
                        return;
                    }
                    continue; // ICMP errors surface as receive errors on a connected socket
                }
                long now = System.nanoTime();
                if (packet.getLength() >= 8) {
                    long seq = view.getLong(0);
                    if (seq >= 0 && seq < capacity && receivedNs[(int) seq] == 0) {
                        receivedNs[(int) seq] = now;
                    }
                }
            }
        } catch (IOException e) {
            // the channel closed: the stream is over
        }
    }

    private long received() {
        return Arrays.stream(receivedNs, 0, (int) sent).filter(t -> t != 0).count();
    }

    private List<TrafficReport.Gap> gaps() {
        List<TrafficReport.Gap> gaps = new ArrayList<>();
        int last = -1;
        for (int seq = 0; seq < sent; seq++) {
            if (receivedNs[seq] == 0) {
                continue;
            }
            if (last >= 0 && seq - last > 1) {
                gaps.add(new TrafficReport.Gap(receivedNs[last], receivedNs[seq], seq - last - 1L));
            }
            last = seq;
        }
        return gaps;
    }
}

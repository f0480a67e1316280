package io.palisade.dataplane.port;

import io.palisade.linux.netlink.OperState;
import io.palisade.linux.netlink.RtNetlink;
import io.palisade.linux.netlink.SysfsOperstate;
import io.palisade.linux.packet.AfPacketOptions;
import io.palisade.linux.packet.AfPacketSocket;
import io.palisade.linux.packet.Ethtool;
import io.palisade.linux.packet.Fanout;
import io.palisade.linux.packet.FrameHandler;
import io.palisade.linux.packet.FrameTransmitter;
import io.palisade.linux.packet.Offload;
import io.palisade.linux.packet.RingGeometry;
import io.palisade.linux.packet.RxFrame;
import io.palisade.linux.sys.LinuxIoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;

/**
 * A Linux interface through AF_PACKET: one socket (TPACKET_V3 receive ring, batched sendmmsg transmit) per
 * worker queue, joined in a fanout group of the interface whose classic BPF program ({@link FlowOwnerBpf})
 * computes the engine's own flow owner, so IPv4 TCP and UDP arrive at the worker that owns their session (in
 * both directions, and for NAT replies); the rest is handed over by the engine as before. Promiscuous (frames for the HA virtual MAC must be seen),
 * own transmissions ignored, qdisc bypassed. Frames the kernel left with a partial checksum are flagged so the
 * engine completes the checksum before the frame leaves through another port.
 */
public final class AfPacketPort implements Port {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AfPacketPort.class);

    private final String name;
    private final String link;
    private final AfPacketSocket[] sockets;
    private final FrameTransmitter[] transmitters;
    private final Receiver[] receivers;
    private final long mac;
    private final SysfsOperstate operstate = SysfsOperstate.system();
    private volatile boolean adminUp = true;
    private volatile long acceptedUnicast;
    private long ringDrops;

    /** Copies ring frames into the worker's batch; one per queue, reused (no allocation per receive). */
    private final class Receiver implements FrameHandler {
        FrameBatch batch;
        int added;
        long oversize;
        long otherHost;

        @Override
        public void onFrame(RxFrame f) {
            if (f.packetType() == RxFrame.PACKET_OUTGOING) {
                return;
            }
            long only = acceptedUnicast;
            if (only != 0 && f.length() >= 6 && !forUs(f, only)) {
                otherHost++;
                return;
            }
            if (f.oversize() || f.length() > batch.slotSize()) {
                if (oversize++ == 0) {
                    LOG.warn(
                            "interface {} (Linux {}): dropping a {}-byte frame, larger than the MTU: the sending side"
                                    + " merges segments (GSO/TSO or GRO on); switch it off there with ethtool -K"
                                    + " <interface> gso off tso off gro off (counted as pkt_too_big)",
                            name,
                            link,
                            f.length());
                }
                return;
            }
            if (batch.add(f.buffer(), f.offset(), f.length(), f.checksumNotReady() ? FrameBatch.CHECKSUM_PARTIAL : 0)) {
                added++;
            }
        }
    }

    /**
     * @param name PAN-OS interface name
     * @param link Linux interface name
     * @param queues sockets to open (one per worker)
     * @param fanoutGroup fanout group id, unique per interface in this process
     */
    public AfPacketPort(String name, String link, int queues, int fanoutGroup) {
        this.name = name;
        this.link = link;
        this.sockets = new AfPacketSocket[queues];
        this.transmitters = new FrameTransmitter[queues];
        this.receivers = new Receiver[queues];
        try {
            for (int q = 0; q < queues; q++) {
                // A TPACKET_V3 block reaches user space when full or after its timeout: 1 ms bounds the latency a
                // lightly loaded firewall adds per hop; 16 MiB per ring absorbs TCP bursts while a worker is busy.
                AfPacketOptions options = AfPacketOptions.defaults().withRing(new RingGeometry(1 << 20, 16, 2048, 1));
                if (queues > 1) {
                    // the kernel computes the engine's flow owner, so packets arrive at the worker owning them
                    options = options.withFanout(Fanout.cbpf(fanoutGroup, FlowOwnerBpf.program()));
                }
                sockets[q] = AfPacketSocket.open(link, options);
                transmitters[q] = sockets[q].transmitter();
                receivers[q] = new Receiver();
            }
            try (RtNetlink rt = RtNetlink.open()) {
                this.mac = parseMac(rt.link(link).mac());
            }
            receiveOffloadOff();
        } catch (LinuxIoException e) {
            close();
            throw new UncheckedIOException(
                    new IOException("interface " + name + " (Linux " + link + "): " + e.getMessage(), e));
        }
    }

    /**
     * GRO on this link would merge received segments into frames larger than the MTU before AF_PACKET sees them,
     * and a firewall must forward frames as they were on the wire: switch it off, and say so. (GSO/TSO matter on
     * the sending side, which is not ours to change; oversize frames from there are dropped and counted.)
     */
    private void receiveOffloadOff() {
        try (Ethtool ethtool = Ethtool.open()) {
            if (ethtool.get(link, Offload.GRO)) {
                ethtool.set(link, Offload.GRO, false);
                LOG.info("interface {} (Linux {}): generic-receive-offload switched off for forwarding", name, link);
            }
        } catch (LinuxIoException e) {
            LOG.warn("interface {} (Linux {}): cannot check GRO: {}", name, link, e.getMessage());
        }
    }

    private static boolean forUs(RxFrame f, long mac) {
        MemorySegment b = f.buffer();
        long o = f.offset();
        byte first = b.get(java.lang.foreign.ValueLayout.JAVA_BYTE, o);
        if ((first & 1) != 0) {
            return true; // broadcast or multicast
        }
        long dst = 0;
        for (int i = 0; i < 6; i++) {
            dst = dst << 8 | (b.get(java.lang.foreign.ValueLayout.JAVA_BYTE, o + i) & 0xff);
        }
        return dst == mac;
    }

    @Override
    public void acceptUnicast(long mac) {
        acceptedUnicast = mac;
    }

    @Override
    public long otherHostFrames() {
        long n = 0;
        for (Receiver r : receivers) {
            n += r == null ? 0 : r.otherHost;
        }
        return n;
    }

    /**
     * Frames the kernel dropped because a worker's receive ring was full (the worker did not keep up), since the
     * port was opened. The kernel resets its counter on each read, so reads are added up here.
     */
    public synchronized long ringDrops() {
        for (AfPacketSocket socket : sockets) {
            try {
                ringDrops += socket.statistics().drops();
            } catch (LinuxIoException | RuntimeException e) {
                // a closed or failing socket has nothing more to report
            }
        }
        return ringDrops;
    }

    /** Frames dropped because they were larger than the MTU (segments merged by offloads). */
    public long oversizeFrames() {
        long n = 0;
        for (Receiver r : receivers) {
            n += r == null ? 0 : r.oversize;
        }
        return n;
    }

    private static long parseMac(String text) {
        return text == null ? 0 : Long.parseLong(text.replace(":", ""), 16);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int queues() {
        return sockets.length;
    }

    @Override
    public int receive(int queue, FrameBatch batch) {
        Receiver r = receivers[queue];
        r.batch = batch;
        r.added = 0;
        int room = batch.capacity() - batch.count();
        if (room > 0) {
            sockets[queue].receive(r, room);
        }
        return adminUp ? r.added : 0;
    }

    @Override
    public boolean send(int queue, MemorySegment frame, int length) {
        if (!adminUp) {
            return false;
        }
        FrameTransmitter tx = transmitters[queue];
        if (tx.add(frame, 0, length)) {
            return true;
        }
        flush(queue);
        return tx.add(frame, 0, length);
    }

    @Override
    public void flush(int queue) {
        try {
            if (transmitters[queue].pending() > 0) {
                transmitters[queue].flush();
            }
        } catch (LinuxIoException e) {
            // a link that went down refuses frames; they are lost as on a wire and counted by the socket
        }
    }

    @Override
    public boolean linkUp() {
        try {
            return operstate
                    .read(link)
                    .map(s -> s == OperState.UP || s == OperState.UNKNOWN)
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Passive link state shutdown: the Linux link itself goes down, so neighbours see carrier loss. */
    @Override
    public void setAdminUp(boolean up) {
        adminUp = up;
        try (RtNetlink rt = RtNetlink.open()) {
            rt.setLinkUp(link, up);
        } catch (LinuxIoException e) {
            throw new UncheckedIOException(
                    new IOException("interface " + name + " (Linux " + link + "): " + e.getMessage(), e));
        }
    }

    @Override
    public boolean adminUp() {
        return adminUp;
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public int receiveDescriptor(int queue) {
        return sockets[queue].fd();
    }

    @Override
    public void clearReceiveError(int queue) {
        poll(queue, 0);
    }

    /** Blocks up to {@code timeoutMs} until queue {@code queue} has frames. */
    public boolean poll(int queue, int timeoutMs) {
        try {
            return sockets[queue].poll(timeoutMs);
        } catch (LinuxIoException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (AfPacketSocket s : sockets) {
            if (s != null) {
                s.close();
            }
        }
    }
}

package io.palisade.ha.sync;

import io.palisade.linux.packet.AfPacketOptions;
import io.palisade.linux.packet.AfPacketSocket;
import io.palisade.linux.packet.FrameHandler;
import io.palisade.linux.packet.FrameTransmitter;
import io.palisade.linux.packet.RxFrame;
import io.palisade.linux.packet.TxMode;
import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Ifreq;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.SocketConstants;
import io.palisade.linux.sys.Sockets;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HA2 as raw Ethernet frames of EtherType 0x7261 (the PAN-OS default) over an {@link AfPacketSocket} on a
 * dedicated interface. Frames go to the peer's MAC (broadcast when none is configured) from this interface's MAC;
 * received frames of other EtherTypes are ignored, and with a peer MAC configured frames from any other source MAC
 * are refused and counted.
 *
 * <pre>
 * +-------------------+-------------------+-----------+----------------------------------+
 * | destination (6)   | source (6)        | 0x7261    | HA2 frame ({@link Ha2Codec})      |
 * +-------------------+-------------------+-----------+----------------------------------+
 * </pre>
 *
 * Threads: the HA2 agent thread receives and polls (the RX ring); senders (workers, the agent) transmit under a
 * lock, through the socket's batch transmitter, which has its own call state and staging memory, so the two sides
 * never share mutable state.
 */
public final class EthernetHa2Link extends LinkBase {
    /** EtherType of HA2 frames. */
    public static final int ETHER_TYPE = 0x7261;
    /** Destination, source, EtherType. */
    public static final int ETHERNET_HEADER = 14;

    private static final Logger LOG = LoggerFactory.getLogger(EthernetHa2Link.class);
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final int RECEIVE_BUDGET = 256;

    private final AfPacketSocket socket;
    private final long ownMac;
    private final long peerMac;
    private final int maxFrameBytes;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Arena stagingArena = Arena.ofShared();
    private final MemorySegment staging;
    private final Receiver receiver = new Receiver();

    private EthernetHa2Link(String name, AfPacketSocket socket, long ownMac, long peerMac, int maxFrameBytes) {
        super(name);
        this.socket = socket;
        this.ownMac = ownMac;
        this.peerMac = peerMac;
        this.maxFrameBytes = maxFrameBytes;
        this.staging = stagingArena.allocate(ETHERNET_HEADER + maxFrameBytes);
        putMac(staging, 0, peerMac < 0 ? BROADCAST : peerMac);
        putMac(staging, 6, ownMac);
        staging.set(ValueLayout.JAVA_BYTE, 12, (byte) (ETHER_TYPE >>> 8));
        staging.set(ValueLayout.JAVA_BYTE, 13, (byte) ETHER_TYPE);
    }

    /**
     * Opens the link on {@code interfaceName} in the calling thread's network namespace.
     *
     * @param peerMac the peer's MAC (low 48 bits), or -1 to send to broadcast and accept any source
     * @param mtu largest HA2 frame wanted; the interface MTU caps it
     */
    public static EthernetHa2Link open(String name, String interfaceName, long peerMac, int mtu)
            throws LinuxIoException {
        AfPacketOptions options = AfPacketOptions.defaults()
                .withPromiscuous(false)
                .withQdiscBypass(false)
                .withTx(TxMode.SENDMMSG, 1, Math.max(2048, ETHERNET_HEADER + mtu));
        AfPacketSocket socket = AfPacketSocket.open(interfaceName, options);
        try {
            int max = Math.min(Math.min(mtu, socket.mtu()), Ha2Codec.MAX_FRAME_BYTES);
            if (max < Ha2Codec.MIN_FRAME_BYTES) {
                throw new IllegalArgumentException(
                        "HA2 MTU " + max + " on " + interfaceName + " is below " + Ha2Codec.MIN_FRAME_BYTES);
            }
            long own = hardwareAddress(interfaceName);
            EthernetHa2Link link = new EthernetHa2Link(name, socket, own, peerMac, max);
            LOG.info("HA2 link {}: {}", name, link.describe());
            return link;
        } catch (LinuxIoException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Parses {@code 02:00:00:00:00:0b} into the low 48 bits of a long. */
    public static long parseMac(String text) {
        String hex = text.replace(":", "").replace("-", "");
        if (hex.length() != 12) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex bytes)");
        }
        return HexFormat.fromHexDigitsToLong(hex);
    }

    /** The MAC of this link's interface. */
    public long ownMac() {
        return ownMac;
    }

    @Override
    public String transport() {
        return "ethernet";
    }

    @Override
    public String describe() {
        return "ethernet " + socket.interfaceName() + " " + macText(ownMac) + " -> "
                + (peerMac < 0 ? "broadcast" : macText(peerMac)) + ", EtherType 0x7261, frames up to " + maxFrameBytes
                + " bytes";
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    boolean transmit(byte[] frame, int offset, int length) {
        if (length > maxFrameBytes) {
            return false;
        }
        sendLock.lock();
        try {
            if (isClosed()) {
                return false;
            }
            MemorySegment.copy(frame, offset, staging, ValueLayout.JAVA_BYTE, ETHERNET_HEADER, length);
            FrameTransmitter tx = socket.transmitter();
            return tx.add(staging, 0, ETHERNET_HEADER + length) && tx.flush() == 1;
        } catch (LinuxIoException e) {
            LOG.warn("HA2 link {}: transmit failed: {}", name(), e.getMessage());
            return false;
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    int read(byte[] into) {
        receiver.into = into;
        receiver.length = 0;
        // Bounded: a flood of foreign frames on the link must not keep the agent thread here.
        for (int i = 0; i < RECEIVE_BUDGET && socket.receive(receiver, 1) > 0; i++) {
            if (receiver.length > 0) {
                return receiver.length;
            }
        }
        return 0;
    }

    /** Filters one ring frame and copies an HA2 payload out; a reused handler, so receiving allocates nothing. */
    private final class Receiver implements FrameHandler {
        byte[] into;
        int length;

        @Override
        public void onFrame(RxFrame frame) {
            MemorySegment buffer = frame.buffer();
            long at = frame.offset();
            int captured = frame.length();
            // veth and promiscuous neighbours hand up frames for other MACs too; HA2 takes only its own.
            if (captured < ETHERNET_HEADER
                    || etherType(buffer, at) != ETHER_TYPE
                    || frame.packetType() == RxFrame.PACKET_OTHERHOST) {
                counters().increment(Ha2Counter.NOT_HA2);
                return;
            }
            long source = mac(buffer, at + 6);
            if (source == ownMac || (peerMac >= 0 && source != peerMac)) {
                counters().increment(Ha2Counter.PEER_ADDRESS_REFUSED);
                return;
            }
            int payload = captured - ETHERNET_HEADER;
            if (payload > into.length || frame.wireLength() != captured) {
                counters().increment(Ha2Counter.OVERSIZE);
                return;
            }
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, at + ETHERNET_HEADER, into, 0, payload);
            length = payload;
        }
    }

    @Override
    public void awaitReadable(int timeoutMs) throws IOException {
        socket.poll(Math.max(0, timeoutMs));
    }

    @Override
    public void close() {
        super.close();
        sendLock.lock();
        try {
            socket.close();
            stagingArena.close();
        } finally {
            sendLock.unlock();
        }
    }

    private static int etherType(MemorySegment buffer, long at) {
        return (buffer.get(ValueLayout.JAVA_BYTE, at + 12) & 0xff) << 8
                | (buffer.get(ValueLayout.JAVA_BYTE, at + 13) & 0xff);
    }

    private static long mac(MemorySegment buffer, long at) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | (buffer.get(ValueLayout.JAVA_BYTE, at + i) & 0xff);
        }
        return mac;
    }

    private static void putMac(MemorySegment segment, long at, long mac) {
        for (int i = 0; i < 6; i++) {
            segment.set(ValueLayout.JAVA_BYTE, at + i, (byte) (mac >>> (40 - 8 * i)));
        }
    }

    static String macText(long mac) {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    /** {@code SIOCGIFHWADDR} on a throw-away socket in the calling thread's namespace. */
    private static long hardwareAddress(String interfaceName) throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            int fd = Sockets.open(
                    cs,
                    SocketConstants.AF_INET,
                    SocketConstants.SOCK_DGRAM,
                    0,
                    "HA2 SIOCGIFHWADDR socket",
                    interfaceName);
            try {
                MemorySegment ifreq = Ifreq.allocate(arena, interfaceName);
                if (Libc.ioctl(cs, fd, Ifreq.SIOCGIFHWADDR, ifreq) < 0) {
                    throw cs.failure("HA2 SIOCGIFHWADDR", interfaceName);
                }
                long mac = 0;
                for (byte b : Ifreq.hardwareAddress(ifreq)) {
                    mac = mac << 8 | (b & 0xff);
                }
                return mac;
            } finally {
                Sockets.closeQuietly(fd);
            }
        }
    }
}

package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.palisade.common.Counters;
import io.palisade.linux.packet.PacketStructs.Options;
import io.palisade.linux.packet.PacketStructs.PacketMreq;
import io.palisade.linux.packet.PacketStructs.SockFprog;
import io.palisade.linux.packet.PacketStructs.SockaddrLl;
import io.palisade.linux.packet.PacketStructs.TpacketReq3;
import io.palisade.linux.packet.PacketStructs.TpacketStatsV3;
import io.palisade.linux.packet.RingTransmitter.TxRingGeometry;
import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Ifreq;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.PollFd;
import io.palisade.linux.sys.SocketConstants;
import io.palisade.linux.sys.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An AF_PACKET socket bound to one Linux interface, receiving through a TPACKET_V3 RX ring and transmitting
 * batches ({@link FrameTransmitter}). It lives in the network namespace of the thread that opened it
 * ({@link io.palisade.linux.netns.NetNamespace}).
 *
 * <p>One owner thread receives, polls, transmits and closes; the memory is in a shared arena only so that the
 * socket may be opened on one thread (say, inside a namespace) and handed to its worker.
 *
 * <pre>{@code
 * try (AfPacketSocket port = AfPacketSocket.open("eth1", AfPacketOptions.defaults().withFanout(Fanout.hash(7)))) {
 *     while (running) {
 *         if (port.receive(frame -> forward(frame), 64) == 0) {
 *             port.poll(100);      // idle: block in the kernel instead of spinning
 *         }
 *     }
 * }
 * }</pre>
 */
public final class AfPacketSocket implements AutoCloseable {
    /** Room for an Ethernet header and one 802.1Q tag on top of the MTU. */
    static final int LINK_OVERHEAD = 18;

    private final Arena arena;
    private final int fd;
    private final String interfaceName;
    private final int interfaceIndex;
    private final int mtu;
    private final Counters<AfPacketCounter> counters = new Counters<>(AfPacketCounter.class);
    private final CallState callState;
    private final PollFd pollFd;
    private RxRing rxRing;
    private FrameTransmitter transmitter;
    private int lastSocketErrno;
    private boolean closed;

    private AfPacketSocket(Arena arena, int fd, String interfaceName, int interfaceIndex, int mtu) {
        this.arena = arena;
        this.fd = fd;
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
        this.mtu = mtu;
        this.callState = CallState.allocate(arena);
        this.pollFd = new PollFd(arena, fd, SocketConstants.POLLIN | SocketConstants.POLLERR);
    }

    /**
     * Opens a socket on {@code interfaceName} in the calling thread's network namespace.
     *
     * @throws LinuxIoException naming the step that failed, e.g. {@code AF_PACKET bind on veth-a0 failed: ENODEV
     *     (No such device)}
     */
    public static AfPacketSocket open(String interfaceName, AfPacketOptions options) throws LinuxIoException {
        int interfaceIndex = Sockets.interfaceIndex(interfaceName, "AF_PACKET bind");
        Arena arena = Arena.ofShared();
        int fd = -1;
        try {
            CallState cs = CallState.allocate(arena);
            // Protocol 0: no frames are queued until bind, so nothing from other interfaces lands in the ring.
            fd = Sockets.open(
                    cs,
                    SocketConstants.AF_PACKET,
                    SocketConstants.SOCK_RAW | SocketConstants.SOCK_NONBLOCK,
                    0,
                    "AF_PACKET socket",
                    interfaceName);
            int mtu = readMtu(cs, arena, fd, interfaceName);
            AfPacketSocket socket = new AfPacketSocket(arena, fd, interfaceName, interfaceIndex, mtu);
            socket.configure(options);
            return socket;
        } catch (LinuxIoException | RuntimeException e) {
            arena.close();
            Sockets.closeQuietly(fd);
            throw e;
        }
    }

    private void configure(AfPacketOptions options) throws LinuxIoException {
        setInt(Options.PACKET_VERSION, Options.TPACKET_V3, "AF_PACKET PACKET_VERSION (TPACKET_V3)");
        if (options.qdiscBypass()) {
            setInt(Options.PACKET_QDISC_BYPASS, 1, "AF_PACKET PACKET_QDISC_BYPASS");
        }
        if (options.ignoreOutgoing()) {
            setInt(Options.PACKET_IGNORE_OUTGOING, 1, "AF_PACKET PACKET_IGNORE_OUTGOING");
        }
        RingGeometry rx = options.ring();
        setRing(
                Options.PACKET_RX_RING,
                rx.blockSize(),
                rx.blockCount(),
                rx.frameSize(),
                rx.frameCount(),
                rx.blockTimeoutMs());
        TxRingGeometry tx = null;
        if (options.txMode() == TxMode.RING) {
            tx = TxRingGeometry.forBatches(options.txBatchFrames(), options.txSlotBytes());
            setRing(Options.PACKET_TX_RING, tx.blockSize(), tx.blockCount(), tx.slotSize(), tx.slotCount(), 0);
        }
        MemorySegment mapping = map(rx.totalBytes() + (tx == null ? 0 : tx.totalBytes()));
        bind();
        if (options.promiscuous()) {
            joinPromiscuous();
        }
        if (options.fanout() != null) {
            joinFanout(options.fanout());
        }
        int maxFrameLength = mtu + LINK_OVERHEAD;
        rxRing = new RxRing(
                mapping.asSlice(0, rx.totalBytes()), rx.blockSize(), rx.blockCount(), maxFrameLength, counters);
        transmitter = tx == null
                ? new MmsgTransmitter(this, arena, options, maxFrameLength)
                : new RingTransmitter(
                        this,
                        arena,
                        mapping.asSlice(rx.totalBytes(), tx.totalBytes()),
                        tx,
                        options.txBatchFrames(),
                        maxFrameLength);
    }

    private static int readMtu(CallState cs, Arena arena, int fd, String interfaceName) throws LinuxIoException {
        MemorySegment ifreq = Ifreq.allocate(arena, interfaceName);
        if (Libc.ioctl(cs, fd, Ifreq.SIOCGIFMTU, ifreq) < 0) {
            throw cs.failure("AF_PACKET SIOCGIFMTU", interfaceName);
        }
        return Ifreq.intValue(ifreq);
    }

    private void setInt(int option, int value, String operation) throws LinuxIoException {
        Sockets.setInt(callState, fd, SocketConstants.SOL_PACKET, option, value, operation, interfaceName);
    }

    private void setRing(int option, int blockSize, int blockCount, int frameSize, int frameCount, int timeoutMs)
            throws LinuxIoException {
        MemorySegment req = arena.allocate(TpacketReq3.LAYOUT);
        req.set(JAVA_INT, TpacketReq3.BLOCK_SIZE, blockSize);
        req.set(JAVA_INT, TpacketReq3.BLOCK_NR, blockCount);
        req.set(JAVA_INT, TpacketReq3.FRAME_SIZE, frameSize);
        req.set(JAVA_INT, TpacketReq3.FRAME_NR, frameCount);
        req.set(JAVA_INT, TpacketReq3.RETIRE_BLK_TOV, timeoutMs);
        String name = option == Options.PACKET_RX_RING ? "PACKET_RX_RING" : "PACKET_TX_RING";
        String operation = "AF_PACKET " + name + " (" + blockCount + " x " + blockSize + " B)";
        Sockets.set(callState, fd, SocketConstants.SOL_PACKET, option, req, operation, interfaceName);
    }

    /** Maps both rings; the mapping is undone when the arena closes. */
    private MemorySegment map(long length) throws LinuxIoException {
        MemorySegment address = Libc.mmap(
                callState,
                MemorySegment.NULL,
                length,
                SocketConstants.PROT_READ | SocketConstants.PROT_WRITE,
                SocketConstants.MAP_SHARED | SocketConstants.MAP_POPULATE,
                fd,
                0);
        if (address.address() == -1L) {
            throw callState.failure("AF_PACKET mmap of " + length + " B ring", interfaceName);
        }
        return address.reinterpret(length, arena, mapped -> {
            try (Arena scratch = Arena.ofConfined()) {
                Libc.munmap(CallState.allocate(scratch), mapped, length);
            }
        });
    }

    private void bind() throws LinuxIoException {
        MemorySegment address = arena.allocate(SockaddrLl.LAYOUT);
        address.set(JAVA_SHORT, SockaddrLl.FAMILY, (short) SocketConstants.AF_PACKET);
        address.set(JAVA_SHORT, SockaddrLl.PROTOCOL, SocketConstants.htons(Options.ETH_P_ALL));
        address.set(JAVA_INT, SockaddrLl.IFINDEX, interfaceIndex);
        if (Libc.bind(callState, fd, address, (int) SockaddrLl.LAYOUT.byteSize()) < 0) {
            throw callState.failure("AF_PACKET bind", interfaceName);
        }
    }

    private void joinPromiscuous() throws LinuxIoException {
        MemorySegment mreq = arena.allocate(PacketMreq.LAYOUT);
        mreq.set(JAVA_INT, PacketMreq.IFINDEX, interfaceIndex);
        mreq.set(JAVA_SHORT, PacketMreq.TYPE, (short) Options.PACKET_MR_PROMISC);
        Sockets.set(
                callState,
                fd,
                SocketConstants.SOL_PACKET,
                Options.PACKET_ADD_MEMBERSHIP,
                mreq,
                "AF_PACKET promiscuous membership",
                interfaceName);
    }

    private void joinFanout(Fanout fanout) throws LinuxIoException {
        setInt(
                Options.PACKET_FANOUT,
                fanout.optionValue(),
                "AF_PACKET PACKET_FANOUT (group " + fanout.groupId() + ", " + fanout.mode() + ")");
        if (fanout.program() != null) {
            MemorySegment filter = arena.allocate(
                    SockFprog.FILTER_LAYOUT, fanout.program().instructions().size());
            long at = 0;
            for (BpfProgram.Instruction insn : fanout.program().instructions()) {
                filter.set(JAVA_SHORT, at, (short) insn.code());
                filter.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 2, (byte) insn.jumpTrue());
                filter.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 3, (byte) insn.jumpFalse());
                filter.set(JAVA_INT, at + 4, insn.k());
                at += SockFprog.FILTER_LAYOUT.byteSize();
            }
            MemorySegment program = arena.allocate(SockFprog.LAYOUT);
            program.set(JAVA_SHORT, SockFprog.LEN, (short)
                    fanout.program().instructions().size());
            program.set(ADDRESS, SockFprog.FILTER, filter);
            Sockets.set(
                    callState,
                    fd,
                    SocketConstants.SOL_PACKET,
                    Options.PACKET_FANOUT_DATA,
                    program,
                    "AF_PACKET PACKET_FANOUT_DATA (CBPF program)",
                    interfaceName);
        }
    }

    /**
     * Hands up to {@code budget} received frames to {@code handler}; never blocks and allocates nothing.
     *
     * @return frames delivered; 0 when the ring is empty
     */
    public int receive(FrameHandler handler, int budget) {
        checkOpen();
        return rxRing.receive(handler, budget);
    }

    /**
     * Blocks until frames are ready, the socket reports an error, or {@code timeoutMs} passes (0: just check,
     * -1: no limit). A pending socket error (say {@code ENETDOWN} when the link went down) is read and cleared here,
     * counted, and kept in {@link #lastSocketErrno()}; otherwise poll would report it again at once forever. Frames
     * already in the ring come first: the error is taken by the first poll that finds the ring empty.
     *
     * @return true when frames are ready
     */
    public boolean poll(int timeoutMs) throws LinuxIoException {
        checkOpen();
        if (rxRing.ready()) {
            return true;
        }
        int events = pollFd.await(timeoutMs, "AF_PACKET poll", interfaceName);
        if ((events & SocketConstants.POLLERR) != 0) {
            int error = Sockets.takeError(callState, fd, interfaceName);
            if (error != 0) {
                lastSocketErrno = error;
                counters.increment(AfPacketCounter.RX_SOCKET_ERROR);
            }
        }
        return rxRing.ready();
    }

    /** The batch transmitter of this socket (one per socket, same owner thread). */
    public FrameTransmitter transmitter() {
        checkOpen();
        return transmitter;
    }

    /** The kernel's counters since the previous call (reading resets them). */
    public PacketStatistics statistics() throws LinuxIoException {
        checkOpen();
        // own scratch memory: a monitoring thread may read statistics while the owner thread sends and polls
        try (Arena scratch = Arena.ofConfined()) {
            CallState cs = CallState.allocate(scratch);
            MemorySegment stats = scratch.allocate(TpacketStatsV3.LAYOUT);
            MemorySegment length = scratch.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) TpacketStatsV3.LAYOUT.byteSize());
            if (Libc.getsockopt(cs, fd, SocketConstants.SOL_PACKET, Options.PACKET_STATISTICS, stats, length) < 0) {
                throw cs.failure("AF_PACKET PACKET_STATISTICS", interfaceName);
            }
            return new PacketStatistics(
                    Integer.toUnsignedLong(stats.get(JAVA_INT, TpacketStatsV3.PACKETS)),
                    Integer.toUnsignedLong(stats.get(JAVA_INT, TpacketStatsV3.DROPS)),
                    Integer.toUnsignedLong(stats.get(JAVA_INT, TpacketStatsV3.FREEZE_Q_CNT)));
        }
    }

    public Counters<AfPacketCounter> counters() {
        return counters;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** The interface MTU when the socket was opened. */
    public int mtu() {
        return mtu;
    }

    /** Longest frame expected without GRO/GSO: MTU plus Ethernet and one VLAN header. */
    public int maxFrameLength() {
        return mtu + LINK_OVERHEAD;
    }

    /** The last error {@link #poll} cleared from the socket, 0 if none. */
    public int lastSocketErrno() {
        return lastSocketErrno;
    }

    /** The socket descriptor, for a {@code poll(2)} over several sockets; {@link #poll} clears errors. */
    public int fd() {
        return fd;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("AF_PACKET socket on " + interfaceName + " is closed");
        }
    }

    /** Unmaps the rings and closes the descriptor (which also leaves fanout and promiscuous membership). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        Sockets.closeQuietly(fd);
    }
}

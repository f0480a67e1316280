package io.palisade.linux.packet;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Ifreq;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.SocketConstants;
import io.palisade.linux.sys.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * Reads and switches interface offloads through {@code ioctl(SIOCETHTOOL)} with the legacy per-feature commands,
 * the FFM equivalent of {@code ethtool -K IF gro off gso off tso off tx off}. Works on the interfaces of the
 * network namespace of the thread that opened it.
 *
 * <pre>
 * struct ethtool_value (8 B)      passed by pointer in ifreq.ifr_data
 *   0  u32 cmd    ETHTOOL_G* / ETHTOOL_S*
 *   4  u32 data   0 off, 1 on
 * </pre>
 */
public final class Ethtool implements AutoCloseable {
    static final StructLayout VALUE_LAYOUT =
            MemoryLayout.structLayout(JAVA_INT.withName("cmd"), JAVA_INT.withName("data"));
    static final long CMD = 0;
    static final long DATA = 4;

    /** What {@link #disableOffloads} switches off, in an order the kernel's feature dependencies accept. */
    public static final List<Offload> FORWARDING_OFFLOADS =
            List.of(Offload.GRO, Offload.GSO, Offload.TSO, Offload.TX_CHECKSUM);

    private final int fd;

    private Ethtool(int fd) {
        this.fd = fd;
    }

    /** Opens the control socket in the calling thread's network namespace. */
    public static Ethtool open() throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = Sockets.open(
                    CallState.allocate(arena),
                    SocketConstants.AF_INET,
                    SocketConstants.SOCK_DGRAM,
                    0,
                    "ethtool control socket",
                    null);
            return new Ethtool(fd);
        }
    }

    /** Whether {@code offload} is on for {@code interfaceName}. */
    public boolean get(String interfaceName, Offload offload) throws LinuxIoException {
        return call(interfaceName, offload.getCommand(), 0, offload.commandName(false)) != 0;
    }

    /** Switches {@code offload} on or off for {@code interfaceName}. */
    public void set(String interfaceName, Offload offload, boolean enabled) throws LinuxIoException {
        String what = offload.commandName(true) + " (" + offload.ethtoolName() + (enabled ? " on" : " off") + ")";
        call(interfaceName, offload.setCommand(), enabled ? 1 : 0, what);
    }

    /**
     * Switches GRO, GSO, TSO and TX checksumming off, so AF_PACKET sees single wire-sized frames with complete
     * checksums, as a forwarding firewall needs.
     */
    public void disableOffloads(String interfaceName) throws LinuxIoException {
        for (Offload offload : FORWARDING_OFFLOADS) {
            set(interfaceName, offload, false);
        }
    }

    /** One-shot {@link #disableOffloads} in the calling thread's namespace. */
    public static void disableOffloadsOn(String interfaceName) throws LinuxIoException {
        try (Ethtool ethtool = open()) {
            ethtool.disableOffloads(interfaceName);
        }
    }

    private int call(String interfaceName, int command, int data, String what) throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            MemorySegment value = arena.allocate(VALUE_LAYOUT);
            value.set(JAVA_INT, CMD, command);
            value.set(JAVA_INT, DATA, data);
            MemorySegment ifreq = Ifreq.allocate(arena, interfaceName);
            Ifreq.setData(ifreq, value);
            if (Libc.ioctl(cs, fd, Ifreq.SIOCETHTOOL, ifreq) < 0) {
                throw cs.failure("ethtool " + what, interfaceName);
            }
            return value.get(JAVA_INT, DATA);
        }
    }

    @Override
    public void close() {
        Sockets.closeQuietly(fd);
    }
}

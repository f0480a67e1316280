package io.palisade.dataplane.port;

import io.palisade.config.model.Backing;
import io.palisade.config.model.InterfaceConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Creates the port an interface's {@code backing} names. */
@FunctionalInterface
public interface PortFactory {
    Port create(InterfaceConfig ifc, int interfaceId, int queues);

    /**
     * The real ports: AF_PACKET for Linux links, UDP tunnels, capture files, memory.
     *
     * @param baseDir folder that relative capture paths resolve against
     */
    static PortFactory standard(Path baseDir) {
        return (ifc, id, queues) -> switch (ifc.backing()) {
            case Backing.AfPacket a -> new AfPacketPort(ifc.name(), a.link(), queues, 0x5000 + id);
            case Backing.UdpTunnel u ->
                new UdpTunnelPort(
                        ifc.name(),
                        new InetSocketAddress(u.local().address(), u.local().port()),
                        new InetSocketAddress(u.remote().address(), u.remote().port()),
                        u.linkUp(),
                        localMac(id));
            case Backing.Pcap p ->
                new PcapPort(
                        ifc.name(),
                        baseDir.resolve(p.input()),
                        p.output() == null ? null : baseDir.resolve(p.output()));
            case Backing.Memory m -> new MemoryPort(ifc.name(), localMac(id));
        };
    }

    /** A locally administered MAC for ports without hardware: 02:50:4c:00:00:<id>. */
    static long localMac(int interfaceId) {
        return 0x0250_4c00_0000L | (interfaceId & 0xffff);
    }
}

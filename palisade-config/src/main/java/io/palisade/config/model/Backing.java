package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;
import io.palisade.config.bind.TypeName;

/** Where an interface's frames come from and go to on this host; selected with {@code type}. */
public sealed interface Backing {

    /**
     * A Linux network interface through an AF_PACKET socket with TPACKET_V3 rings.
     *
     * @param link Linux interface name, e.g. {@code veth-a0}
     */
    @TypeName("af-packet")
    record AfPacket(@Required String link) implements Backing {}

    /**
     * A capture file: frames are read from {@code input} and forwarded frames written to {@code output}.
     *
     * @param input pcap or pcapng file to read
     * @param output pcap file to write, or absent
     */
    @TypeName("pcap")
    record Pcap(@Required String input, String output) implements Backing {}

    /** An in-memory port for tests. */
    @TypeName("memory")
    record Memory() implements Backing {}

    /**
     * One Ethernet frame per UDP datagram on loopback, for the rootless lab.
     *
     * @param local address this port receives on
     * @param remote address frames are sent to
     * @param linkUp initial link state
     */
    @TypeName("udp-tunnel")
    record UdpTunnel(
            @Required HostPort local,
            @Required HostPort remote,
            @Default("true") boolean linkUp) implements Backing {}
}

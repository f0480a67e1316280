package io.palisade.dataplane.engine;

import io.palisade.dataplane.packet.LinkType;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.packet.PacketParser;
import io.palisade.dataplane.packet.ParseOutcome;
import io.palisade.dataplane.packet.ParseStatus;
import io.palisade.testkit.packets.FrameBuilder;
import java.lang.foreign.MemorySegment;

/** Frame shorthands for engine tests. */
final class Frames {
    static final String CLIENT_MAC = "02:00:00:00:00:0c";
    static final String SERVER_MAC = "02:00:00:00:00:05";

    private Frames() {}

    static FrameBuilder c2s(String src, String dst) {
        return FrameBuilder.ethernet().macs(CLIENT_MAC, SERVER_MAC).ipv4(src, dst);
    }

    static FrameBuilder s2c(String src, String dst) {
        return FrameBuilder.ethernet().macs(SERVER_MAC, CLIENT_MAC).ipv4(src, dst);
    }

    static byte[] tcp(String src, int sport, String dst, int dport, int flags) {
        return c2s(src, dst).tcp(sport, dport).flags(flags).build();
    }

    static byte[] tcpBack(String src, int sport, String dst, int dport, int flags) {
        return s2c(src, dst).tcp(sport, dport).flags(flags).build();
    }

    static byte[] udp(String src, int sport, String dst, int dport) {
        return c2s(src, dst).udp(sport, dport).payload("hello").build();
    }

    static byte[] udpBack(String src, int sport, String dst, int dport) {
        return s2c(src, dst).udp(sport, dport).payload("world").build();
    }

    /** Parses a frame that left the engine; fails the test if it does not parse as IP. */
    static PacketMeta parse(byte[] frame) {
        PacketMeta m = new PacketMeta();
        ParseOutcome o = PacketParser.parse(MemorySegment.ofArray(frame), frame.length, LinkType.ETHERNET, m);
        if (o != ParseStatus.OK && o != ParseStatus.ARP) {
            throw new AssertionError("frame does not parse: " + o);
        }
        return m;
    }

    static String ipv4(long lo) {
        return ((lo >>> 24) & 0xff) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
    }

    static long mac(String text) {
        return Long.parseLong(text.replace(":", ""), 16);
    }
}

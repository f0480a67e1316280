package io.palisade.dataplane.engine;

import io.palisade.dataplane.packet.Checksums;
import io.palisade.dataplane.packet.IpProtocol;
import io.palisade.dataplane.packet.NetOrder;
import io.palisade.dataplane.packet.PacketMeta;
import io.palisade.dataplane.session.SessionTable;
import java.lang.foreign.MemorySegment;

/**
 * NAT for an IPv4 ICMP error travelling in direction {@code dir} of a translated session: the outer
 * destination becomes the other side's view, and the quoted packet (which left the firewall translated) gets
 * its original addresses and ports back, so the end host can match the error to its socket. Checksums of the
 * quoted IP header and of the ICMP message are recomputed in full; errors are rare.
 */
final class IcmpErrorNat {
    private IcmpErrorNat() {}

    static void translate(MemorySegment frame, PacketMeta m, SessionTable t, int rec, int dir) {
        int other = dir ^ 1;
        long l3 = m.l3Offset();
        // Outer destination: the host the error is for, as the other side of the session knows it.
        int newOuterDst = (int) t.addressLo(rec, other, true);
        NetOrder.put32(frame, l3 + 16, newOuterDst);
        Checksums.writeIpv4Header(frame, l3, m.l4Offset() - m.l3Offset());
        // The quoted packet travelled in the other direction; restore that direction's own key.
        long inner = m.innerL3Offset();
        int innerHeader = (NetOrder.u8(frame, inner) & 0x0f) * 4;
        NetOrder.put32(frame, inner + 12, (int) t.addressLo(rec, other, true));
        NetOrder.put32(frame, inner + 16, (int) t.addressLo(rec, other, false));
        Checksums.writeIpv4Header(frame, inner, innerHeader);
        long innerL4 = m.innerL4Offset();
        int proto = m.innerProtocol();
        if (innerL4 > 0 && (proto == IpProtocol.TCP || proto == IpProtocol.UDP)) {
            NetOrder.put16(frame, innerL4, t.srcPort(rec, other));
            NetOrder.put16(frame, innerL4 + 2, t.dstPort(rec, other));
        } else if (innerL4 > 0 && proto == IpProtocol.ICMP) {
            NetOrder.put16(frame, innerL4 + 4, t.srcPort(rec, other));
        }
        long l4 = m.l4Offset();
        Checksums.writeTransport(frame, l4, m.l3End() - m.l4Offset(), Checksums.ICMP_CHECKSUM_OFFSET, 0, false);
    }
}

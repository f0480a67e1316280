package io.palisade.dataplane.session;

/**
 * Byte layout of one session record, for IPv4 ({@code A} = 4 address bytes) or IPv6 ({@code A} = 16). Both
 * directions' keys live in the record; the index only points at it.
 *
 * <pre>
 *  offset      size  field
 *  0           A     c2s source address (client)
 *  A           A     c2s destination address (server as the client addressed it)
 *  2A          2+2   c2s source port, destination port (ICMP: echo id in both)
 *  2A+4        A     s2c source address (server after destination NAT)
 *  3A+4        A     s2c destination address (client after source NAT)
 *  4A+4        2+2   s2c source port, destination port
 *  4A+8        1+1   protocol, session state ({@link SessionState})
 *  4A+10       1+1   TCP state ({@link TcpState}), flags ({@code FLAG_*})
 *  4A+12       2+2   c2s ingress zone, s2c ingress zone
 *  4A+16       2+2   ingress interface, egress interface (c2s)
 *  4A+20       2+2   security rule index, NAT rule index + 1 (0: none)
 *  4A+24       2     application id
 *  4A+26       1+1   sync state ({@link SyncState}), end reason ({@link EndReason})
 *  4A+28       4     policy epoch that admitted the session (low 32 bits)
 *  4A+32       4     start time, seconds since the table's time base
 *  4A+36       4     last packet time, milliseconds since the table's time base
 *  4A+40       4+4   packets c2s, packets s2c
 *  4A+48       8+8   bytes c2s, bytes s2c
 *  4A+64       4+4   next expected TCP sequence c2s, s2c (RST verification)
 *  4A+72       4     generation (changes when the slot is reused)
 *  4A+76       A     next hop (layer 3), 0 when on-link or virtual wire
 * </pre>
 *
 * IPv4: 96 bytes. IPv6: 156 bytes, padded to 160.
 */
public final class SessionLayout {
    final int addressBytes;
    final int recordSize;

    final int c2sSrc;
    final int c2sDst;
    final int c2sPorts;
    final int s2cSrc;
    final int s2cDst;
    final int s2cPorts;
    final int protocol;
    final int state;
    final int tcpState;
    final int flags;
    final int zoneC2s;
    final int zoneS2c;
    final int ifIn;
    final int ifOut;
    final int rule;
    final int natRule;
    final int app;
    final int syncState;
    final int endReason;
    final int epoch;
    final int start;
    final int lastSeen;
    final int packetsC2s;
    final int packetsS2c;
    final int bytesC2s;
    final int bytesS2c;
    final int seqC2s;
    final int seqS2c;
    final int generation;
    final int nextHop;

    public static final SessionLayout IPV4 = new SessionLayout(4);
    public static final SessionLayout IPV6 = new SessionLayout(16);

    private SessionLayout(int a) {
        addressBytes = a;
        c2sSrc = 0;
        c2sDst = a;
        c2sPorts = 2 * a;
        s2cSrc = 2 * a + 4;
        s2cDst = 3 * a + 4;
        s2cPorts = 4 * a + 4;
        protocol = 4 * a + 8;
        state = protocol + 1;
        tcpState = protocol + 2;
        flags = protocol + 3;
        zoneC2s = 4 * a + 12;
        zoneS2c = zoneC2s + 2;
        ifIn = 4 * a + 16;
        ifOut = ifIn + 2;
        rule = 4 * a + 20;
        natRule = rule + 2;
        app = 4 * a + 24;
        syncState = 4 * a + 26;
        endReason = syncState + 1;
        epoch = 4 * a + 28;
        start = 4 * a + 32;
        lastSeen = 4 * a + 36;
        packetsC2s = 4 * a + 40;
        packetsS2c = packetsC2s + 4;
        bytesC2s = 4 * a + 48;
        bytesS2c = bytesC2s + 8;
        seqC2s = 4 * a + 64;
        seqS2c = seqC2s + 4;
        generation = 4 * a + 72;
        nextHop = 4 * a + 76;
        recordSize = (nextHop + a + 7) & ~7;
    }

    public int recordSize() {
        return recordSize;
    }

    public boolean isIpv6() {
        return addressBytes == 16;
    }
}

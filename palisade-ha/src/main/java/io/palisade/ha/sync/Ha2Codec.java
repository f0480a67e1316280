package io.palisade.ha.sync;

import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.TcpState;
import io.palisade.ha.ha1.HaWireState;
import io.palisade.ha.sync.Ha2Message.BulkEnd;
import io.palisade.ha.sync.Ha2Message.BulkRequest;
import io.palisade.ha.sync.Ha2Message.BulkStart;
import io.palisade.ha.sync.Ha2Message.GapRequest;
import io.palisade.ha.sync.Ha2Message.KeepAlive;
import io.palisade.ha.sync.Ha2Message.RecordUpdate;
import io.palisade.ha.sync.Ha2Message.StreamMark;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HA2 wire format, all of it: the frame header and one layout per message. Protocol version 1 throughout;
 * fixed fields are big-endian, {@code varint} is unsigned LEB128 (1 byte below 128), {@code zigzag} a signed varint,
 * {@code A} an address of 4 (IPv4) or 16 (IPv6) bytes. Decoding is strict (every byte accounted for, every code
 * and flag known) and fails only with {@link Ha2DecodeException}. Session messages are written from and read into a
 * {@link SessionImage} without allocating.
 *
 * <pre>
 * Frame (version 1): one UDP datagram, or the payload of one Ethernet frame of EtherType 0x7261
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +---------------------------------------------------------------+
 * |                   magic 0x50484132 ("PHA2")                   |
 * +---------------+---------------+-------------------------------+
 * |  version (1)  |     flags     |   frame length (whole frame)  |  flags: bit 0 HMAC trailer present
 * +---------------+---------------+-------------------------------+
 * |                     sender id (u32, not 0)                    |
 * +---------------+---------------+-------------------------------+
 * |    stream     | message count |         reserved (0)          |  stream: 0..253 worker, 254 records,
 * +---------------+---------------+-------------------------------+          255 control
 * |            sender epoch (u64: wall-clock ms at start)         |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |       sequence (u32, per sender, epoch and stream; from 1)    |
 * +---------------------------------------------------------------+
 * ~  messages: type (u8), body length (varint), body; count times ~
 * +---------------------------------------------------------------+
 * |  HMAC-SHA256 over every byte before it, first 16 bytes (flag) |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * Which messages a stream may carry: worker streams session upserts and deletes and their bulk markers; the record
 * stream ARP, route and IPsec SA records and their bulk markers; the control stream keep-alives, gap requests and
 * bulk requests. Worker and record streams are reliable (gaps are detected and resent, delivery is in order); the
 * control stream only has to move forward (anything not newer than the last control frame is a duplicate or a
 * replay). A frame that carries another version is refused whole: a new layout needs a new version.
 */
public final class Ha2Codec {
    /** "PHA2". */
    public static final int MAGIC = 0x50484132;
    /** The only protocol version this node speaks. */
    public static final int VERSION = 1;
    /** Bytes before the first message. */
    public static final int HEADER_BYTES = 28;
    /** HMAC-SHA256 truncated to 128 bits (as RFC 4868 does for IPsec). */
    public static final int MAC_BYTES = 16;
    /** Header flag: the frame ends with an HMAC. */
    public static final int FLAG_HMAC = 1;
    /** Highest worker stream; as many worker streams as this plus one. */
    public static final int MAX_WORKER_STREAM = 253;
    /** The stream of ARP, route and IPsec SA records. */
    public static final int STREAM_RECORDS = 254;
    /** The stream of keep-alives, gap requests and bulk requests. */
    public static final int STREAM_CONTROL = 255;
    /** Largest frame: the 16-bit length field. Links use far less (their MTU). */
    public static final int MAX_FRAME_BYTES = 0xffff;
    /** Smallest frame size a link may be configured with: room for a keep-alive of many streams. */
    public static final int MIN_FRAME_BYTES = 512;

    /** Type 0x01: insert or update of one session. */
    public static final int SESSION_UPSERT = 0x01;
    /** Type 0x02: delete of one session. */
    public static final int SESSION_DELETE = 0x02;

    /** Worst-case encoded size of an IPv4 session upsert, type and length included. */
    public static final int MAX_UPSERT_BYTES_V4 = maxUpsertBytes(4);
    /** Worst-case encoded size of an IPv6 session upsert, type and length included. */
    public static final int MAX_UPSERT_BYTES_V6 = maxUpsertBytes(16);
    /** Worst-case encoded size of a session delete, type and length included. */
    public static final int MAX_DELETE_BYTES = 1 + 1 + 2 + 32 + 4 + 3;

    // Session presence bits.
    static final int P_IPV6 = 1;
    static final int P_NAT = 1 << 1;
    static final int P_NEXT_HOP = 1 << 2;
    static final int P_TCP_SEQ = 1 << 3;
    static final int P_COUNTERS = 1 << 4;
    static final int P_NAT_RULE = 1 << 5;
    private static final int P_KNOWN = (1 << 6) - 1;

    private static final int KA_HEARTBEAT = 1;
    private static final int KA_BULK_COMPLETE = 1 << 1;
    private static final int KA_KNOWN = 3;
    private static final int REC_WITHDRAWN = 1;
    private static final int REC_IPV6 = 1 << 1;
    private static final int REC_OPTION = 1 << 2;
    private static final int REC_KNOWN = 7;
    private static final int MAX_TUNNEL_NAME = 63;
    // values() copies its array on every call: count once, so decoding allocates nothing.
    private static final int SESSION_STATES = SessionState.values().length;
    private static final int TCP_STATES = TcpState.values().length;

    private Ha2Codec() {}

    private static int maxUpsertBytes(int a) {
        return 1
                + 2 // type, body length
                + 1
                + 1 // presence, protocol
                + 2 * (2 * a + 4) // both keys
                + 3
                + 3 // zones
                + 1
                + 1 // state, flags
                + 5
                + 3
                + 3
                + 3
                + 3 // rule, NAT rule, app, interfaces
                + a // next hop
                + 5
                + 10
                + 5 // epoch, idle, age
                + 8 // TCP sequences
                + 4 * 10; // counters
    }

    // =========================================================================================================
    // Frame header
    // =========================================================================================================

    /** The fields of a frame header, read by {@link #readHeader} into a reused instance. */
    static final class Header {
        int flags;
        int length;
        long senderId;
        int stream;
        int count;
        long epoch;
        long sequence;

        boolean authenticated() {
            return (flags & FLAG_HMAC) != 0;
        }

        /** Where the messages end: before the HMAC when there is one. */
        int messagesEnd(int frameOffset) {
            return frameOffset + length - (authenticated() ? MAC_BYTES : 0);
        }
    }

    /** Writes a header whose length, count and flags {@link #sealHeader} fills in once the messages are written. */
    static void writeHeader(byte[] buf, int off, long senderId, int stream, long epoch, long sequence) {
        WireBytes.putU32(buf, off, MAGIC);
        WireBytes.putU8(buf, off + 4, VERSION);
        WireBytes.putU8(buf, off + 5, 0);
        WireBytes.putU16(buf, off + 6, 0);
        WireBytes.putU32(buf, off + 8, (int) senderId);
        WireBytes.putU8(buf, off + 12, stream);
        WireBytes.putU8(buf, off + 13, 0);
        WireBytes.putU16(buf, off + 14, 0);
        WireBytes.putU64(buf, off + 16, epoch);
        WireBytes.putU32(buf, off + 24, (int) sequence);
    }

    /** Fills in the flags, total length (HMAC included) and message count. */
    static void sealHeader(byte[] buf, int off, int flags, int length, int count) {
        WireBytes.putU8(buf, off + 5, flags);
        WireBytes.putU16(buf, off + 6, length);
        WireBytes.putU8(buf, off + 13, count);
    }

    /**
     * Reads and checks a header. Guards in order: size, magic, version, length, flags, sender, reserved bits. The
     * HMAC is the caller's check (it needs the key).
     *
     * @param available bytes received; may exceed the frame length (Ethernet pads short frames)
     */
    static Header readHeader(byte[] buf, int off, int available, Header into) throws Ha2DecodeException {
        if (available < HEADER_BYTES) {
            throw new Ha2DecodeException("truncated header: " + available + " of " + HEADER_BYTES + " bytes");
        }
        int magic = WireBytes.getI32(buf, off);
        if (magic != MAGIC) {
            throw new Ha2DecodeException(String.format("bad magic 0x%08x", magic));
        }
        int version = buf[off + 4] & 0xff;
        if (version != VERSION) {
            throw new VersionMismatch(version);
        }
        into.flags = buf[off + 5] & 0xff;
        if ((into.flags & ~FLAG_HMAC) != 0) {
            throw new Ha2DecodeException(String.format("frame flags 0x%02x set unknown bits", into.flags));
        }
        into.length = WireBytes.getU16(buf, off + 6);
        int minimum = HEADER_BYTES + (into.authenticated() ? MAC_BYTES : 0);
        if (into.length < minimum || into.length > available) {
            throw new Ha2DecodeException(
                    "frame length " + into.length + " is outside " + minimum + ".." + available + " (bytes received)");
        }
        into.senderId = WireBytes.getU32(buf, off + 8);
        if (into.senderId == 0) {
            throw new Ha2DecodeException("sender id 0 is reserved");
        }
        into.stream = buf[off + 12] & 0xff;
        into.count = buf[off + 13] & 0xff;
        if (WireBytes.getU16(buf, off + 14) != 0) {
            throw new Ha2DecodeException("reserved header bits are set");
        }
        into.epoch = WireBytes.getI64(buf, off + 16);
        into.sequence = WireBytes.getU32(buf, off + 24);
        if (into.sequence == 0) {
            throw new Ha2DecodeException("sequence 0 is reserved");
        }
        return into;
    }

    /** A frame of another protocol version: refused whole, counted apart from malformed frames. */
    static final class VersionMismatch extends Ha2DecodeException {
        private static final long serialVersionUID = 1L;

        VersionMismatch(int version) {
            super("unsupported protocol version " + version + " (this node speaks " + VERSION + ")");
        }
    }

    /** Whether {@code stream} may carry messages of {@code type}. */
    static boolean allowed(int stream, int type) {
        if (stream == STREAM_CONTROL) {
            return type == KeepAlive.TYPE || type == GapRequest.TYPE || type == BulkRequest.TYPE;
        }
        if (type == BulkStart.TYPE || type == BulkEnd.TYPE) {
            return true;
        }
        if (stream == STREAM_RECORDS) {
            return type == RecordUpdate.TYPE_NEIGHBOR
                    || type == RecordUpdate.TYPE_ROUTE
                    || type == RecordUpdate.TYPE_IPSEC_SA;
        }
        return type == SESSION_UPSERT || type == SESSION_DELETE;
    }

    // =========================================================================================================
    // Message framing: type (u8), body length (varint), body
    // =========================================================================================================

    /**
     * Ends a message whose body was written at {@code bodyStart} (one byte after a type byte and one reserved length
     * byte) up to {@code bodyEnd}; a body of 128 bytes or more moves up one byte for the second length byte.
     *
     * @return the position after the message
     */
    private static int endMessage(byte[] buf, int bodyStart, int bodyEnd) {
        int bodyLength = bodyEnd - bodyStart;
        if (bodyLength < 0x80) {
            buf[bodyStart - 1] = (byte) bodyLength;
            return bodyEnd;
        }
        System.arraycopy(buf, bodyStart, buf, bodyStart + 1, bodyLength);
        WireBytes.putVarLong(buf, bodyStart - 1, bodyLength);
        return bodyEnd + 1;
    }

    // =========================================================================================================
    // SessionUpsert, type 0x01, version 1: everything the peer needs to forward the session's next packet
    //
    // +-----------+-----------+---------------------------------------------------------------+
    // | presence  | protocol  |  presence bits: 0 IPv6, 1 NAT (s2c key given), 2 next hop,      |
    // +-----------+-----------+  3 TCP sequences, 4 counters, 5 NAT rule; others zero           |
    // ~ c2s source A ~ c2s destination A ~ c2s source port u16 ~ c2s destination port u16       ~
    // ~ [NAT] s2c source A ~ s2c destination A ~ s2c source port u16 ~ s2c destination port u16 ~
    // ~ c2s zone varint ~ s2c zone varint                                                       ~  no NAT: s2c key is
    // +-----------------------+-----------+                                                        the c2s key turned
    // | state<<4 | TCP state  |   flags   |  state 1 active, 2 discard; TCP state 0..6             around
    // +-----------------------+-----------+
    // ~ rule zigzag ~ [NAT rule varint] ~ application varint ~ ingress if varint ~ egress if varint ~
    // ~ [next hop A] ~ policy epoch varint (u32) ~ idle ms varint ~ age s varint                    ~
    // ~ [TCP next sequence c2s u32, s2c u32] ~ [packets c2s, s2c, bytes c2s, s2c: varints]        ~
    //
    // IPv4 TCP without NAT: 41..46 bytes with type and length; with NAT 12 + 1..3 more.
    // =========================================================================================================

    /** Writes an upsert at {@code pos}; room for {@link #MAX_UPSERT_BYTES_V6} is the caller's to check. */
    static int writeUpsert(byte[] buf, int pos, SessionImage s) {
        buf[pos] = (byte) SESSION_UPSERT;
        int bodyStart = pos + 2;
        boolean nat = !s.s2cMirrorsC2s();
        boolean nextHop = s.nextHopHi != 0 || s.nextHopLo != 0;
        boolean tcpSeq = s.seqC2s != 0 || s.seqS2c != 0;
        int presence = (s.ipv6 ? P_IPV6 : 0)
                | (nat ? P_NAT : 0)
                | (nextHop ? P_NEXT_HOP : 0)
                | (tcpSeq ? P_TCP_SEQ : 0)
                | (s.hasCounters ? P_COUNTERS : 0)
                | (s.natRule >= 0 ? P_NAT_RULE : 0);
        int p = WireBytes.putU8(buf, bodyStart, presence);
        p = WireBytes.putU8(buf, p, s.protocol);
        p = writeKey(buf, p, s.ipv6, s.c2sSrcHi, s.c2sSrcLo, s.c2sDstHi, s.c2sDstLo, s.c2sSrcPort, s.c2sDstPort);
        if (nat) {
            p = writeKey(buf, p, s.ipv6, s.s2cSrcHi, s.s2cSrcLo, s.s2cDstHi, s.s2cDstLo, s.s2cSrcPort, s.s2cDstPort);
        }
        p = WireBytes.putVarLong(buf, p, s.zoneC2s);
        p = WireBytes.putVarLong(buf, p, s.zoneS2c);
        p = WireBytes.putU8(buf, p, s.state.ordinal() << 4 | s.tcpState.ordinal());
        p = WireBytes.putU8(buf, p, s.flags);
        p = WireBytes.putZigZag(buf, p, s.rule);
        if (s.natRule >= 0) {
            p = WireBytes.putVarLong(buf, p, s.natRule);
        }
        p = WireBytes.putVarLong(buf, p, s.app);
        p = WireBytes.putVarLong(buf, p, s.interfaceIn);
        p = WireBytes.putVarLong(buf, p, s.interfaceOut);
        if (nextHop) {
            p = WireBytes.putAddress(buf, p, s.ipv6, s.nextHopHi, s.nextHopLo);
        }
        p = WireBytes.putVarLong(buf, p, s.policyEpoch);
        p = WireBytes.putVarLong(buf, p, s.idleMs);
        p = WireBytes.putVarLong(buf, p, s.ageSeconds);
        if (tcpSeq) {
            p = WireBytes.putU32(buf, p, s.seqC2s);
            p = WireBytes.putU32(buf, p, s.seqS2c);
        }
        if (s.hasCounters) {
            p = WireBytes.putVarLong(buf, p, s.packetsC2s);
            p = WireBytes.putVarLong(buf, p, s.packetsS2c);
            p = WireBytes.putVarLong(buf, p, s.bytesC2s);
            p = WireBytes.putVarLong(buf, p, s.bytesS2c);
        }
        return endMessage(buf, bodyStart, p);
    }

    private static int writeKey(
            byte[] buf, int p, boolean ipv6, long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport) {
        p = WireBytes.putAddress(buf, p, ipv6, srcHi, srcLo);
        p = WireBytes.putAddress(buf, p, ipv6, dstHi, dstLo);
        p = WireBytes.putU16(buf, p, sport);
        return WireBytes.putU16(buf, p, dport);
    }

    /** Reads an upsert body into {@code s}. */
    static void readUpsert(WireIn in, SessionImage s) throws Ha2DecodeException {
        int presence = readPresence(in, P_KNOWN, s);
        readC2sKey(in, s);
        if ((presence & P_NAT) != 0) {
            s.s2cSrcHi = in.addressHi(s.ipv6, "s2c source");
            s.s2cSrcLo = in.addressLo(s.ipv6, "s2c source");
            s.s2cDstHi = in.addressHi(s.ipv6, "s2c destination");
            s.s2cDstLo = in.addressLo(s.ipv6, "s2c destination");
            s.s2cSrcPort = in.u16("s2c source port");
            s.s2cDstPort = in.u16("s2c destination port");
        } else {
            s.mirrorS2c();
        }
        s.zoneC2s = in.varInt("c2s zone", 0xffff);
        s.zoneS2c = in.varInt("s2c zone", 0xffff);
        readStates(in, s);
        s.flags = in.u8("flags");
        s.rule = in.zigZag("rule", Short.MIN_VALUE, Short.MAX_VALUE);
        s.natRule = (presence & P_NAT_RULE) != 0 ? in.varInt("NAT rule", 0xfffe) : -1;
        s.app = in.varInt("application", 0xffff);
        s.interfaceIn = in.varInt("ingress interface", 0xffff);
        s.interfaceOut = in.varInt("egress interface", 0xffff);
        if ((presence & P_NEXT_HOP) != 0) {
            s.nextHopHi = in.addressHi(s.ipv6, "next hop");
            s.nextHopLo = in.addressLo(s.ipv6, "next hop");
        } else {
            s.nextHopHi = s.nextHopLo = 0;
        }
        s.policyEpoch = in.varLong("policy epoch", 0xffffffffL);
        s.idleMs = in.varLong("idle ms", Long.MAX_VALUE);
        s.ageSeconds = in.varInt("age seconds", Integer.MAX_VALUE);
        boolean tcpSeq = (presence & P_TCP_SEQ) != 0;
        s.seqC2s = tcpSeq ? in.i32("c2s sequence") : 0;
        s.seqS2c = tcpSeq ? in.i32("s2c sequence") : 0;
        s.hasCounters = (presence & P_COUNTERS) != 0;
        s.packetsC2s = s.hasCounters ? in.varLong("c2s packets", 0xffffffffL) : 0;
        s.packetsS2c = s.hasCounters ? in.varLong("s2c packets", 0xffffffffL) : 0;
        s.bytesC2s = s.hasCounters ? in.varLong("c2s bytes", Long.MAX_VALUE) : 0;
        s.bytesS2c = s.hasCounters ? in.varLong("s2c bytes", Long.MAX_VALUE) : 0;
        in.expectEnd("SessionUpsert");
    }

    private static int readPresence(WireIn in, int known, SessionImage s) throws Ha2DecodeException {
        int presence = in.u8("presence");
        if ((presence & ~known) != 0) {
            throw new Ha2DecodeException(String.format("presence bits 0x%02x include unknown ones", presence));
        }
        s.ipv6 = (presence & P_IPV6) != 0;
        s.protocol = in.u8("protocol");
        return presence;
    }

    private static void readC2sKey(WireIn in, SessionImage s) throws Ha2DecodeException {
        s.c2sSrcHi = in.addressHi(s.ipv6, "c2s source");
        s.c2sSrcLo = in.addressLo(s.ipv6, "c2s source");
        s.c2sDstHi = in.addressHi(s.ipv6, "c2s destination");
        s.c2sDstLo = in.addressLo(s.ipv6, "c2s destination");
        s.c2sSrcPort = in.u16("c2s source port");
        s.c2sDstPort = in.u16("c2s destination port");
    }

    private static void readStates(WireIn in, SessionImage s) throws Ha2DecodeException {
        int states = in.u8("state");
        int state = states >>> 4;
        int tcp = states & 0xf;
        if (state == SessionState.FREE.ordinal() || state >= SESSION_STATES) {
            throw new Ha2DecodeException("session state " + state + " is neither active (1) nor discard (2)");
        }
        if (tcp >= TCP_STATES) {
            throw new Ha2DecodeException("TCP state " + tcp + " is outside 0.." + (TCP_STATES - 1));
        }
        s.state = SessionState.of(state);
        s.tcpState = TcpState.of(tcp);
    }

    /**
     * Reads only the c2s key at the start of an upsert or delete body (both begin with presence, protocol and the
     * c2s key): enough to pick the owning worker without decoding the rest.
     */
    static void readKey(WireIn in, SessionImage s) throws Ha2DecodeException {
        readPresence(in, P_KNOWN, s);
        readC2sKey(in, s);
    }

    // =========================================================================================================
    // SessionDelete, type 0x02, version 1: the c2s key
    //
    // +-----------+-----------+
    // | presence  | protocol  |  presence: bit 0 IPv6 only
    // +-----------+-----------+
    // ~ c2s source A ~ c2s destination A ~ source port u16 ~ destination port u16 ~ c2s zone varint ~
    //
    // IPv4: 17 bytes with type and length.
    // =========================================================================================================

    static int writeDelete(byte[] buf, int pos, SessionImage s) {
        buf[pos] = (byte) SESSION_DELETE;
        int bodyStart = pos + 2;
        int p = WireBytes.putU8(buf, bodyStart, s.ipv6 ? P_IPV6 : 0);
        p = WireBytes.putU8(buf, p, s.protocol);
        p = writeKey(buf, p, s.ipv6, s.c2sSrcHi, s.c2sSrcLo, s.c2sDstHi, s.c2sDstLo, s.c2sSrcPort, s.c2sDstPort);
        p = WireBytes.putVarLong(buf, p, s.zoneC2s);
        return endMessage(buf, bodyStart, p);
    }

    /** Reads a delete body: only the key fields of {@code s} are set. */
    static void readDelete(WireIn in, SessionImage s) throws Ha2DecodeException {
        readPresence(in, P_IPV6, s);
        readC2sKey(in, s);
        s.zoneC2s = in.varInt("c2s zone", 0xffff);
        in.expectEnd("SessionDelete");
    }

    // =========================================================================================================
    // Control and record messages
    //
    // BulkStart 0x10:   bulk id varint | stream u8 | worker count u8
    // BulkEnd 0x11:     bulk id varint | stream u8 | upserts varint
    // BulkRequest 0x12: request id varint
    //
    // KeepAlive 0x20:
    // +-----------+-----------+-----------------------------------------------+
    // | HA state  |   flags   |  state: PAN-OS panSysHAState code (HaWireState) |  flags: bit 0 heartbeat backup,
    // +-----------+-----------+-----------------------------------------------+         1 bulk sync complete
    // |                sender monotonic ns (u64)                              |
    // |                echo: last peer keep-alive's sender ns (u64, 0 none)   |
    // ~ interval ms varint ~ mark count u8 ~ per mark: stream u8, last sequence varint ~
    //
    // GapRequest 0x21:  stream u8 | first sequence varint | last sequence varint  (first <= last)
    //
    // Neighbor 0x30:    flags u8 | address A | MAC 6 bytes | interface varint
    // Route 0x31:       flags u8 | prefix A | prefix length u8 | [next hop A] | interface varint | metric varint
    // IpsecSa 0x32:     flags u8 | SPI u32 | protocol u8 | local A | peer A | lifetime s varint
    //                   | tunnel name: length u8 (0..63) + UTF-8
    //   record flags: bit 0 withdrawn, 1 IPv6, 2 next hop present (route) or inbound (SA)
    // =========================================================================================================

    /** Writes a control or record message at {@code pos}; returns the position after it. */
    static int writeMessage(byte[] buf, int pos, Ha2Message message) {
        buf[pos] = (byte) message.type();
        int bodyStart = pos + 2;
        int p = switch (message) {
            case BulkStart m -> {
                int q = WireBytes.putVarLong(buf, bodyStart, m.bulkId());
                q = WireBytes.putU8(buf, q, checkByte("stream", m.stream()));
                yield WireBytes.putU8(buf, q, checkByte("worker count", m.workerCount()));
            }
            case BulkEnd m -> {
                int q = WireBytes.putVarLong(buf, bodyStart, m.bulkId());
                q = WireBytes.putU8(buf, q, checkByte("stream", m.stream()));
                yield WireBytes.putVarLong(buf, q, m.upserts());
            }
            case BulkRequest m -> WireBytes.putVarLong(buf, bodyStart, m.requestId());
            case KeepAlive m -> writeKeepAlive(buf, bodyStart, m);
            case GapRequest m -> {
                int q = WireBytes.putU8(buf, bodyStart, checkByte("stream", m.stream()));
                q = WireBytes.putVarLong(buf, q, m.firstSequence());
                yield WireBytes.putVarLong(buf, q, m.lastSequence());
            }
            case RecordUpdate m -> writeRecord(buf, bodyStart, m);
        };
        return endMessage(buf, bodyStart, p);
    }

    /** Upper bound of what {@link #writeMessage} writes for {@code message}. */
    static int maxMessageBytes(Ha2Message message) {
        return switch (message) {
            case KeepAlive m -> 3 + 1 + 1 + 16 + 5 + 1 + m.streams().size() * 6;
            case RecordUpdate ignored -> 3 + 1 + 4 + 1 + 16 + 16 + 10 + 1 + MAX_TUNNEL_NAME;
            default -> 3 + 3 * 10;
        };
    }

    private static int writeKeepAlive(byte[] buf, int p, KeepAlive m) {
        if (m.streams().size() > 0xff) {
            throw new IllegalArgumentException("keep-alive with " + m.streams().size() + " streams (at most 255)");
        }
        p = WireBytes.putU8(buf, p, m.state().code());
        p = WireBytes.putU8(buf, p, (m.heartbeat() ? KA_HEARTBEAT : 0) | (m.bulkSyncComplete() ? KA_BULK_COMPLETE : 0));
        p = WireBytes.putU64(buf, p, m.senderNs());
        p = WireBytes.putU64(buf, p, m.echoNs());
        p = WireBytes.putVarLong(buf, p, m.intervalMs());
        p = WireBytes.putU8(buf, p, m.streams().size());
        for (StreamMark mark : m.streams()) {
            p = WireBytes.putU8(buf, p, checkByte("stream", mark.stream()));
            p = WireBytes.putVarLong(buf, p, mark.lastSequence());
        }
        return p;
    }

    private static int writeRecord(byte[] buf, int p, RecordUpdate m) {
        int withdrawn = m.withdrawn() ? REC_WITHDRAWN : 0;
        return switch (m.record()) {
            case Ha2Record.Neighbor n -> {
                int q = WireBytes.putU8(buf, p, withdrawn | familyFlag(n.address()));
                q = putInet(buf, q, n.address());
                q = WireBytes.putU16(buf, q, (int) (n.mac() >>> 32));
                q = WireBytes.putU32(buf, q, (int) n.mac());
                yield WireBytes.putVarLong(buf, q, n.interfaceId());
            }
            case Ha2Record.Route r -> {
                int flags = withdrawn | familyFlag(r.prefix()) | (r.nextHop() != null ? REC_OPTION : 0);
                int q = WireBytes.putU8(buf, p, flags);
                q = putInet(buf, q, r.prefix());
                q = WireBytes.putU8(buf, q, r.prefixLength());
                if (r.nextHop() != null) {
                    q = putInet(buf, q, r.nextHop());
                }
                q = WireBytes.putVarLong(buf, q, r.interfaceId());
                yield WireBytes.putVarLong(buf, q, r.metric());
            }
            case Ha2Record.IpsecSa sa -> {
                int flags = withdrawn | familyFlag(sa.local()) | (sa.inbound() ? REC_OPTION : 0);
                int q = WireBytes.putU8(buf, p, flags);
                q = WireBytes.putU32(buf, q, (int) sa.spi());
                q = WireBytes.putU8(buf, q, sa.protocol());
                q = putInet(buf, q, sa.local());
                q = putInet(buf, q, sa.peer());
                q = WireBytes.putVarLong(buf, q, sa.lifetimeSeconds());
                byte[] name = sa.tunnel().getBytes(StandardCharsets.UTF_8);
                q = WireBytes.putU8(buf, q, name.length);
                System.arraycopy(name, 0, buf, q, name.length);
                yield q + name.length;
            }
        };
    }

    private static int familyFlag(InetAddress address) {
        return address instanceof Inet6Address ? REC_IPV6 : 0;
    }

    private static int putInet(byte[] buf, int p, InetAddress address) {
        byte[] raw = address.getAddress();
        System.arraycopy(raw, 0, buf, p, raw.length);
        return p + raw.length;
    }

    private static int checkByte(String field, int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 0..255");
        }
        return value;
    }

    /** Reads the body of a control or record message of {@code type}. */
    static Ha2Message readMessage(int type, WireIn in) throws Ha2DecodeException {
        Ha2Message message = switch (type) {
            case BulkStart.TYPE -> new BulkStart(in.varLong("bulk id"), in.u8("stream"), in.u8("worker count"));
            case BulkEnd.TYPE -> new BulkEnd(in.varLong("bulk id"), in.u8("stream"), in.varLong("upserts"));
            case BulkRequest.TYPE -> new BulkRequest(in.varLong("request id"));
            case KeepAlive.TYPE -> readKeepAlive(in);
            case GapRequest.TYPE -> readGapRequest(in);
            case RecordUpdate.TYPE_NEIGHBOR, RecordUpdate.TYPE_ROUTE, RecordUpdate.TYPE_IPSEC_SA ->
                readRecord(type, in);
            default -> throw new Ha2DecodeException(String.format("unknown message type 0x%02x", type));
        };
        in.expectEnd(message.getClass().getSimpleName());
        return message;
    }

    private static KeepAlive readKeepAlive(WireIn in) throws Ha2DecodeException {
        int code = in.u8("HA state");
        HaWireState state = HaWireState.fromCode(code)
                .orElseThrow(() -> new Ha2DecodeException("HA state code " + code + " is unknown"));
        int flags = in.u8("keep-alive flags");
        if ((flags & ~KA_KNOWN) != 0) {
            throw new Ha2DecodeException(String.format("keep-alive flags 0x%02x set unknown bits", flags));
        }
        long senderNs = in.i64("sender ns");
        long echoNs = in.i64("echo ns");
        int intervalMs = in.varInt("interval ms", Integer.MAX_VALUE);
        int count = in.u8("stream mark count");
        List<StreamMark> marks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int stream = in.u8("stream");
            if (stream == STREAM_CONTROL) {
                throw new Ha2DecodeException("the control stream has no sequence mark");
            }
            marks.add(new StreamMark(stream, in.varLong("last sequence", 0xffffffffL)));
        }
        return new KeepAlive(
                state,
                (flags & KA_HEARTBEAT) != 0,
                (flags & KA_BULK_COMPLETE) != 0,
                senderNs,
                echoNs,
                intervalMs,
                marks);
    }

    private static GapRequest readGapRequest(WireIn in) throws Ha2DecodeException {
        int stream = in.u8("stream");
        long first = in.varLong("first sequence", 0xffffffffL);
        long last = in.varLong("last sequence", 0xffffffffL);
        if (first == 0 || first > last) {
            throw new Ha2DecodeException("gap " + first + ".." + last + " is empty or starts at 0");
        }
        if (stream == STREAM_CONTROL) {
            throw new Ha2DecodeException("the control stream is not resent");
        }
        return new GapRequest(stream, first, last);
    }

    private static RecordUpdate readRecord(int type, WireIn in) throws Ha2DecodeException {
        int flags = in.u8("record flags");
        if ((flags & ~REC_KNOWN) != 0 || (type == RecordUpdate.TYPE_NEIGHBOR && (flags & REC_OPTION) != 0)) {
            throw new Ha2DecodeException(String.format("record flags 0x%02x set unknown bits", flags));
        }
        boolean ipv6 = (flags & REC_IPV6) != 0;
        boolean option = (flags & REC_OPTION) != 0;
        try {
            Ha2Record record = switch (type) {
                case RecordUpdate.TYPE_NEIGHBOR -> {
                    InetAddress address = readInet(in, ipv6, "neighbour address");
                    long mac = (long) in.u16("MAC") << 32 | (in.i32("MAC") & 0xffffffffL);
                    yield new Ha2Record.Neighbor(address, mac, in.varInt("interface", 0xffff));
                }
                case RecordUpdate.TYPE_ROUTE -> {
                    InetAddress prefix = readInet(in, ipv6, "route prefix");
                    int length = in.u8("prefix length");
                    InetAddress nextHop = option ? readInet(in, ipv6, "next hop") : null;
                    yield new Ha2Record.Route(
                            prefix,
                            length,
                            nextHop,
                            in.varInt("interface", 0xffff),
                            in.varInt("metric", Integer.MAX_VALUE));
                }
                default -> readIpsecSa(in, ipv6, option);
            };
            return new RecordUpdate((flags & REC_WITHDRAWN) != 0, record);
        } catch (IllegalArgumentException e) {
            throw new Ha2DecodeException("record: " + e.getMessage());
        }
    }

    private static Ha2Record.IpsecSa readIpsecSa(WireIn in, boolean ipv6, boolean inbound) throws Ha2DecodeException {
        long spi = in.i32("SPI") & 0xffffffffL;
        int protocol = in.u8("IPsec protocol");
        InetAddress local = readInet(in, ipv6, "local gateway");
        InetAddress peer = readInet(in, ipv6, "peer gateway");
        long lifetime = in.varLong("lifetime", Long.MAX_VALUE);
        int nameLength = in.u8("tunnel name length");
        if (nameLength > MAX_TUNNEL_NAME) {
            throw new Ha2DecodeException("tunnel name of " + nameLength + " bytes (at most " + MAX_TUNNEL_NAME + ")");
        }
        byte[] name = in.bytes("tunnel name", nameLength);
        try {
            String tunnel = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(name))
                    .toString();
            return new Ha2Record.IpsecSa(tunnel, spi, inbound, protocol, local, peer, lifetime);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Ha2DecodeException("tunnel name: invalid UTF-8");
        }
    }

    private static InetAddress readInet(WireIn in, boolean ipv6, String field) throws Ha2DecodeException {
        try {
            return InetAddress.getByAddress(in.bytes(field, ipv6 ? 16 : 4));
        } catch (UnknownHostException e) {
            throw new Ha2DecodeException(field + ": " + e.getMessage());
        }
    }
}

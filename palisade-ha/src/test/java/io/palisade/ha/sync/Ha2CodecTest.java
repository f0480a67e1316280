package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.dataplane.session.SessionFlags;
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
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ha2CodecTest {
    private final byte[] buf = new byte[Ha2Codec.MAX_FRAME_BYTES];

    /** A typical established IPv4 TCP session, no NAT, next hop set. */
    static SessionImage ipv4Tcp() {
        SessionImage s = new SessionImage();
        s.protocol = 6;
        s.c2sSrcLo = 0xC612_0A05L;
        s.c2sDstLo = 0xC613_0001L;
        s.c2sSrcPort = 51_234;
        s.c2sDstPort = 443;
        s.mirrorS2c();
        s.zoneC2s = 1;
        s.zoneS2c = 2;
        s.state = SessionState.ACTIVE;
        s.tcpState = TcpState.ESTABLISHED;
        s.flags = SessionFlags.LOG_END;
        s.rule = 12;
        s.natRule = -1;
        s.app = 109;
        s.interfaceIn = 3;
        s.interfaceOut = 4;
        s.nextHopLo = 0xC613_0002L;
        s.policyEpoch = 17;
        s.idleMs = 1_250;
        s.ageSeconds = 3_600;
        s.seqC2s = 0x8a6b_1f20;
        s.seqS2c = 0x13c2_77e1;
        return s;
    }

    /** The same with source NAT: the s2c key is given in full. */
    static SessionImage ipv4TcpNat() {
        SessionImage s = ipv4Tcp();
        s.s2cDstLo = 0xC613_FF01L;
        s.s2cDstPort = 61_001;
        s.natRule = 2;
        s.flags |= SessionFlags.NAT_SRC;
        return s;
    }

    static SessionImage ipv6UdpWithCounters() {
        SessionImage s = new SessionImage();
        s.ipv6 = true;
        s.protocol = 17;
        s.c2sSrcHi = 0x2001_0db8_0000_0001L;
        s.c2sSrcLo = 0x0000_0000_0000_0005L;
        s.c2sDstHi = 0x2001_0db8_0000_0002L;
        s.c2sDstLo = 0x0000_0000_0000_0035L;
        s.c2sSrcPort = 5353;
        s.c2sDstPort = 53;
        s.mirrorS2c();
        s.s2cSrcLo = 0x99;
        s.zoneC2s = 700;
        s.zoneS2c = 65_535;
        s.state = SessionState.DISCARD;
        s.tcpState = TcpState.NONE;
        s.flags = 0xff;
        s.rule = -1;
        s.natRule = 65_534;
        s.app = 65_535;
        s.interfaceIn = 65_535;
        s.interfaceOut = 0;
        s.nextHopHi = 0xfe80_0000_0000_0000L;
        s.nextHopLo = 1;
        s.policyEpoch = 0xffff_ffffL;
        s.idleMs = Long.MAX_VALUE;
        s.ageSeconds = Integer.MAX_VALUE;
        s.hasCounters = true;
        s.packetsC2s = 0xffff_ffffL;
        s.packetsS2c = 1;
        s.bytesC2s = Long.MAX_VALUE;
        s.bytesS2c = 0;
        return s;
    }

    private SessionImage roundTripUpsert(SessionImage in) throws Ha2DecodeException {
        int end = Ha2Codec.writeUpsert(buf, 10, in);
        assertThat(buf[10]).isEqualTo((byte) Ha2Codec.SESSION_UPSERT);
        int bodyAt = 12 + ((buf[11] & 0x80) != 0 ? 1 : 0);
        int bodyLength = (buf[11] & 0x7f) | ((buf[11] & 0x80) != 0 ? (buf[12] & 0x7f) << 7 : 0);
        assertThat(bodyAt + bodyLength).isEqualTo(end);
        SessionImage out = new SessionImage();
        Ha2Codec.readUpsert(new WireIn().reset(buf, bodyAt, bodyLength), out);
        return out;
    }

    @Test
    void upsertsRoundTripWithEveryOptionalPart() throws Ha2DecodeException {
        for (SessionImage image : List.of(ipv4Tcp(), ipv4TcpNat(), ipv6UdpWithCounters())) {
            assertThat(roundTripUpsert(image)).isEqualTo(image);
        }
    }

    @Test
    void anIpv4TcpUpsertStaysWellUnderSixtyFourBytes() {
        int plain = Ha2Codec.writeUpsert(buf, 0, ipv4Tcp());
        int natted = Ha2Codec.writeUpsert(buf, 0, ipv4TcpNat());
        // Measured figures, recorded in the design note: 41 and 54 bytes with type and length.
        assertThat(plain).isEqualTo(41);
        assertThat(natted).isEqualTo(54);
        assertThat(plain).isLessThanOrEqualTo(Ha2Codec.MAX_UPSERT_BYTES_V4);
    }

    @Test
    void worstCaseBoundsHold() {
        SessionImage v6 = ipv6UdpWithCounters();
        v6.seqC2s = -1;
        v6.seqS2c = -1;
        v6.s2cSrcHi = -1;
        assertThat(Ha2Codec.writeUpsert(buf, 0, v6)).isLessThanOrEqualTo(Ha2Codec.MAX_UPSERT_BYTES_V6);
        assertThat(Ha2Codec.writeDelete(buf, 0, v6)).isLessThanOrEqualTo(Ha2Codec.MAX_DELETE_BYTES);
    }

    @Test
    void deletesCarryTheC2sKey() throws Ha2DecodeException {
        for (SessionImage image : List.of(ipv4TcpNat(), ipv6UdpWithCounters())) {
            int end = Ha2Codec.writeDelete(buf, 0, image);
            assertThat(buf[0]).isEqualTo((byte) Ha2Codec.SESSION_DELETE);
            SessionImage out = new SessionImage();
            Ha2Codec.readDelete(new WireIn().reset(buf, 2, buf[1]), out);
            assertThat(end).isEqualTo(2 + buf[1]);
            assertThat(out.ipv6).isEqualTo(image.ipv6);
            assertThat(out.protocol).isEqualTo(image.protocol);
            assertThat(new long[] {out.c2sSrcHi, out.c2sSrcLo, out.c2sDstHi, out.c2sDstLo})
                    .containsExactly(image.c2sSrcHi, image.c2sSrcLo, image.c2sDstHi, image.c2sDstLo);
            assertThat(new int[] {out.c2sSrcPort, out.c2sDstPort, out.zoneC2s})
                    .containsExactly(image.c2sSrcPort, image.c2sDstPort, image.zoneC2s);
        }
        assertThat(Ha2Codec.writeDelete(buf, 0, ipv4Tcp())).isEqualTo(17);
    }

    @Test
    void controlAndRecordMessagesRoundTrip() throws Exception {
        List<Ha2Message> messages = List.of(
                new BulkStart(7, 1, 2),
                new BulkEnd(7, Ha2Codec.STREAM_RECORDS, 123_456),
                new BulkRequest(99),
                new KeepAlive(
                        HaWireState.ACTIVE,
                        true,
                        false,
                        123_456_789_012L,
                        -5,
                        1000,
                        List.of(new StreamMark(0, 17), new StreamMark(1, 0xffff_ffffL), new StreamMark(254, 3))),
                new KeepAlive(HaWireState.PASSIVE, false, true, 0, 0, 0, List.of()),
                new GapRequest(3, 10, 12),
                new RecordUpdate(
                        false, new Ha2Record.Neighbor(InetAddress.ofLiteral("198.18.0.9"), 0x0200_0000_000aL, 3)),
                new RecordUpdate(
                        true, new Ha2Record.Neighbor(InetAddress.ofLiteral("2001:db8::9"), 0xffff_ffff_ffffL, 0)),
                new RecordUpdate(
                        false,
                        new Ha2Record.Route(
                                InetAddress.ofLiteral("198.51.100.0"),
                                24,
                                InetAddress.ofLiteral("198.18.0.254"),
                                2,
                                10)),
                new RecordUpdate(false, new Ha2Record.Route(InetAddress.ofLiteral("2001:db8::"), 32, null, 65_535, 0)),
                new RecordUpdate(
                        false,
                        new Ha2Record.IpsecSa(
                                "tunnel-to-branch-1",
                                0xdeadbeefL,
                                true,
                                Ha2Record.IpsecSa.ESP,
                                InetAddress.ofLiteral("198.18.0.1"),
                                InetAddress.ofLiteral("203.0.113.9"),
                                3600)),
                new RecordUpdate(
                        true,
                        new Ha2Record.IpsecSa(
                                "ünïcode",
                                1,
                                false,
                                Ha2Record.IpsecSa.AH,
                                InetAddress.ofLiteral("2001:db8::1"),
                                InetAddress.ofLiteral("2001:db8::2"),
                                0)));
        for (Ha2Message message : messages) {
            int end = Ha2Codec.writeMessage(buf, 5, message);
            assertThat(end - 5).isLessThanOrEqualTo(Ha2Codec.maxMessageBytes(message));
            assertThat(buf[5] & 0xff).isEqualTo(message.type());
            int bodyAt = 7 + ((buf[6] & 0x80) != 0 ? 1 : 0);
            Ha2Message decoded = Ha2Codec.readMessage(message.type(), new WireIn().reset(buf, bodyAt, end - bodyAt));
            assertThat(decoded).isEqualTo(message);
        }
    }

    @Test
    void headersRoundTripAndTheHmacCoversTheFrame() throws Ha2DecodeException {
        FrameMac mac = new FrameMac(new byte[32]);
        FrameBuilder builder = new FrameBuilder(0xabcdef01L, 1_700_000_000_123L, mac, 1472);
        byte[] frame = new byte[1472];
        builder.begin(frame, 3, 0xffff_fffeL);
        builder.appended(Ha2Codec.writeUpsert(frame, builder.position(), ipv4Tcp()));
        builder.appended(Ha2Codec.writeDelete(frame, builder.position(), ipv4Tcp()));
        int length = builder.seal();

        Ha2Codec.Header header = Ha2Codec.readHeader(frame, 0, length, new Ha2Codec.Header());
        assertThat(header.length).isEqualTo(length).isEqualTo(Ha2Codec.HEADER_BYTES + 41 + 17 + Ha2Codec.MAC_BYTES);
        assertThat(header.senderId).isEqualTo(0xabcdef01L);
        assertThat(header.stream).isEqualTo(3);
        assertThat(header.count).isEqualTo(2);
        assertThat(header.epoch).isEqualTo(1_700_000_000_123L);
        assertThat(header.sequence).isEqualTo(0xffff_fffeL);
        assertThat(header.authenticated()).isTrue();
        int macAt = length - Ha2Codec.MAC_BYTES;
        assertThat(mac.verify(frame, 0, macAt, macAt)).isTrue();
        frame[40] ^= 1;
        assertThat(mac.verify(frame, 0, macAt, macAt)).isFalse();
    }

    @Test
    void frameMacIsTruncatedHmacSha256() throws Exception {
        byte[] key = "an HA2 key derived for the test".getBytes();
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        javax.crypto.Mac reference = javax.crypto.Mac.getInstance("HmacSHA256");
        reference.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = java.util.Arrays.copyOf(reference.doFinal(java.util.Arrays.copyOfRange(data, 5, 205)), 16);
        byte[] out = new byte[16];
        new FrameMac(key).sign(data, 5, 200, out, 0);
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void varintsRoundTripAtTheirEdges() throws Ha2DecodeException {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, 0xffff_ffffL, Long.MAX_VALUE, -1};
        for (long value : values) {
            int end = WireBytes.putVarLong(buf, 0, value);
            assertThat(end).isEqualTo(WireBytes.varLongSize(value));
            assertThat(new WireIn().reset(buf, 0, end).varLong("v")).isEqualTo(value);
        }
        for (int value : new int[] {0, -1, 1, Short.MIN_VALUE, Short.MAX_VALUE}) {
            int end = WireBytes.putZigZag(buf, 0, value);
            assertThat(new WireIn().reset(buf, 0, end).zigZag("z", Short.MIN_VALUE, Short.MAX_VALUE))
                    .isEqualTo(value);
        }
    }

    @Test
    void encodingAndDecodingSessionsAllocateNothing() throws Ha2DecodeException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SessionImage in = ipv4TcpNat();
        SessionImage out = new SessionImage();
        WireIn reader = new WireIn();
        for (int warm = 0; warm < 20_000; warm++) {
            encodeDecode(in, out, reader);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            encodeDecode(in, out, reader);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Some hundred bytes of measuring noise at most; one object per message would be megabytes.
        assertThat(allocated).isLessThan(10_000);
        assertThat(out.c2sSrcPort).isEqualTo(in.c2sSrcPort);
    }

    private void encodeDecode(SessionImage in, SessionImage out, WireIn reader) throws Ha2DecodeException {
        int end = Ha2Codec.writeUpsert(buf, 0, in);
        Ha2Codec.readUpsert(reader.reset(buf, 2, end - 2), out);
        end = Ha2Codec.writeDelete(buf, 0, in);
        Ha2Codec.readDelete(reader.reset(buf, 2, end - 2), out);
    }
}

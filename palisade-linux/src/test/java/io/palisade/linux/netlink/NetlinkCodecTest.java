package io.palisade.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encodes messages with the writer and decodes them with the reader, the way the kernel's replies look. */
class NetlinkCodecTest {
    @Test
    void structureSizesMatchTheHeaders() {
        assertThat(NetlinkStructs.SockaddrNl.LAYOUT.byteSize()).isEqualTo(12);
        assertThat(NetlinkStructs.Nlmsghdr.SIZE).isEqualTo(16);
        assertThat(NetlinkStructs.Ifinfomsg.SIZE).isEqualTo(16);
        assertThat(NetlinkStructs.Ifaddrmsg.SIZE).isEqualTo(8);
        assertThat(NetlinkStructs.Ifaddrmsg.INDEX).isEqualTo(4);
        assertThat(NetlinkStructs.Rtattr.SIZE).isEqualTo(4);
    }

    @Test
    void aLinkMessageRoundTripsWithPaddedAttributes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(512, 8);
            int length = linkMessage(buffer, 0, NetlinkStructs.RTM_NEWLINK, 7, "veth-a0", 0x10043, 6);
            assertThat(length % 4).isZero();
            assertThat(NetlinkReader.messageLength(buffer, 0, length)).isEqualTo(length);
            LinkInfo link = NetlinkReader.link(buffer, 0, length);
            assertThat(link).isEqualTo(new LinkInfo(7, "veth-a0", "02:00:00:00:00:0a", 1500, 0x10043, OperState.UP));
            assertThat(link.adminUp()).isTrue();
            assertThat(link.lowerUp()).isTrue();
            assertThat(link.operUp()).isTrue();
        }
    }

    @Test
    void eventDatagramsWithSeveralMessagesDecodeInOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1024, 8);
            int first = linkMessage(buffer, 0, NetlinkStructs.RTM_NEWLINK, 3, "eth1", 0x1, 2);
            int second = linkMessage(buffer, first, NetlinkStructs.RTM_DELLINK, 4, "eth2", 0, 2);
            List<LinkEvent> events = new ArrayList<>();
            assertThat(LinkEventSubscription.decode(buffer, first + second, events::add))
                    .isEqualTo(2);
            assertThat(events)
                    .containsExactly(
                            new LinkEvent(3, "eth1", true, false, OperState.DOWN, false),
                            new LinkEvent(4, "eth2", false, false, OperState.DOWN, true));
        }
    }

    @Test
    void aTruncatedMessageEndsTheWalkInsteadOfReadingPastTheDatagram() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1024, 8);
            int length = linkMessage(buffer, 0, NetlinkStructs.RTM_NEWLINK, 3, "eth1", 0x1, 6);
            List<LinkEvent> events = new ArrayList<>();
            assertThat(LinkEventSubscription.decode(buffer, length - 8, events::add))
                    .isZero();
            assertThat(NetlinkReader.messageLength(buffer, 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void extendedAckTextIsFoundInACappedError() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256, 8);
            NetlinkWriter writer = new NetlinkWriter(buffer);
            writer.begin(NetlinkStructs.NLMSG_ERROR, NetlinkStructs.NLM_F_CAPPED | NetlinkStructs.NLM_F_ACK_TLVS, 5);
            // nlmsgerr: error -22, then the echoed 16-byte header, then the TLVs.
            byte[] errorAndHeader = new byte[20];
            errorAndHeader[0] = (byte) -22;
            errorAndHeader[1] = (byte) 0xff;
            errorAndHeader[2] = (byte) 0xff;
            errorAndHeader[3] = (byte) 0xff;
            MemorySegment.copy(errorAndHeader, 0, buffer, ValueLayout.JAVA_BYTE, 16, 20);
            int length = 36;
            buffer.set(ValueLayout.JAVA_SHORT, length, (short) 12);
            buffer.set(ValueLayout.JAVA_SHORT, length + 2, (short) NetlinkStructs.NLMSGERR_ATTR_MSG);
            buffer.setString(length + 4, "too big");
            length += 12;
            buffer.set(ValueLayout.JAVA_INT, 0, length);
            assertThat(NetlinkReader.error(buffer, 0)).isEqualTo(22);
            assertThat(NetlinkReader.errorMessage(buffer, 0, length)).isEqualTo("too big");
        }
    }

    private static int linkMessage(
            MemorySegment buffer, long at, int type, int index, String name, int flags, int operState) {
        MemorySegment slice = buffer.asSlice(at);
        NetlinkWriter writer = new NetlinkWriter(slice);
        writer.begin(type, 0, 0)
                .ifinfo(index, flags, 0)
                .attributeString(NetlinkStructs.IFLA_IFNAME, name)
                .attribute(
                        NetlinkStructs.IFLA_ADDRESS, HexFormat.ofDelimiter(":").parseHex("02:00:00:00:00:0a"))
                .attributeInt(NetlinkStructs.IFLA_MTU, 1500)
                .attribute(NetlinkStructs.IFLA_OPERSTATE, new byte[] {(byte) operState});
        return writer.finish();
    }
}

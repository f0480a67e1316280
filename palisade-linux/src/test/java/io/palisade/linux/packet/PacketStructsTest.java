package io.palisade.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.linux.packet.PacketStructs.BlockDesc;
import io.palisade.linux.packet.PacketStructs.PacketMreq;
import io.palisade.linux.packet.PacketStructs.SockFprog;
import io.palisade.linux.packet.PacketStructs.SockaddrLl;
import io.palisade.linux.packet.PacketStructs.Tpacket3Hdr;
import io.palisade.linux.packet.PacketStructs.TpacketReq3;
import io.palisade.linux.packet.PacketStructs.TpacketStatsV3;
import org.junit.jupiter.api.Test;

/** Pins every size and offset to what the C compiler printed for the system headers (x86-64). */
class PacketStructsTest {
    @Test
    void structureSizesMatchTheHeaders() {
        assertThat(SockaddrLl.LAYOUT.byteSize()).isEqualTo(20);
        assertThat(PacketMreq.LAYOUT.byteSize()).isEqualTo(16);
        assertThat(TpacketReq3.LAYOUT.byteSize()).isEqualTo(28);
        assertThat(BlockDesc.LAYOUT.byteSize()).isEqualTo(48);
        assertThat(Tpacket3Hdr.LAYOUT.byteSize()).isEqualTo(48);
        assertThat(TpacketStatsV3.LAYOUT.byteSize()).isEqualTo(12);
        assertThat(SockFprog.LAYOUT.byteSize()).isEqualTo(16);
        assertThat(SockFprog.FILTER_LAYOUT.byteSize()).isEqualTo(8);
        assertThat(Ethtool.VALUE_LAYOUT.byteSize()).isEqualTo(8);
    }

    @Test
    void fieldOffsetsMatchTheHeaders() {
        assertThat(SockaddrLl.IFINDEX).isEqualTo(4);
        assertThat(SockaddrLl.PKTTYPE).isEqualTo(10);
        assertThat(PacketMreq.TYPE).isEqualTo(4);
        assertThat(BlockDesc.BLOCK_STATUS).isEqualTo(8);
        assertThat(BlockDesc.NUM_PKTS).isEqualTo(12);
        assertThat(BlockDesc.OFFSET_TO_FIRST_PKT).isEqualTo(16);
        assertThat(BlockDesc.BLK_LEN).isEqualTo(20);
        assertThat(BlockDesc.SEQ_NUM).isEqualTo(24);
        assertThat(Tpacket3Hdr.SEC).isEqualTo(4);
        assertThat(Tpacket3Hdr.NSEC).isEqualTo(8);
        assertThat(Tpacket3Hdr.SNAPLEN).isEqualTo(12);
        assertThat(Tpacket3Hdr.LEN).isEqualTo(16);
        assertThat(Tpacket3Hdr.STATUS).isEqualTo(20);
        assertThat(Tpacket3Hdr.MAC).isEqualTo(24);
        assertThat(Tpacket3Hdr.NET).isEqualTo(26);
        assertThat(Tpacket3Hdr.RXHASH).isEqualTo(28);
        assertThat(Tpacket3Hdr.VLAN_TCI).isEqualTo(32);
        assertThat(TpacketStatsV3.FREEZE_Q_CNT).isEqualTo(8);
        assertThat(SockFprog.FILTER).isEqualTo(8);
    }

    @Test
    void statusBitsMatchTheHeaders() {
        assertThat(RxFrame.STATUS_CSUM_NOT_READY).isEqualTo(8);
        assertThat(RxFrame.STATUS_CSUM_VALID).isEqualTo(0x80);
        assertThat(RxFrame.STATUS_VLAN_VALID).isEqualTo(0x10);
        assertThat(RxFrame.PACKET_OUTGOING).isEqualTo(4);
    }
}

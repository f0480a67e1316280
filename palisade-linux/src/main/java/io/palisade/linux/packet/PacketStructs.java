package io.palisade.linux.packet;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * Every AF_PACKET constant and structure offset, one nested class per structure with its layout. Values were read
 * off the build machine's {@code linux/if_packet.h} (x86-64, kernel 6.18) with a small C program; {@code
 * PacketStructsTest} pins them so a typo fails the build.
 */
final class PacketStructs {
    private PacketStructs() {}

    /** Socket options at level {@code SOL_PACKET} and their values. */
    static final class Options {
        static final int ETH_P_ALL = 0x0003;
        static final int PACKET_ADD_MEMBERSHIP = 1;
        static final int PACKET_MR_PROMISC = 1;
        static final int PACKET_RX_RING = 5;
        static final int PACKET_STATISTICS = 6;
        static final int PACKET_VERSION = 10;
        static final int PACKET_TX_RING = 13;
        static final int PACKET_FANOUT = 18;
        static final int PACKET_QDISC_BYPASS = 20;
        static final int PACKET_FANOUT_DATA = 22;
        static final int PACKET_IGNORE_OUTGOING = 23;
        static final int TPACKET_V3 = 2;

        static final int FANOUT_FLAG_ROLLOVER = 0x1000;
        static final int FANOUT_FLAG_DEFRAG = 0x8000;

        private Options() {}
    }

    /** {@code tp_status} / {@code block_status} bits. RX: kernel to user; TX: user to kernel and back. */
    static final class Status {
        static final int KERNEL = 0;
        static final int USER = 1;
        static final int COPY = 1 << 1;
        static final int LOSING = 1 << 2;
        static final int CSUMNOTREADY = 1 << 3;
        static final int VLAN_VALID = 1 << 4;
        static final int BLK_TMO = 1 << 5;
        static final int CSUM_VALID = 1 << 7;

        static final int TX_AVAILABLE = 0;
        static final int TX_SEND_REQUEST = 1;
        static final int TX_SENDING = 2;
        static final int TX_WRONG_FORMAT = 4;

        private Status() {}
    }

    /**
     * <pre>
     * struct sockaddr_ll (20 B)
     *   0  u16  sll_family    AF_PACKET
     *   2  be16 sll_protocol  htons(ETH_P_ALL)
     *   4  i32  sll_ifindex
     *   8  u16  sll_hatype
     *  10  u8   sll_pkttype   PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4
     *  11  u8   sll_halen
     *  12  u8   sll_addr[8]
     * </pre>
     */
    static final class SockaddrLl {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_SHORT.withName("sll_family"),
                JAVA_SHORT.withName("sll_protocol"),
                JAVA_INT.withName("sll_ifindex"),
                JAVA_SHORT.withName("sll_hatype"),
                JAVA_BYTE.withName("sll_pkttype"),
                JAVA_BYTE.withName("sll_halen"),
                MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sll_addr"));
        static final long FAMILY = offset(LAYOUT, "sll_family");
        static final long PROTOCOL = offset(LAYOUT, "sll_protocol");
        static final long IFINDEX = offset(LAYOUT, "sll_ifindex");
        static final long PKTTYPE = offset(LAYOUT, "sll_pkttype");

        private SockaddrLl() {}
    }

    /**
     * <pre>
     * struct packet_mreq (16 B)
     *   0  i32 mr_ifindex
     *   4  u16 mr_type     PACKET_MR_PROMISC
     *   6  u16 mr_alen
     *   8  u8  mr_address[8]
     * </pre>
     */
    static final class PacketMreq {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("mr_ifindex"),
                JAVA_SHORT.withName("mr_type"),
                JAVA_SHORT.withName("mr_alen"),
                MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("mr_address"));
        static final long IFINDEX = offset(LAYOUT, "mr_ifindex");
        static final long TYPE = offset(LAYOUT, "mr_type");

        private PacketMreq() {}
    }

    /**
     * <pre>
     * struct tpacket_req3 (28 B), all u32
     *   0 tp_block_size  4 tp_block_nr  8 tp_frame_size  12 tp_frame_nr
     *  16 tp_retire_blk_tov (ms; must be 0 for a TX ring)  20 tp_sizeof_priv  24 tp_feature_req_word
     * </pre>
     */
    static final class TpacketReq3 {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("tp_block_size"),
                JAVA_INT.withName("tp_block_nr"),
                JAVA_INT.withName("tp_frame_size"),
                JAVA_INT.withName("tp_frame_nr"),
                JAVA_INT.withName("tp_retire_blk_tov"),
                JAVA_INT.withName("tp_sizeof_priv"),
                JAVA_INT.withName("tp_feature_req_word"));
        static final long BLOCK_SIZE = offset(LAYOUT, "tp_block_size");
        static final long BLOCK_NR = offset(LAYOUT, "tp_block_nr");
        static final long FRAME_SIZE = offset(LAYOUT, "tp_frame_size");
        static final long FRAME_NR = offset(LAYOUT, "tp_frame_nr");
        static final long RETIRE_BLK_TOV = offset(LAYOUT, "tp_retire_blk_tov");

        private TpacketReq3() {}
    }

    /**
     * One RX ring block starts with {@code struct tpacket_block_desc}; the frames follow at
     * {@code offset_to_first_pkt}. The kernel hands the whole block over by setting {@code block_status}.
     *
     * <pre>
     * struct tpacket_block_desc (48 B)
     *   0  u32 version
     *   4  u32 offset_to_priv
     *   8  struct tpacket_hdr_v1:
     *        +8  u32 block_status   TP_STATUS_KERNEL / TP_STATUS_USER (| TP_STATUS_BLK_TMO)
     *       +12  u32 num_pkts
     *       +16  u32 offset_to_first_pkt
     *       +20  u32 blk_len
     *       +24  u64 seq_num
     *       +32  ts_first_pkt {u32 sec, u32 nsec}   +40 ts_last_pkt
     * </pre>
     */
    static final class BlockDesc {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("version"),
                JAVA_INT.withName("offset_to_priv"),
                JAVA_INT.withName("block_status"),
                JAVA_INT.withName("num_pkts"),
                JAVA_INT.withName("offset_to_first_pkt"),
                JAVA_INT.withName("blk_len"),
                JAVA_LONG.withName("seq_num"),
                JAVA_LONG.withName("ts_first_pkt"),
                JAVA_LONG.withName("ts_last_pkt"));
        static final long BLOCK_STATUS = offset(LAYOUT, "block_status");
        static final long NUM_PKTS = offset(LAYOUT, "num_pkts");
        static final long OFFSET_TO_FIRST_PKT = offset(LAYOUT, "offset_to_first_pkt");
        static final long BLK_LEN = offset(LAYOUT, "blk_len");
        static final long SEQ_NUM = offset(LAYOUT, "seq_num");

        private BlockDesc() {}
    }

    /**
     * Each frame in a V3 block (RX) or TX ring slot starts with {@code struct tpacket3_hdr}; on RX the
     * {@code sockaddr_ll} follows at {@code TPACKET_ALIGN(sizeof(tpacket3_hdr)) = 48} and the frame at {@code tp_mac};
     * on TX the frame goes at {@code tp_hdrlen - sizeof(sockaddr_ll) = 68 - 20 = 48}.
     *
     * <pre>
     * struct tpacket3_hdr (48 B)
     *   0  u32 tp_next_offset   RX: offset of the next frame in the block (0 for the last); TX: must be 0
     *   4  u32 tp_sec           8  u32 tp_nsec      receive time, CLOCK_REALTIME
     *  12  u32 tp_snaplen      16  u32 tp_len       captured / original length
     *  20  u32 tp_status                            RX flags; TX slot ownership
     *  24  u16 tp_mac          26  u16 tp_net       offsets from the header start
     *  28  struct tpacket_hdr_variant1 { u32 tp_rxhash; u32 tp_vlan_tci; u16 tp_vlan_tpid; u16 padding }
     *  40  u8  tp_padding[8]
     * </pre>
     */
    static final class Tpacket3Hdr {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("tp_next_offset"),
                JAVA_INT.withName("tp_sec"),
                JAVA_INT.withName("tp_nsec"),
                JAVA_INT.withName("tp_snaplen"),
                JAVA_INT.withName("tp_len"),
                JAVA_INT.withName("tp_status"),
                JAVA_SHORT.withName("tp_mac"),
                JAVA_SHORT.withName("tp_net"),
                JAVA_INT.withName("tp_rxhash"),
                JAVA_INT.withName("tp_vlan_tci"),
                JAVA_SHORT.withName("tp_vlan_tpid"),
                JAVA_SHORT.withName("hv1_padding"),
                MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("tp_padding"));
        static final long NEXT_OFFSET = offset(LAYOUT, "tp_next_offset");
        static final long SEC = offset(LAYOUT, "tp_sec");
        static final long NSEC = offset(LAYOUT, "tp_nsec");
        static final long SNAPLEN = offset(LAYOUT, "tp_snaplen");
        static final long LEN = offset(LAYOUT, "tp_len");
        static final long STATUS = offset(LAYOUT, "tp_status");
        static final long MAC = offset(LAYOUT, "tp_mac");
        static final long NET = offset(LAYOUT, "tp_net");
        static final long RXHASH = offset(LAYOUT, "tp_rxhash");
        static final long VLAN_TCI = offset(LAYOUT, "tp_vlan_tci");
        /** {@code TPACKET_ALIGN(sizeof(struct tpacket3_hdr))}: where the RX sockaddr_ll starts. */
        static final long SOCKADDR_LL = 48;
        /** {@code TPACKET3_HDRLEN - sizeof(struct sockaddr_ll)}: where TX frame data starts in a slot. */
        static final long TX_DATA = 48;

        private Tpacket3Hdr() {}
    }

    /**
     * <pre>
     * struct tpacket_stats_v3 (12 B), all u32, reset by every read
     *   0 tp_packets   4 tp_drops   8 tp_freeze_q_cnt
     * </pre>
     */
    static final class TpacketStatsV3 {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("tp_packets"), JAVA_INT.withName("tp_drops"), JAVA_INT.withName("tp_freeze_q_cnt"));
        static final long PACKETS = offset(LAYOUT, "tp_packets");
        static final long DROPS = offset(LAYOUT, "tp_drops");
        static final long FREEZE_Q_CNT = offset(LAYOUT, "tp_freeze_q_cnt");

        private TpacketStatsV3() {}
    }

    /**
     * A classic BPF program for {@code PACKET_FANOUT_DATA}.
     *
     * <pre>
     * struct sock_fprog (16 B)          struct sock_filter (8 B)
     *   0  u16 len                        0  u16 code
     *   8  struct sock_filter *filter     2  u8  jt     3  u8 jf
     *                                     4  u32 k
     * </pre>
     */
    static final class SockFprog {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_SHORT.withName("len"), MemoryLayout.paddingLayout(6), ADDRESS.withName("filter"));
        static final StructLayout FILTER_LAYOUT = MemoryLayout.structLayout(
                JAVA_SHORT.withName("code"),
                JAVA_BYTE.withName("jt"),
                JAVA_BYTE.withName("jf"),
                JAVA_INT.withName("k"));
        static final long LEN = offset(LAYOUT, "len");
        static final long FILTER = offset(LAYOUT, "filter");

        private SockFprog() {}
    }

    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }
}

package io.palisade.linux.netlink;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * Every rtnetlink constant and structure offset, one nested class per structure with its layout, read off the
 * build machine's {@code linux/netlink.h}, {@code linux/rtnetlink.h}, {@code linux/if_link.h} and {@code
 * linux/if_addr.h}. Messages and attributes are aligned to 4 bytes ({@code NLMSG_ALIGN}, {@code RTA_ALIGN}); all
 * fields are in host byte order except address payloads.
 */
final class NetlinkStructs {
    static final int NETLINK_ROUTE = 0;
    static final int RTMGRP_LINK = 1;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;

    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR: the echoed request was cut to its header (NETLINK_CAP_ACK). */
    static final int NLM_F_CAPPED = 0x100;
    /** In an NLMSG_ERROR: extended-ack attributes follow. */
    static final int NLM_F_ACK_TLVS = 0x200;

    static final int NLMSGERR_ATTR_MSG = 1;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_OPERSTATE = 16;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_F_NODAD = 0x02;

    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_LOWER_UP = 0x10000;
    static final int RT_SCOPE_UNIVERSE = 0;

    private NetlinkStructs() {}

    static int align(int length) {
        return (length + 3) & ~3;
    }

    /**
     * <pre>
     * struct sockaddr_nl (12 B)
     *   0 u16 nl_family (AF_NETLINK)   2 u16 nl_pad   4 u32 nl_pid (0: kernel assigns)   8 u32 nl_groups
     * </pre>
     */
    static final class SockaddrNl {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_SHORT.withName("nl_family"),
                JAVA_SHORT.withName("nl_pad"),
                JAVA_INT.withName("nl_pid"),
                JAVA_INT.withName("nl_groups"));
        static final long FAMILY = offset(LAYOUT, "nl_family");
        static final long GROUPS = offset(LAYOUT, "nl_groups");

        private SockaddrNl() {}
    }

    /**
     * <pre>
     * struct nlmsghdr (16 B)                       struct nlmsgerr (NLMSG_ERROR payload)
     *   0 u32 nlmsg_len (header included)            0 i32 error   (0 = ACK, else -errno)
     *   4 u16 nlmsg_type                             4 struct nlmsghdr msg (the request's header)
     *   6 u16 nlmsg_flags                           20 extended-ack attributes when NLM_F_CAPPED|NLM_F_ACK_TLVS
     *   8 u32 nlmsg_seq
     *  12 u32 nlmsg_pid
     * </pre>
     */
    static final class Nlmsghdr {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("nlmsg_len"),
                JAVA_SHORT.withName("nlmsg_type"),
                JAVA_SHORT.withName("nlmsg_flags"),
                JAVA_INT.withName("nlmsg_seq"),
                JAVA_INT.withName("nlmsg_pid"));
        static final long LEN = offset(LAYOUT, "nlmsg_len");
        static final long TYPE = offset(LAYOUT, "nlmsg_type");
        static final long FLAGS = offset(LAYOUT, "nlmsg_flags");
        static final long SEQ = offset(LAYOUT, "nlmsg_seq");
        static final int SIZE = (int) LAYOUT.byteSize();
        static final long ERROR = SIZE;
        static final long ERROR_CAPPED_TLVS = SIZE + 4 + SIZE;

        private Nlmsghdr() {}
    }

    /**
     * <pre>
     * struct ifinfomsg (16 B), then IFLA_* attributes
     *   0 u8 ifi_family   1 u8 pad   2 u16 ifi_type   4 i32 ifi_index
     *   8 u32 ifi_flags (IFF_*)   12 u32 ifi_change (mask of flags to change)
     * </pre>
     */
    static final class Ifinfomsg {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_BYTE.withName("ifi_family"),
                JAVA_BYTE.withName("ifi_pad"),
                JAVA_SHORT.withName("ifi_type"),
                JAVA_INT.withName("ifi_index"),
                JAVA_INT.withName("ifi_flags"),
                JAVA_INT.withName("ifi_change"));
        static final long INDEX = offset(LAYOUT, "ifi_index");
        static final long FLAGS = offset(LAYOUT, "ifi_flags");
        static final long CHANGE = offset(LAYOUT, "ifi_change");
        static final int SIZE = (int) LAYOUT.byteSize();

        private Ifinfomsg() {}
    }

    /**
     * <pre>
     * struct ifaddrmsg (8 B), then IFA_* attributes
     *   0 u8 ifa_family   1 u8 ifa_prefixlen   2 u8 ifa_flags   3 u8 ifa_scope   4 u32 ifa_index
     * </pre>
     */
    static final class Ifaddrmsg {
        static final StructLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_BYTE.withName("ifa_family"),
                JAVA_BYTE.withName("ifa_prefixlen"),
                JAVA_BYTE.withName("ifa_flags"),
                JAVA_BYTE.withName("ifa_scope"),
                JAVA_INT.withName("ifa_index"));
        static final long FAMILY = offset(LAYOUT, "ifa_family");
        static final long PREFIXLEN = offset(LAYOUT, "ifa_prefixlen");
        static final long FLAGS = offset(LAYOUT, "ifa_flags");
        static final long SCOPE = offset(LAYOUT, "ifa_scope");
        static final long INDEX = offset(LAYOUT, "ifa_index");
        static final int SIZE = (int) LAYOUT.byteSize();

        private Ifaddrmsg() {}
    }

    /**
     * <pre>
     * struct rtattr (4 B), then the payload, padded to 4
     *   0 u16 rta_len (header included, padding not)   2 u16 rta_type
     * </pre>
     */
    static final class Rtattr {
        static final StructLayout LAYOUT =
                MemoryLayout.structLayout(JAVA_SHORT.withName("rta_len"), JAVA_SHORT.withName("rta_type"));
        static final long LEN = offset(LAYOUT, "rta_len");
        static final long TYPE = offset(LAYOUT, "rta_type");
        static final int SIZE = (int) LAYOUT.byteSize();

        private Rtattr() {}
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }
}

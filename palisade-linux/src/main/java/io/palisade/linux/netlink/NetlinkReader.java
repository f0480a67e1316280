package io.palisade.linux.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.palisade.linux.netlink.NetlinkStructs.Ifaddrmsg;
import io.palisade.linux.netlink.NetlinkStructs.Ifinfomsg;
import io.palisade.linux.netlink.NetlinkStructs.Nlmsghdr;
import io.palisade.linux.netlink.NetlinkStructs.Rtattr;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes netlink messages in a receive buffer. A datagram holds one or more messages, each at a 4-byte aligned
 * offset; every length is checked against the datagram so a malformed message ends the walk instead of reading
 * out of bounds.
 */
final class NetlinkReader {
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private NetlinkReader() {}

    /** Length of the message at {@code at}, or -1 when it does not fit in {@code end}. */
    static int messageLength(MemorySegment buffer, long at, long end) {
        if (at + Nlmsghdr.SIZE > end) {
            return -1;
        }
        int length = buffer.get(JAVA_INT, at + Nlmsghdr.LEN);
        return length < Nlmsghdr.SIZE || at + length > end ? -1 : length;
    }

    static int type(MemorySegment buffer, long at) {
        return Short.toUnsignedInt(buffer.get(JAVA_SHORT, at + Nlmsghdr.TYPE));
    }

    static int flags(MemorySegment buffer, long at) {
        return Short.toUnsignedInt(buffer.get(JAVA_SHORT, at + Nlmsghdr.FLAGS));
    }

    static int seq(MemorySegment buffer, long at) {
        return buffer.get(JAVA_INT, at + Nlmsghdr.SEQ);
    }

    /** The positive errno of an NLMSG_ERROR (0 for an ACK). */
    static int error(MemorySegment buffer, long at) {
        return -buffer.get(JAVA_INT, at + Nlmsghdr.ERROR);
    }

    /** The kernel's extended-ack text in an NLMSG_ERROR, or null. */
    static String errorMessage(MemorySegment buffer, long at, int length) {
        int flags = flags(buffer, at);
        if ((flags & NetlinkStructs.NLM_F_ACK_TLVS) == 0 || (flags & NetlinkStructs.NLM_F_CAPPED) == 0) {
            return null;
        }
        long attr =
                findAttribute(buffer, at + Nlmsghdr.ERROR_CAPPED_TLVS, at + length, NetlinkStructs.NLMSGERR_ATTR_MSG);
        return attr < 0 ? null : string(buffer, attr);
    }

    /** Decodes an RTM_NEWLINK/RTM_DELLINK message. */
    static LinkInfo link(MemorySegment buffer, long at, int length) {
        long info = at + Nlmsghdr.SIZE;
        int index = buffer.get(JAVA_INT, info + Ifinfomsg.INDEX);
        int flags = buffer.get(JAVA_INT, info + Ifinfomsg.FLAGS);
        String name = "";
        String mac = "";
        int mtu = 0;
        OperState operState = OperState.UNKNOWN;
        long end = at + length;
        for (long attr = info + Ifinfomsg.SIZE; attr + Rtattr.SIZE <= end; attr = nextAttribute(buffer, attr)) {
            int attrLength = attributeLength(buffer, attr);
            if (attrLength < Rtattr.SIZE || attr + attrLength > end) {
                break;
            }
            int payload = attrLength - Rtattr.SIZE;
            switch (attributeType(buffer, attr)) {
                case NetlinkStructs.IFLA_IFNAME -> name = string(buffer, attr);
                case NetlinkStructs.IFLA_ADDRESS -> mac = MAC.formatHex(bytes(buffer, attr, payload));
                case NetlinkStructs.IFLA_MTU -> mtu = payload >= 4 ? buffer.get(JAVA_INT, attr + Rtattr.SIZE) : 0;
                case NetlinkStructs.IFLA_OPERSTATE ->
                    operState = OperState.fromCode(Byte.toUnsignedInt(buffer.get(JAVA_BYTE, attr + Rtattr.SIZE)));
                default -> {}
            }
        }
        return new LinkInfo(index, name, mac, mtu, flags, operState);
    }

    /** Decodes an RTM_NEWADDR message; null when it carries no usable address. */
    static InterfaceAddress address(MemorySegment buffer, long at, int length) {
        long msg = at + Nlmsghdr.SIZE;
        int prefix = Byte.toUnsignedInt(buffer.get(JAVA_BYTE, msg + Ifaddrmsg.PREFIXLEN));
        int index = buffer.get(JAVA_INT, msg + Ifaddrmsg.INDEX);
        long end = at + length;
        long local = findAttribute(buffer, msg + Ifaddrmsg.SIZE, end, NetlinkStructs.IFA_LOCAL);
        long attr = local >= 0 ? local : findAttribute(buffer, msg + Ifaddrmsg.SIZE, end, NetlinkStructs.IFA_ADDRESS);
        if (attr < 0) {
            return null;
        }
        int payload = attributeLength(buffer, attr) - Rtattr.SIZE;
        if (payload != 4 && payload != 16) {
            return null;
        }
        try {
            return new InterfaceAddress(index, InetAddress.getByAddress(bytes(buffer, attr, payload)), prefix);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Offset of the first attribute of {@code type} in {@code [from, end)}, or -1. */
    static long findAttribute(MemorySegment buffer, long from, long end, int type) {
        for (long attr = from; attr + Rtattr.SIZE <= end; attr = nextAttribute(buffer, attr)) {
            int length = attributeLength(buffer, attr);
            if (length < Rtattr.SIZE || attr + length > end) {
                return -1;
            }
            if (attributeType(buffer, attr) == type) {
                return attr;
            }
        }
        return -1;
    }

    private static long nextAttribute(MemorySegment buffer, long attr) {
        return attr + NetlinkStructs.align(Math.max(attributeLength(buffer, attr), Rtattr.SIZE));
    }

    private static int attributeLength(MemorySegment buffer, long attr) {
        return Short.toUnsignedInt(buffer.get(JAVA_SHORT, attr + Rtattr.LEN));
    }

    private static int attributeType(MemorySegment buffer, long attr) {
        // The top two bits are the NLA_F_NESTED / NLA_F_NET_BYTEORDER flags, not part of the type.
        return Short.toUnsignedInt(buffer.get(JAVA_SHORT, attr + Rtattr.TYPE)) & 0x3fff;
    }

    private static byte[] bytes(MemorySegment buffer, long attr, int length) {
        return buffer.asSlice(attr + Rtattr.SIZE, length).toArray(JAVA_BYTE);
    }

    private static String string(MemorySegment buffer, long attr) {
        byte[] raw = bytes(buffer, attr, attributeLength(buffer, attr) - Rtattr.SIZE);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.US_ASCII);
    }
}

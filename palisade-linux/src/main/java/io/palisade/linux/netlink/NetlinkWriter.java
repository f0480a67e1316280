package io.palisade.linux.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.palisade.linux.netlink.NetlinkStructs.Ifaddrmsg;
import io.palisade.linux.netlink.NetlinkStructs.Ifinfomsg;
import io.palisade.linux.netlink.NetlinkStructs.Nlmsghdr;
import io.palisade.linux.netlink.NetlinkStructs.Rtattr;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** Encodes one netlink request (header, family header, attributes) into a reused buffer. */
final class NetlinkWriter {
    private final MemorySegment buffer;
    private int position;

    NetlinkWriter(MemorySegment buffer) {
        this.buffer = buffer;
    }

    NetlinkWriter begin(int type, int flags, int seq) {
        buffer.asSlice(0, Math.min(buffer.byteSize(), 1024)).fill((byte) 0);
        buffer.set(JAVA_SHORT, Nlmsghdr.TYPE, (short) type);
        buffer.set(JAVA_SHORT, Nlmsghdr.FLAGS, (short) flags);
        buffer.set(JAVA_INT, Nlmsghdr.SEQ, seq);
        position = Nlmsghdr.SIZE;
        return this;
    }

    NetlinkWriter ifinfo(int index, int flags, int change) {
        buffer.set(JAVA_INT, position + Ifinfomsg.INDEX, index);
        buffer.set(JAVA_INT, position + Ifinfomsg.FLAGS, flags);
        buffer.set(JAVA_INT, position + Ifinfomsg.CHANGE, change);
        position += Ifinfomsg.SIZE;
        return this;
    }

    NetlinkWriter ifaddr(int family, int prefixLength, int flags, int scope, int index) {
        buffer.set(JAVA_BYTE, position + Ifaddrmsg.FAMILY, (byte) family);
        buffer.set(JAVA_BYTE, position + Ifaddrmsg.PREFIXLEN, (byte) prefixLength);
        buffer.set(JAVA_BYTE, position + Ifaddrmsg.FLAGS, (byte) flags);
        buffer.set(JAVA_BYTE, position + Ifaddrmsg.SCOPE, (byte) scope);
        buffer.set(JAVA_INT, position + Ifaddrmsg.INDEX, index);
        position += Ifaddrmsg.SIZE;
        return this;
    }

    NetlinkWriter attribute(int type, byte[] value) {
        int length = Rtattr.SIZE + value.length;
        buffer.set(JAVA_SHORT, position + Rtattr.LEN, (short) length);
        buffer.set(JAVA_SHORT, position + Rtattr.TYPE, (short) type);
        MemorySegment.copy(value, 0, buffer, JAVA_BYTE, position + Rtattr.SIZE, value.length);
        int padded = NetlinkStructs.align(length);
        buffer.asSlice(position + length, padded - length).fill((byte) 0);
        position += padded;
        return this;
    }

    NetlinkWriter attributeInt(int type, int value) {
        return attribute(
                type, new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }

    NetlinkWriter attributeString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        byte[] terminated = new byte[text.length + 1];
        System.arraycopy(text, 0, terminated, 0, text.length);
        return attribute(type, terminated);
    }

    /** Writes the total length into the header and returns it. */
    int finish() {
        buffer.set(JAVA_INT, Nlmsghdr.LEN, position);
        return position;
    }
}

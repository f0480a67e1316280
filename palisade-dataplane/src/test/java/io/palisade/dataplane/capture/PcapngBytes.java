package io.palisade.dataplane.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-writes pcapng files block by block, in either byte order, for reader tests. */
final class PcapngBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** Starts a section (SHB, version 1.0, unknown section length) in {@code order}. */
    PcapngBytes section(ByteOrder sectionOrder) {
        this.order = sectionOrder;
        ByteBuffer body = buffer(16);
        body.putInt(0x1A2B_3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D_0D0A, body.array());
    }

    /** An interface description with optional if_tsresol and if_tsoffset options. */
    PcapngBytes iface(int linkType, int snapLength, Integer tsresol, Long tsoffsetSeconds) {
        ByteBuffer body = buffer(8 + 8 + 12 + 4);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (tsresol != null) {
            body.putShort((short) 9)
                    .putShort((short) 1)
                    .put(tsresol.byteValue())
                    .put(new byte[3]);
        }
        if (tsoffsetSeconds != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffsetSeconds);
        }
        body.putShort((short) 0).putShort((short) 0); // opt_endofopt
        return block(1, slice(body));
    }

    /** An enhanced packet block. */
    PcapngBytes epb(int iface, long units, byte[] data, int originalLength) {
        ByteBuffer body = buffer(20 + pad(data.length) + 8);
        body.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length);
        body.putInt(originalLength).put(data).put(new byte[pad(data.length) - data.length]);
        body.putShort((short) 1).putShort((short) 0); // opt_comment of length 0: skipped like any option
        body.putShort((short) 0).putShort((short) 0);
        return block(6, slice(body));
    }

    /** A simple packet block. */
    PcapngBytes spb(byte[] data, int originalLength) {
        ByteBuffer body = buffer(4 + pad(data.length));
        body.putInt(originalLength).put(data).put(new byte[pad(data.length) - data.length]);
        return block(3, slice(body));
    }

    /** An obsolete packet block (type 2). */
    PcapngBytes obsoletePacket(int iface, long units, byte[] data) {
        ByteBuffer body = buffer(20 + pad(data.length));
        body.putShort((short) iface)
                .putShort((short) 0)
                .putInt((int) (units >>> 32))
                .putInt((int) units);
        body.putInt(data.length).putInt(data.length).put(data).put(new byte[pad(data.length) - data.length]);
        return block(2, slice(body));
    }

    /** Any block with a body padded to 4 bytes. */
    PcapngBytes block(int type, byte[] body) {
        int total = 12 + pad(body.length);
        ByteBuffer b = buffer(total);
        b.putInt(type)
                .putInt(total)
                .put(body)
                .put(new byte[pad(body.length) - body.length])
                .putInt(total);
        out.writeBytes(b.array());
        return this;
    }

    /** Bytes written as given. */
    PcapngBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] bytes = new byte[b.position()];
        System.arraycopy(b.array(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    private static int pad(int length) {
        return (length + 3) & ~3;
    }
}

package io.palisade.linux.icmp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * ICMP and ICMPv6 echo messages (RFC 792, RFC 4443). Same layout for both; only the type numbers differ, and the
 * kernel computes the ICMPv6 checksum itself (it covers a pseudo-header user space would have to rebuild).
 *
 * <pre>
 *   0  u8   type        8 echo request / 0 echo reply (ICMPv6: 128 / 129)
 *   1  u8   code        0
 *   2  be16 checksum    one's complement sum of the message (IPv4 only)
 *   4  be16 identifier  chosen per socket, tells monitors apart
 *   6  be16 sequence
 *   8  payload          {@link #PAYLOAD_LENGTH} bytes, a fixed pattern
 * </pre>
 *
 * Received IPv4 datagrams start with the IP header ({@code IHL * 4} bytes); ICMPv6 ones do not.
 */
final class EchoMessage {
    static final int ECHO_REQUEST_V4 = 8;
    static final int ECHO_REPLY_V4 = 0;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;

    static final long TYPE = 0;
    static final long CODE = 1;
    static final long CHECKSUM = 2;
    static final long IDENTIFIER = 4;
    static final long SEQUENCE = 6;
    static final long PAYLOAD = 8;
    static final int PAYLOAD_LENGTH = 24;
    static final int LENGTH = (int) PAYLOAD + PAYLOAD_LENGTH;

    private static final ValueLayout.OfShort BE16 = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private EchoMessage() {}

    /** Writes a complete request into {@code into} and returns its length. */
    static int writeRequest(MemorySegment into, boolean v6, int identifier, int sequence) {
        into.set(JAVA_BYTE, TYPE, (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4));
        into.set(JAVA_BYTE, CODE, (byte) 0);
        into.set(BE16, CHECKSUM, (short) 0);
        into.set(BE16, IDENTIFIER, (short) identifier);
        into.set(BE16, SEQUENCE, (short) sequence);
        for (int i = 0; i < PAYLOAD_LENGTH; i++) {
            into.set(JAVA_BYTE, PAYLOAD + i, (byte) ('a' + i));
        }
        if (!v6) {
            into.set(BE16, CHECKSUM, checksum(into, 0, LENGTH));
        }
        return LENGTH;
    }

    static int type(MemorySegment message, long at) {
        return Byte.toUnsignedInt(message.get(JAVA_BYTE, at + TYPE));
    }

    static int identifier(MemorySegment message, long at) {
        return Short.toUnsignedInt(message.get(BE16, at + IDENTIFIER));
    }

    static int sequence(MemorySegment message, long at) {
        return Short.toUnsignedInt(message.get(BE16, at + SEQUENCE));
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code at}. */
    static short checksum(MemorySegment data, long at, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += Short.toUnsignedInt(data.get(BE16, at + i));
        }
        if (i < length) {
            sum += Byte.toUnsignedInt(data.get(JAVA_BYTE, at + i)) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}

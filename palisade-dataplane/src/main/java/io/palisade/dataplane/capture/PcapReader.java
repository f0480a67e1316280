package io.palisade.dataplane.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Classic pcap, in the byte order its magic says (tcpdump.org/manpages/pcap-savefile.5.html).
 *
 * <pre>
 * file header (24 bytes)
 *  0 magic 4: A1B2C3D4 (µs) | A1B23C4D (ns) | A1B2CD34 (Kuznetsov's modified format, µs), written in either order
 *  4 version major 2 (= 2) | 6 version minor 2 | 8 thiszone 4 | 12 sigfigs 4 | 16 snaplen 4
 * 20 link type 4: low 16 bits the LINKTYPE, high bits FCS information (masked off, as libpcap does)
 * record header (16 bytes; 24 in the modified format, which adds ifindex 4, protocol 2, pkt type 1, pad 1)
 *  0 seconds 4 | 4 microseconds or nanoseconds 4 | 8 captured length 4 | 12 original length 4 | data ...
 * </pre>
 */
final class PcapReader extends CaptureReader {
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;
    static final int MODIFIED_RECORD_HEADER = 24;
    static final int MODIFIED_MAGIC = 0xA1B2_CD34;
    private static final int LINK_TYPE_MASK = 0xFFFF;

    private final ValueLayout.OfInt int32;
    private final int recordHeader;
    private final long nanosPerUnit;
    private final int fileLinkType;
    private long position = FILE_HEADER;

    PcapReader(MemorySegment data, Arena arena) throws CaptureFormatException {
        super(data, arena);
        int magic = data.get(INT_BE, 0);
        boolean bigEndian = magic == TimestampPrecision.MICROSECONDS.magic()
                || magic == TimestampPrecision.NANOSECONDS.magic()
                || magic == MODIFIED_MAGIC;
        int native32 = bigEndian ? magic : Integer.reverseBytes(magic);
        this.int32 = bigEndian ? INT_BE : INT_LE;
        this.recordHeader = native32 == MODIFIED_MAGIC ? MODIFIED_RECORD_HEADER : RECORD_HEADER;
        this.nanosPerUnit = native32 == TimestampPrecision.NANOSECONDS.magic()
                ? TimestampPrecision.NANOSECONDS.nanosPerUnit()
                : TimestampPrecision.MICROSECONDS.nanosPerUnit();
        if (size < FILE_HEADER) {
            throw corrupt("truncated file header: " + size + " of " + FILE_HEADER + " bytes", 0);
        }
        ValueLayout.OfShort int16 = bigEndian ? SHORT_BE : SHORT_LE;
        int major = data.get(int16, 4) & 0xFFFF;
        int minor = data.get(int16, 6) & 0xFFFF;
        if (major != 2) {
            throw corrupt("unsupported pcap version " + major + "." + minor, 4);
        }
        this.fileLinkType = data.get(int32, 20) & LINK_TYPE_MASK;
        this.linkType = fileLinkType;
    }

    static boolean isMagic(int bigEndianMagic) {
        for (int magic : new int[] {
            TimestampPrecision.MICROSECONDS.magic(), TimestampPrecision.NANOSECONDS.magic(), MODIFIED_MAGIC
        }) {
            if (bigEndianMagic == magic || bigEndianMagic == Integer.reverseBytes(magic)) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean advance() throws CaptureFormatException {
        long remaining = size - position;
        if (remaining == 0) {
            return false;
        }
        if (remaining < recordHeader) {
            throw corrupt("truncated record header: " + remaining + " of " + recordHeader + " bytes", position);
        }
        long seconds = u32(position);
        long fraction = u32(position + 4);
        long captured = u32(position + 8);
        long original = u32(position + 12);
        if (captured > MAX_FRAME) {
            throw corrupt("captured length " + captured + " exceeds the maximum of " + MAX_FRAME, position);
        }
        if (captured > remaining - recordHeader) {
            throw corrupt(
                    "truncated frame: record says " + captured + " captured bytes, " + (remaining - recordHeader)
                            + " remain",
                    position);
        }
        long timestamp = seconds * 1_000_000_000L + fraction * nanosPerUnit;
        yieldFrame(position + recordHeader, (int) captured, original, timestamp, fileLinkType, 0, position);
        position += recordHeader + captured;
        return true;
    }

    private long u32(long offset) {
        return Integer.toUnsignedLong(data.get(int32, offset));
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }
}

package io.palisade.dataplane.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, several interfaces with their own link types
 * and timestamp resolutions, enhanced, simple and obsolete packet blocks; other blocks are skipped.
 *
 * <pre>
 * every block       | type 4 | total length 4 | body ... | total length 4 |   (length a multiple of 4, >= 12)
 * section header    | 0x0A0D0D0A | len | byte-order magic 1A2B3C4D 4 | major 2 (= 1) | minor 2 | section len 8 | opts
 * interface (1)     | 1 | len | link type 2 | reserved 2 | snaplen 4 | options (if_tsresol 9, if_tsoffset 14) | len
 * enhanced pkt (6)  | 6 | len | interface 4 | ts high 4 | ts low 4 | captured 4 | original 4 | data pad4 | opts | len
 * simple pkt (3)    | 3 | len | original 4 | data pad4 | len            (interface 0, no timestamp)
 * packet (2, old)   | 2 | len | interface 2 | drops 2 | ts high 4 | ts low 4 | captured 4 | original 4 | data | len
 * option            | code 2 | length 2 | value pad4 |   (code 0 ends the list)
 * </pre>
 *
 * Timestamps count units of {@code if_tsresol} (default 10^-6 s): a byte {@code e} means 10^-e s, or 2^-(e & 0x7F)
 * when its top bit is set; {@code if_tsoffset} seconds are added.
 */
final class PcapngReader extends CaptureReader {
    static final int SECTION_HEADER = 0x0A0D_0D0A;
    static final int INTERFACE = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B_3C4D;
    private static final int MIN_BLOCK = 12;
    private static final int MIN_SECTION_HEADER = 28;
    private static final int OPTION_TSRESOL = 9;
    private static final int OPTION_TSOFFSET = 14;

    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    private ValueLayout.OfInt int32 = INT_BE;
    private ValueLayout.OfShort int16 = SHORT_BE;
    private long position;

    // Interfaces of the current section, by id.
    private int interfaces;
    private int[] linkTypes = new int[4];
    private int[] snapLengths = new int[4];
    private int[] resolutions = new int[4];
    private long[] offsetsSeconds = new long[4];

    PcapngReader(MemorySegment data, Arena arena) throws CaptureFormatException {
        super(data, arena);
        readSectionHeader(); // a file that does not start with a valid section is refused at open
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    boolean advance() throws CaptureFormatException {
        // Each pass consumes at least one block of 12 or more bytes, so the loop ends with the file.
        while (true) {
            long remaining = size - position;
            if (remaining == 0) {
                return false;
            }
            if (remaining < MIN_BLOCK) {
                throw corrupt("truncated block header: " + remaining + " bytes left", position);
            }
            if (data.get(INT_BE, position) == SECTION_HEADER) { // palindromic: same in both orders
                readSectionHeader();
                continue;
            }
            long start = position;
            int type = data.get(int32, start);
            long length = checkedBlockLength(start, remaining);
            position = start + length;
            boolean yielded = switch (type) {
                case INTERFACE -> readInterface(start, length);
                case ENHANCED_PACKET -> readEnhancedPacket(start, length, u32(start + 8), false);
                case OBSOLETE_PACKET -> readEnhancedPacket(start, length, u16(start + 8), true);
                case SIMPLE_PACKET -> readSimplePacket(start, length);
                default -> false; // statistics, name resolution, custom and unknown blocks
            };
            if (yielded) {
                return true;
            }
        }
    }

    private long checkedBlockLength(long start, long remaining) throws CaptureFormatException {
        long length = u32(start + 4);
        if (length < MIN_BLOCK || (length & 3) != 0) {
            throw corrupt("bad block length " + length + " (block type 0x" + Long.toHexString(u32(start)) + ")", start);
        }
        if (length > remaining) {
            throw corrupt(
                    "truncated block: type 0x" + Long.toHexString(u32(start)) + " says " + length + " bytes, "
                            + remaining + " remain",
                    start);
        }
        long trailer = u32(start + length - 4);
        if (trailer != length) {
            throw corrupt("block length " + length + " does not match its trailing length " + trailer, start);
        }
        return length;
    }

    private void readSectionHeader() throws CaptureFormatException {
        long start = position;
        long remaining = size - start;
        if (remaining < MIN_SECTION_HEADER) {
            throw corrupt("truncated section header: " + remaining + " of " + MIN_SECTION_HEADER + " bytes", start);
        }
        int magic = data.get(INT_BE, start + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            int32 = INT_BE;
            int16 = SHORT_BE;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            int32 = INT_LE;
            int16 = SHORT_LE;
        } else {
            throw corrupt("bad byte-order magic 0x%08x".formatted(Integer.toUnsignedLong(magic)), start);
        }
        long length = checkedBlockLength(start, remaining);
        if (length < MIN_SECTION_HEADER) {
            throw corrupt("section header block of " + length + " bytes", start);
        }
        int major = u16(start + 12);
        if (major != 1) {
            throw corrupt("unsupported pcapng version " + major + "." + u16(start + 14), start);
        }
        interfaces = 0;
        position = start + length;
    }

    private boolean readInterface(long start, long length) throws CaptureFormatException {
        if (length < 20) {
            throw corrupt("interface description block of " + length + " bytes", start);
        }
        if (interfaces == linkTypes.length) {
            int grown = interfaces * 2;
            linkTypes = Arrays.copyOf(linkTypes, grown);
            snapLengths = Arrays.copyOf(snapLengths, grown);
            resolutions = Arrays.copyOf(resolutions, grown);
            offsetsSeconds = Arrays.copyOf(offsetsSeconds, grown);
        }
        linkTypes[interfaces] = u16(start + 8);
        snapLengths[interfaces] = (int) Math.min(u32(start + 12), Integer.MAX_VALUE);
        resolutions[interfaces] = 6;
        offsetsSeconds[interfaces] = 0;
        readInterfaceOptions(start + 16, start + length - 4, interfaces);
        interfaces++;
        return false;
    }

    /** Options are read leniently: a malformed list ends the options, not the file. */
    private void readInterfaceOptions(long from, long end, int iface) throws CaptureFormatException {
        long p = from;
        while (end - p >= 4) {
            int code = u16(p);
            int length = u16(p + 2);
            if (code == 0 || length > end - p - 4) {
                return;
            }
            if (code == OPTION_TSRESOL && length >= 1) {
                int resolution = data.get(ValueLayout.JAVA_BYTE, p + 4) & 0xFF;
                if (!isSupportedResolution(resolution)) {
                    throw corrupt("unsupported if_tsresol 0x" + Integer.toHexString(resolution), p);
                }
                resolutions[iface] = resolution;
            } else if (code == OPTION_TSOFFSET && length >= 8) {
                long v = data.get(int32 == INT_BE ? LONG_BE : LONG_LE, p + 4);
                offsetsSeconds[iface] = v;
            }
            p += 4 + ((length + 3) & ~3);
        }
    }

    static boolean isSupportedResolution(int resolution) {
        return (resolution & 0x80) != 0 ? (resolution & 0x7F) <= 63 : resolution <= 18;
    }

    /** Enhanced packet block, or the obsolete packet block with its 16-bit interface id: the same layout after it. */
    private boolean readEnhancedPacket(long start, long length, long iface, boolean obsolete)
            throws CaptureFormatException {
        String name = obsolete ? "packet block" : "enhanced packet block";
        if (length < 32) {
            throw corrupt(name + " of " + length + " bytes", start);
        }
        if (iface >= interfaces) {
            throw corrupt(name + " for interface " + iface + ", but " + interfaces + " defined", start);
        }
        long captured = u32(start + 20);
        if (captured > length - 32) {
            throw corrupt(name + " says " + captured + " captured bytes, its block holds " + (length - 32), start);
        }
        int id = (int) iface;
        long units = (u32(start + 12) << 32) | u32(start + 16);
        long timestamp = toNanos(units, resolutions[id]) + offsetsSeconds[id] * 1_000_000_000L;
        yieldFrame(start + 28, (int) captured, u32(start + 24), timestamp, linkTypes[id], id, start);
        return true;
    }

    private boolean readSimplePacket(long start, long length) throws CaptureFormatException {
        if (length < 16) {
            throw corrupt("simple packet block of " + length + " bytes", start);
        }
        if (interfaces == 0) {
            throw corrupt("simple packet block before any interface description", start);
        }
        long original = u32(start + 8);
        long captured = Math.min(original, length - 16);
        if (snapLengths[0] > 0) {
            captured = Math.min(captured, snapLengths[0]);
        }
        yieldFrame(start + 12, (int) captured, original, 0, linkTypes[0], 0, start);
        return true;
    }

    /** Converts a timestamp in units of {@code if_tsresol} to nanoseconds. */
    static long toNanos(long units, int resolution) {
        if ((resolution & 0x80) == 0) {
            int exponent = resolution;
            return exponent <= 9
                    ? units * POWERS_OF_TEN[9 - exponent]
                    : Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 9]);
        }
        int shift = resolution & 0x7F;
        if (shift == 0) {
            return units * 1_000_000_000L;
        }
        long seconds = units >>> shift;
        long fraction = units << (64 - shift); // the sub-second part as a 64-bit binary fraction
        return seconds * 1_000_000_000L + Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
    }

    private long u32(long offset) {
        return Integer.toUnsignedLong(data.get(int32, offset));
    }

    private int u16(long offset) {
        return data.get(int16, offset) & 0xFFFF;
    }
}

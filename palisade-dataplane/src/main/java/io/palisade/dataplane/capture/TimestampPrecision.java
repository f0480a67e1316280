package io.palisade.dataplane.capture;

/** Timestamp resolution of a pcap file, chosen by its magic number. */
public enum TimestampPrecision {
    /** Magic {@code 0xA1B2C3D4}: the second field of a record is microseconds. */
    MICROSECONDS(0xA1B2_C3D4, 1_000),
    /** Magic {@code 0xA1B23C4D}: the second field of a record is nanoseconds. */
    NANOSECONDS(0xA1B2_3C4D, 1);

    private final int magic;
    private final long nanosPerUnit;

    TimestampPrecision(int magic, long nanosPerUnit) {
        this.magic = magic;
        this.nanosPerUnit = nanosPerUnit;
    }

    /** The pcap magic number announcing this precision. */
    public int magic() {
        return magic;
    }

    /** Nanoseconds in one unit of the sub-second field. */
    public long nanosPerUnit() {
        return nanosPerUnit;
    }
}

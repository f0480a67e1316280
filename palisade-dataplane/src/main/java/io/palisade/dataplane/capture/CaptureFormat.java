package io.palisade.dataplane.capture;

/** The capture file formats {@link CaptureReader} understands. */
public enum CaptureFormat {
    /** Classic libpcap format (tcpdump.org/manpages/pcap-savefile.5.html), either byte order, µs or ns. */
    PCAP("pcap"),
    /** pcapng (IETF draft-ietf-opsawg-pcapng), any number of sections and interfaces, either byte order. */
    PCAPNG("pcapng");

    private final String label;

    CaptureFormat(String label) {
        this.label = label;
    }

    /** Lower-case name used in messages. */
    public String label() {
        return label;
    }
}

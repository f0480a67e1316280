package io.palisade.dataplane.packet;

/** TCP header flag bits as in byte 13 of the header ({@link PacketMeta#tcpFlags()}). */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    /**
     * Valid combinations of FIN, SYN, RST, ACK and URG (PSH, ECE and CWR ignored), as one bit per combination: the
     * same table Linux conntrack uses ({@code tcp_valid_flags}). Every segment after the SYN carries ACK.
     */
    private static final long VALID = bit(SYN)
            | bit(SYN | URG)
            | bit(SYN | ACK)
            | bit(RST)
            | bit(RST | ACK)
            | bit(FIN | ACK)
            | bit(FIN | ACK | URG)
            | bit(ACK)
            | bit(ACK | URG);

    private static final int CHECKED = FIN | SYN | RST | ACK | URG;

    private TcpFlags() {}

    private static long bit(int flags) {
        return 1L << flags;
    }

    /** True when {@code flags} is a combination a TCP endpoint may send. */
    public static boolean isValid(int flags) {
        return ((VALID >>> (flags & CHECKED)) & 1) != 0;
    }

    /** Names the flags, e.g. {@code "SYN|ACK"}; for logs and tests, not the hot path. */
    public static String toString(int flags) {
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                text.append(text.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}

package io.palisade.config.model;

import java.util.Locale;

/**
 * One default-port entry of an application: an IP protocol and, for TCP/UDP/SCTP, its ports.
 *
 * @param protocol IP protocol number (6 tcp, 17 udp, 132 sctp, 1 icmp, 58 ipv6-icmp)
 * @param ports ports for port-based protocols, null otherwise
 */
public record AppPort(int protocol, PortRanges ports) {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SCTP = 132;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public static AppPort parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        String proto = slash < 0 ? t : t.substring(0, slash);
        int number = switch (proto) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "sctp" -> SCTP;
            case "icmp" -> ICMP;
            case "ipv6-icmp", "icmp6", "icmpv6" -> ICMPV6;
            default ->
                throw new IllegalArgumentException(
                        "'" + text + "': expected tcp/PORTS, udp/PORTS, sctp/PORTS, icmp or ipv6-icmp");
        };
        boolean portBased = number == TCP || number == UDP || number == SCTP;
        if (portBased != (slash >= 0)) {
            throw new IllegalArgumentException(
                    portBased ? "'" + text + "' needs ports, e.g. " + proto + "/443" : "'" + text + "' takes no ports");
        }
        return new AppPort(number, portBased ? PortRanges.parse(t.substring(slash + 1)) : null);
    }

    public boolean matches(int ipProtocol, int destinationPort) {
        return protocol == ipProtocol && (ports == null || ports.contains(destinationPort));
    }

    @Override
    public String toString() {
        return switch (protocol) {
            case TCP -> "tcp/" + ports;
            case UDP -> "udp/" + ports;
            case SCTP -> "sctp/" + ports;
            case ICMP -> "icmp";
            default -> "ipv6-icmp";
        };
    }
}

package io.palisade.config.model;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An IP address and port, written {@code 127.0.0.1:28769} or {@code [::1]:28769}. Port 0 means "any free port"
 * where a listener allows it.
 *
 * @param address literal address
 * @param port TCP or UDP port, 0..65535
 */
public record HostPort(InetAddress address, int port) {
    public HostPort {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    public static HostPort parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + trimmed + "' has no port (expected address:port)");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + trimmed + "': write IPv6 addresses as [addr]:port");
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' has a port that is not a number");
        }
        return new HostPort(IpAddresses.parse(host), port);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String host = IpAddresses.format(address);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

package io.palisade.ha.sync;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A forwarding-table entry HA2 keeps in step besides sessions: ARP/neighbour entries, run-time routes and IPsec SA
 * records. Palisade has no IPsec; its SA table is a store that is synchronised and shown, so that the operational
 * commands look and behave as on PAN-OS. Each kind is a table keyed by {@link #key()}.
 */
public sealed interface Ha2Record {

    /** Identity within its table: a later record with the same key replaces the earlier one. */
    String key();

    /** The table: {@code arp}, {@code route} or {@code ipsec-sa}. */
    String table();

    /**
     * An ARP (IPv4) or neighbour discovery (IPv6) entry.
     *
     * @param address the neighbour's address
     * @param mac its MAC in the low 48 bits
     * @param interfaceId the interface it was learnt on
     */
    record Neighbor(InetAddress address, long mac, int interfaceId) implements Ha2Record {
        public Neighbor {
            Objects.requireNonNull(address, "address");
            if ((mac & ~0xffff_ffff_ffffL) != 0) {
                throw new IllegalArgumentException("MAC " + Long.toHexString(mac) + " does not fit 48 bits");
            }
            checkU16("interface id", interfaceId);
        }

        @Override
        public String key() {
            return address.getHostAddress() + "%" + interfaceId;
        }

        @Override
        public String table() {
            return "arp";
        }

        /** The MAC as {@code 02:00:00:00:00:0a}. */
        public String macText() {
            byte[] bytes = new byte[6];
            for (int i = 0; i < 6; i++) {
                bytes[i] = (byte) (mac >>> (40 - 8 * i));
            }
            return HexFormat.ofDelimiter(":").formatHex(bytes);
        }
    }

    /**
     * A run-time route.
     *
     * @param prefix the network address
     * @param prefixLength 0..32 or 0..128
     * @param nextHop the gateway, or null when on-link
     * @param interfaceId the egress interface
     * @param metric route metric
     */
    record Route(InetAddress prefix, int prefixLength, InetAddress nextHop, int interfaceId, int metric)
            implements Ha2Record {
        public Route {
            Objects.requireNonNull(prefix, "prefix");
            int max = prefix instanceof Inet6Address ? 128 : 32;
            if (prefixLength < 0 || prefixLength > max) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + max);
            }
            if (nextHop != null && (nextHop instanceof Inet6Address) != (prefix instanceof Inet6Address)) {
                throw new IllegalArgumentException("next hop " + nextHop + " is not of the prefix's family");
            }
            checkU16("interface id", interfaceId);
            if (metric < 0) {
                throw new IllegalArgumentException("metric " + metric + " is negative");
            }
        }

        @Override
        public String key() {
            return prefix.getHostAddress() + "/" + prefixLength;
        }

        @Override
        public String table() {
            return "route";
        }
    }

    /**
     * An IPsec security association record.
     *
     * @param tunnel tunnel name, at most 63 bytes of UTF-8
     * @param spi security parameter index
     * @param inbound inbound (true) or outbound SA
     * @param protocol 50 (ESP) or 51 (AH)
     * @param local local gateway address
     * @param peer peer gateway address (same family)
     * @param lifetimeSeconds remaining lifetime
     */
    record IpsecSa(
            String tunnel,
            long spi,
            boolean inbound,
            int protocol,
            InetAddress local,
            InetAddress peer,
            long lifetimeSeconds)
            implements Ha2Record {
        /** ESP. */
        public static final int ESP = 50;
        /** AH. */
        public static final int AH = 51;

        public IpsecSa {
            Objects.requireNonNull(tunnel, "tunnel");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(peer, "peer");
            if (tunnel.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                throw new IllegalArgumentException("tunnel name '" + tunnel + "' is longer than 63 bytes");
            }
            if ((spi & ~0xffff_ffffL) != 0) {
                throw new IllegalArgumentException("SPI " + spi + " does not fit 32 bits");
            }
            if (protocol != ESP && protocol != AH) {
                throw new IllegalArgumentException("IPsec protocol " + protocol + " is neither ESP (50) nor AH (51)");
            }
            if ((local instanceof Inet6Address) != (peer instanceof Inet6Address)) {
                throw new IllegalArgumentException("SA gateways " + local + " and " + peer + " differ in family");
            }
            if (lifetimeSeconds < 0) {
                throw new IllegalArgumentException("lifetime " + lifetimeSeconds + " is negative");
            }
        }

        @Override
        public String key() {
            return String.format("%08x/%s/%s", spi, inbound ? "in" : "out", peer.getHostAddress());
        }

        @Override
        public String table() {
            return "ipsec-sa";
        }
    }

    private static void checkU16(String field, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(field + " " + value + " is outside 0..65535");
        }
    }
}

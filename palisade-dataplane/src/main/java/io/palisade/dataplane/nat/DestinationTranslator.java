package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.IpBits;
import io.palisade.dataplane.route.IpInterval;

/** The destination translation of a NAT entry, immutable and stateless. */
public sealed interface DestinationTranslator {
    /** Port value meaning "keep the original destination port". */
    int KEEP_PORT = -1;

    /**
     * Destination NAT to an address (or to one address of a prefix or range, picked by a hash of the source so a
     * client keeps its server), with optional port translation.
     *
     * @param addresses translated address or addresses
     * @param port new destination port, or {@link #KEEP_PORT}
     */
    record ToAddress(IpInterval addresses, int port) implements DestinationTranslator {
        boolean apply(int ipVersion, long srcHi, long srcLo, int dstPort, NatResult out) {
            if (ipVersion != addresses.version()) {
                return false;
            }
            long size = addresses.sizeSaturated();
            long offset = size == 1
                    ? 0
                    : Long.remainderUnsigned(Integer.toUnsignedLong(IpBits.hash(ipVersion, srcHi, srcLo)), size);
            long hi = IpBits.addHi(addresses.first().hi(), addresses.first().lo(), offset);
            out.setDestination(hi, addresses.first().lo() + offset, port == KEEP_PORT ? dstPort : port);
            return true;
        }
    }

    /** The implicit reverse of a bi-directional static source NAT: pool address back to the original address. */
    record StaticReverse(StaticMapping mapping) implements DestinationTranslator {}
}

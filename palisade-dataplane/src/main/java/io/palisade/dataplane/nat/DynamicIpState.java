package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.AddressIntMap;
import io.palisade.dataplane.route.IpBits;

/**
 * One worker's state of a dynamic-ip (no port translation) pool: the addresses this worker owns (pool index {@code i}
 * with {@code i % workerCount == workerIndex}) and which source each is bound to. A source keeps its address while
 * it has sessions on this worker; the pool is exhausted when every owned address is bound.
 */
final class DynamicIpState {
    private final AddressPool pool;
    private final DipAddress[] four;
    private final DipAddress[] six;
    private final AddressIntMap sources;
    private int cursorFour;
    private int cursorSix;

    DynamicIpState(AddressPool pool, DipAddress[] four, DipAddress[] six) {
        this.pool = pool;
        this.four = four;
        this.six = six;
        this.sources = new AddressIntMap(four.length + six.length);
    }

    /** Re-attaches addresses that are still bound from a previous epoch to this state's source map. */
    void adoptBindings() {
        adopt(four);
        adopt(six);
    }

    private void adopt(DipAddress[] owned) {
        for (int i = 0; i < owned.length; i++) {
            DipAddress d = owned[i];
            if (d.refs > 0 && sources.get(d.boundVersion, d.boundHi, d.boundLo) == AddressIntMap.ABSENT) {
                sources.put(d.boundVersion, d.boundHi, d.boundLo, i);
                d.owner = this;
                d.ownerIndex = i;
            }
        }
    }

    boolean allocate(int version, long srcHi, long srcLo, int srcPort, NatResult out) {
        DipAddress[] owned = version == IpBits.V4 ? four : six;
        if (owned.length == 0) {
            out.fail(pool.size(version) == 0 ? NatOutcome.FAMILY_MISMATCH : NatOutcome.ADDRESS_EXHAUSTED);
            return false;
        }
        int index = sources.get(version, srcHi, srcLo);
        if (index != AddressIntMap.ABSENT) {
            DipAddress d = owned[index];
            d.refs++;
            out.setSource(d.hi, d.lo, srcPort, SourceNatKind.DYNAMIC_IP);
            return true;
        }
        int start = version == IpBits.V4 ? cursorFour : cursorSix;
        for (int i = 0; i < owned.length; i++) {
            int j = (start + i) % owned.length;
            DipAddress d = owned[j];
            if (d.refs == 0) {
                bind(d, j, version, srcHi, srcLo);
                if (version == IpBits.V4) {
                    cursorFour = (j + 1) % owned.length;
                } else {
                    cursorSix = (j + 1) % owned.length;
                }
                out.setSource(d.hi, d.lo, srcPort, SourceNatKind.DYNAMIC_IP);
                return true;
            }
        }
        out.fail(NatOutcome.ADDRESS_EXHAUSTED);
        return false;
    }

    private void bind(DipAddress d, int index, int version, long srcHi, long srcLo) {
        d.boundVersion = version;
        d.boundHi = srcHi;
        d.boundLo = srcLo;
        d.refs = 1;
        d.owner = this;
        d.ownerIndex = index;
        sources.put(version, srcHi, srcLo, index);
    }

    /** Called when an address bound by this state has no sessions left. */
    void unbind(DipAddress d) {
        if (sources.get(d.boundVersion, d.boundHi, d.boundLo) == d.ownerIndex) {
            sources.remove(d.boundVersion, d.boundHi, d.boundLo);
        }
        d.owner = null;
    }
}

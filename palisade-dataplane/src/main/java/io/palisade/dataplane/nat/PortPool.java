package io.palisade.dataplane.nat;

import io.palisade.dataplane.route.IpBits;

/**
 * One dynamic-ip-and-port pool as one worker sees it: its addresses and their port bitmaps (shared with every other
 * pool of the worker that contains the same address, so an address and port are never handed out twice).
 */
final class PortPool {
    private final AddressPool pool;
    private final PortBitmap[] four;
    private final PortBitmap[] six;
    private final int chooserBudget;
    private final boolean chooserFallback;

    PortPool(AddressPool pool, PortBitmap[] four, PortBitmap[] six, int chooserBudget, boolean chooserFallback) {
        this.pool = pool;
        this.four = four;
        this.six = six;
        this.chooserBudget = chooserBudget;
        this.chooserFallback = chooserFallback;
    }

    boolean allocate(int version, long srcHi, long srcLo, PortChooser chooser, NatResult out) {
        PortBitmap[] maps = version == IpBits.V4 ? four : six;
        if (maps.length == 0) {
            out.fail(NatOutcome.FAMILY_MISMATCH);
            return false;
        }
        // The source picks the first address to try, so a client tends to keep one translated address.
        int start = Integer.remainderUnsigned(IpBits.hash(version, srcHi, srcLo), maps.length);
        if (chooser != null) {
            if (tryChooser(maps, start, version, chooser, out)) {
                return true;
            }
            if (!chooserFallback && anyFree(maps)) {
                out.fail(NatOutcome.CHOOSER_REJECTED);
                return false;
            }
        }
        for (int i = 0; i < maps.length; i++) {
            int j = (start + i) % maps.length;
            int port = maps[j].allocate();
            if (port >= 0) {
                out.setSource(pool.hi(version, j), pool.lo(version, j), port, SourceNatKind.DYNAMIC_IP_AND_PORT);
                out.chooserSatisfied(chooser == null);
                return true;
            }
        }
        out.fail(NatOutcome.PORT_EXHAUSTED);
        return false;
    }

    private boolean tryChooser(PortBitmap[] maps, int start, int version, PortChooser chooser, NatResult out) {
        int budget = chooserBudget;
        for (int i = 0; i < maps.length && budget > 0; i++) {
            int j = (start + i) % maps.length;
            long hi = pool.hi(version, j);
            long lo = pool.lo(version, j);
            int port = maps[j].allocate(chooser, version, hi, lo, budget);
            budget -= maps[j].lastAttempts();
            if (port >= 0) {
                out.setSource(hi, lo, port, SourceNatKind.DYNAMIC_IP_AND_PORT);
                return true;
            }
        }
        return false;
    }

    private static boolean anyFree(PortBitmap[] maps) {
        for (PortBitmap m : maps) {
            if (m.free() > 0) {
                return true;
            }
        }
        return false;
    }
}

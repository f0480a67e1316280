package io.palisade.dataplane.nat;

/**
 * One dynamic-ip pool address as one worker sees it: the source it is bound to and how many sessions use it. Shared
 * by every dynamic-ip rule of the worker whose pool contains the address, so one address never serves two sources.
 */
final class DipAddress {
    final int version;
    final long hi;
    final long lo;
    int boundVersion;
    long boundHi;
    long boundLo;
    int refs;
    /** The pool state whose source map points at this address while it is bound. */
    DynamicIpState owner;

    int ownerIndex;

    DipAddress(int version, long hi, long lo) {
        this.version = version;
        this.hi = hi;
        this.lo = lo;
    }
}

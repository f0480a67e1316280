package io.palisade.dataplane.nat;

/**
 * The reusable, mutable result of one translation: the packet's addresses and ports after NAT, the outcome and what
 * has to be released when the session ends. One instance per worker; {@link NatWorkerState#translate} overwrites it.
 */
public final class NatResult {
    private NatOutcome outcome = NatOutcome.TRANSLATED;
    private int ipVersion;
    private long srcHi;
    private long srcLo;
    private int srcPort;
    private long dstHi;
    private long dstLo;
    private int dstPort;
    private SourceNatKind sourceKind = SourceNatKind.NONE;
    private boolean destinationTranslated;
    private boolean chooserSatisfied = true;

    void reset(int version, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        outcome = NatOutcome.TRANSLATED;
        ipVersion = version;
        srcHi = sHi;
        srcLo = sLo;
        srcPort = sPort;
        dstHi = dHi;
        dstLo = dLo;
        dstPort = dPort;
        sourceKind = SourceNatKind.NONE;
        destinationTranslated = false;
        chooserSatisfied = true;
    }

    void fail(NatOutcome why) {
        outcome = why;
    }

    void setSource(long hi, long lo, int port, SourceNatKind kind) {
        srcHi = hi;
        srcLo = lo;
        srcPort = port;
        sourceKind = kind;
    }

    void setDestination(long hi, long lo, int port) {
        dstHi = hi;
        dstLo = lo;
        dstPort = port;
        destinationTranslated = true;
    }

    void chooserSatisfied(boolean satisfied) {
        chooserSatisfied = satisfied;
    }

    public NatOutcome outcome() {
        return outcome;
    }

    public boolean ok() {
        return outcome == NatOutcome.TRANSLATED;
    }

    public int ipVersion() {
        return ipVersion;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public int srcPort() {
        return srcPort;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    public int dstPort() {
        return dstPort;
    }

    public SourceNatKind sourceKind() {
        return sourceKind;
    }

    public boolean destinationTranslated() {
        return destinationTranslated;
    }

    /**
     * False when a {@link PortChooser} was given but no candidate satisfied it and the allocator fell back to any free
     * port: the reply will hash to another worker, which the engine must hand over.
     */
    public boolean chooserSatisfied() {
        return chooserSatisfied;
    }
}

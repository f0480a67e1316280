package io.palisade.ha.sync;

/** The fault switches of one HA2 link; volatile flags read on every frame. */
final class Ha2Faults implements Ha2LinkFaults {
    /** Largest outbound delay accepted. */
    static final int MAX_DELAY_MS = 60_000;

    private volatile boolean dropOutbound;
    private volatile boolean dropInbound;
    private volatile boolean blocked;
    private volatile int outboundDelayMs;
    private volatile FrameFilter outboundFilter;

    @Override
    public void setDropOutbound(boolean on) {
        dropOutbound = on;
    }

    @Override
    public boolean dropOutbound() {
        return dropOutbound;
    }

    @Override
    public void setDropInbound(boolean on) {
        dropInbound = on;
    }

    @Override
    public boolean dropInbound() {
        return dropInbound;
    }

    @Override
    public void setBlocked(boolean on) {
        blocked = on;
    }

    @Override
    public boolean blocked() {
        return blocked;
    }

    @Override
    public void setOutboundDelayMs(int delayMs) {
        if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
            throw new IllegalArgumentException("outbound delay " + delayMs + " ms is outside 0.." + MAX_DELAY_MS);
        }
        outboundDelayMs = delayMs;
    }

    @Override
    public int outboundDelayMs() {
        return outboundDelayMs;
    }

    @Override
    public void setOutboundFilter(FrameFilter filter) {
        outboundFilter = filter;
    }

    @Override
    public FrameFilter outboundFilter() {
        return outboundFilter;
    }
}

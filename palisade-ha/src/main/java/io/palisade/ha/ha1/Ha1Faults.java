package io.palisade.ha.ha1;

/** The fault switches of one transport; blocking also closes the connections it has at that moment. */
final class Ha1Faults implements LinkFaults {
    /** Largest outbound delay accepted. */
    static final int MAX_DELAY_MS = 60_000;

    private final Runnable closeConnections;
    private volatile boolean dropOutbound;
    private volatile boolean dropInbound;
    private volatile boolean blocked;
    private volatile int outboundDelayMs;

    Ha1Faults(Runnable closeConnections) {
        this.closeConnections = closeConnections;
    }

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
        // The flag goes up before the connections close: a dialer that connects concurrently checks the flag
        // after publishing its connection, so one of the two always sees the other.
        blocked = on;
        if (on) {
            closeConnections.run();
        }
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
}

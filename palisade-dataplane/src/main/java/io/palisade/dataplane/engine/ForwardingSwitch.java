package io.palisade.dataplane.engine;

/**
 * The switch the HA agent sets and every worker reads once per batch. A standalone node forwards. Written by
 * one thread (the HA agent), read by workers: a volatile field is the whole protocol.
 */
public final class ForwardingSwitch {
    private volatile ForwardingMode mode;

    public ForwardingSwitch(ForwardingMode initial) {
        this.mode = initial;
    }

    public ForwardingMode mode() {
        return mode;
    }

    public void set(ForwardingMode next) {
        mode = next;
    }
}

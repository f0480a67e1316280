package io.palisade.node;

import io.palisade.ha.monitor.PathProbe;
import io.palisade.ha.monitor.ScriptedPathProbe;
import java.net.InetAddress;

/**
 * The scripted path probe of a test node, plus a bug a test can plant: once planted, every poll throws inside the
 * HA agent's duty cycle, as an unexpected error in any HA component would.
 */
final class BreakablePathProbe implements PathProbe {
    private final ScriptedPathProbe scripted;
    private volatile boolean broken;

    BreakablePathProbe(ScriptedPathProbe scripted) {
        this.scripted = scripted;
    }

    ScriptedPathProbe scripted() {
        return scripted;
    }

    void plantBug() {
        broken = true;
    }

    @Override
    public boolean send(InetAddress destination, int sequence, long nowNs) {
        return scripted.send(destination, sequence, nowNs);
    }

    @Override
    public void poll(long nowNs, long timeoutNs, Listener listener) {
        if (broken) {
            throw new IllegalStateException("bug planted in the path probe by the test");
        }
        scripted.poll(nowNs, timeoutNs, listener);
    }

    @Override
    public void close() {
        scripted.close();
    }
}

package io.palisade.ha.monitor;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A path probe for the in-process lab, where the data links are UDP tunnels without an IP stack: a SIMULATION.
 * Every destination answers after a fixed round trip unless the lab (or a test) marked it unreachable with
 * {@link #setReachable}. The namespace lab uses the real {@link IcmpPathProbe}.
 */
public final class ScriptedPathProbe implements PathProbe {
    private record Pending(InetAddress destination, int sequence, long sentNs) {}

    private final Set<InetAddress> unreachable = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final long rttNs;

    public ScriptedPathProbe(long rttNs) {
        this.rttNs = rttNs;
    }

    /** Makes a destination answer again (true) or go silent (false). */
    public void setReachable(InetAddress destination, boolean reachable) {
        if (reachable) {
            unreachable.remove(destination);
        } else {
            unreachable.add(destination);
        }
    }

    @Override
    public synchronized boolean send(InetAddress destination, int sequence, long nowNs) {
        pending.add(new Pending(destination, sequence, nowNs));
        return true;
    }

    @Override
    public synchronized void poll(long nowNs, long timeoutNs, Listener listener) {
        while (!pending.isEmpty()) {
            Pending p = pending.peek();
            boolean reachable = !unreachable.contains(p.destination());
            if (reachable && nowNs - p.sentNs() >= rttNs) {
                pending.poll();
                listener.onReply(p.destination(), p.sequence(), rttNs);
            } else if (!reachable && nowNs - p.sentNs() >= timeoutNs) {
                pending.poll();
                listener.onLoss(p.destination(), p.sequence());
            } else {
                return;
            }
        }
    }

    @Override
    public void close() {}
}

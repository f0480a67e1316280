package io.palisade.dataplane.port;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An in-memory port for tests: frames are injected with {@link #inject} and transmitted frames collected with
 * {@link #drainSent}. Allocates per frame; it exists for tests, not for speed.
 */
public final class MemoryPort implements Port {
    private final String name;
    private final long mac;
    private final ConcurrentLinkedQueue<byte[]> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<byte[]> sent = new ConcurrentLinkedQueue<>();
    private volatile boolean linkUp = true;
    private volatile boolean adminUp = true;

    public MemoryPort(String name, long mac) {
        this.name = name;
        this.mac = mac;
    }

    public MemoryPort(String name) {
        this(name, 0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int queues() {
        return 1;
    }

    /** Queues a frame to be received. */
    public void inject(byte[] frame) {
        inbound.add(frame.clone());
    }

    /** Frames sent since the last call, oldest first. */
    public List<byte[]> drainSent() {
        List<byte[]> out = new java.util.ArrayList<>();
        for (byte[] f = sent.poll(); f != null; f = sent.poll()) {
            out.add(f);
        }
        return out;
    }

    public int pendingInbound() {
        return inbound.size();
    }

    @Override
    public int receive(int queue, FrameBatch batch) {
        int n = 0;
        while (!batch.isFull()) {
            byte[] f = inbound.poll();
            if (f == null) {
                break;
            }
            if (!adminUp || !linkUp) {
                continue;
            }
            if (batch.add(MemorySegment.ofArray(f), 0, f.length, 0)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean send(int queue, MemorySegment frame, int length) {
        if (!adminUp || !linkUp) {
            return false;
        }
        sent.add(frame.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
        return true;
    }

    @Override
    public boolean linkUp() {
        return linkUp;
    }

    /** Simulates carrier loss or return. */
    public void setLinkUp(boolean up) {
        linkUp = up;
    }

    @Override
    public void setAdminUp(boolean up) {
        adminUp = up;
    }

    @Override
    public boolean adminUp() {
        return adminUp;
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public void close() {}
}

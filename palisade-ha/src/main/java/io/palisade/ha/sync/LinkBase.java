package io.palisade.ha.sync;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both links share: fault switches applied on the real send and receive paths, counters, and the delay line
 * that holds frames back while the delay fault is on (a virtual thread, started on first use; order is kept).
 */
abstract class LinkBase implements Ha2Link {
    private static final Logger LOG = LoggerFactory.getLogger(LinkBase.class);
    /** Frames refused on receive before {@link #receive} gives up for this call and reports none. */
    private static final int RECEIVE_SKIP_BUDGET = 64;

    private final String name;
    private final Ha2Faults faults = new Ha2Faults();
    private final SharedCounters counters = new SharedCounters();
    private final LinkedBlockingQueue<Delayed> delayLine = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private Thread delayThread;

    private record Delayed(byte[] frame, long dueNs) {}

    LinkBase(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Ha2LinkFaults faults() {
        return faults;
    }

    @Override
    public final SharedCounters counters() {
        return counters;
    }

    /** Writes one frame to the wire; returns false when it could not (counted by the caller). */
    abstract boolean transmit(byte[] frame, int offset, int length);

    /** Reads one frame from the wire, or returns 0; drops (and counts) frames not from the peer itself. */
    abstract int read(byte[] into) throws IOException;

    @Override
    public final void send(byte[] frame, int offset, int length) {
        if (closed) {
            return;
        }
        if (faults.blocked()) {
            counters.increment(Ha2Counter.FAULT_BLOCKED);
            return;
        }
        if (faults.dropOutbound()) {
            counters.increment(Ha2Counter.FAULT_DROP_OUT);
            return;
        }
        FrameFilter filter = faults.outboundFilter();
        if (filter != null
                && length >= Ha2Codec.HEADER_BYTES
                && filter.drop(frame[offset + 12] & 0xff, sequence(frame, offset))) {
            counters.increment(Ha2Counter.FAULT_FILTERED);
            return;
        }
        int delayMs = faults.outboundDelayMs();
        if (delayMs > 0) {
            delay(frame, offset, length, delayMs);
            return;
        }
        transmitCounted(frame, offset, length);
    }

    private static long sequence(byte[] frame, int offset) {
        return WireBytes.getU32(frame, offset + 24);
    }

    private void transmitCounted(byte[] frame, int offset, int length) {
        if (transmit(frame, offset, length)) {
            counters.increment(Ha2Counter.LINK_FRAME_SENT);
            counters.add(Ha2Counter.LINK_BYTES_SENT, length);
        } else {
            counters.increment(Ha2Counter.LINK_SEND_ERROR);
        }
    }

    private synchronized void delay(byte[] frame, int offset, int length, int delayMs) {
        if (delayThread == null) {
            delayThread = Thread.ofVirtual().name("ha2-delay-" + name).start(this::delayLoop);
        }
        byte[] copy = java.util.Arrays.copyOfRange(frame, offset, offset + length);
        delayLine.add(new Delayed(copy, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs)));
        counters.increment(Ha2Counter.FAULT_DELAYED);
    }

    private void delayLoop() {
        while (!closed) {
            try {
                Delayed next = delayLine.poll(100, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                long waitNs = next.dueNs() - System.nanoTime();
                if (waitNs > 0) {
                    Thread.sleep(java.time.Duration.ofNanos(waitNs));
                }
                if (!closed && !faults.blocked()) {
                    transmitCounted(next.frame(), 0, next.frame().length);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("HA2 link {}: delayed frame not sent: {}", name, e.toString());
            }
        }
    }

    @Override
    public final int receive(byte[] into) throws IOException {
        for (int i = 0; i < RECEIVE_SKIP_BUDGET; i++) {
            int length = read(into);
            if (length == 0) {
                return 0;
            }
            if (faults.blocked()) {
                counters.increment(Ha2Counter.FAULT_BLOCKED);
            } else if (faults.dropInbound()) {
                counters.increment(Ha2Counter.FAULT_DROP_IN);
            } else {
                counters.increment(Ha2Counter.LINK_FRAME_RECEIVED);
                return length;
            }
        }
        return 0;
    }

    /** Stops the delay line; subclasses close their socket after this. */
    @Override
    public void close() {
        closed = true;
        Thread thread;
        synchronized (this) {
            thread = delayThread;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }
}

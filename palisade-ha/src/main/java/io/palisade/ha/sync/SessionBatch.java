package io.palisade.ha.sync;

import io.palisade.dataplane.engine.WorkerContext;
import io.palisade.dataplane.engine.WorkerTask;

/**
 * Many of the peer's session messages for one worker, copied as they arrived (type, length, body), applied in one
 * task so that the hand-off costs once per batch, not once per session. Recycled through the receiver's pool after
 * it ran.
 */
final class SessionBatch implements WorkerTask {
    private final SessionSyncReceiver receiver;
    private final byte[] data;
    private int length;
    private int messages;

    SessionBatch(SessionSyncReceiver receiver, int capacity) {
        this.receiver = receiver;
        this.data = new byte[capacity];
    }

    boolean fits(int messageLength) {
        return length + messageLength <= data.length;
    }

    boolean isEmpty() {
        return messages == 0;
    }

    int messages() {
        return messages;
    }

    /** Appends one whole message (type, length, body). */
    void add(byte[] buf, int offset, int messageLength) {
        System.arraycopy(buf, offset, data, length, messageLength);
        length += messageLength;
        messages++;
    }

    void clear() {
        length = 0;
        messages = 0;
    }

    @Override
    public void run(WorkerContext context, long nowNs) {
        PeerSessionInstaller installer = receiver.installer(context.workerIndex());
        int at = 0;
        int applied = messages;
        while (at < length) {
            int type = data[at];
            int bodyLength = data[at + 1] & 0x7f;
            int bodyAt = at + 2;
            if ((data[at + 1] & 0x80) != 0) {
                bodyLength |= (data[at + 2] & 0x7f) << 7;
                bodyAt++;
            }
            installer.apply(context, type, data, bodyAt, bodyLength, nowNs);
            at = bodyAt + bodyLength;
        }
        receiver.batchApplied(this, applied);
    }
}

package io.palisade.ha.sync;

/** Where built frames go: the HA2 link in use. Thread-safe; never blocks for long. */
@FunctionalInterface
interface FrameSender {
    void send(byte[] frame, int offset, int length);
}

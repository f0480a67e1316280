package io.palisade.ha.sync;

/** A link that only has a name: for feeding frames straight into a receiver. */
final class FakeLink extends LinkBase {
    FakeLink(String name) {
        super(name);
    }

    @Override
    public String transport() {
        return "memory";
    }

    @Override
    public String describe() {
        return "memory " + name();
    }

    @Override
    public int maxFrameBytes() {
        return 1472;
    }

    @Override
    boolean transmit(byte[] frame, int offset, int length) {
        return true;
    }

    @Override
    int read(byte[] into) {
        return 0;
    }

    @Override
    public void awaitReadable(int timeoutMs) {}
}

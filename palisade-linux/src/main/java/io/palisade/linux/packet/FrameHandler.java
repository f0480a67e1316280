package io.palisade.linux.packet;

/**
 * Receives frames from an {@link AfPacketSocket}'s ring. The {@link RxFrame} is a reused view: it is valid only
 * during the call, and the frame bytes go back to the kernel once the ring block is released, so copy what must
 * outlive the call.
 */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(RxFrame frame);
}

/**
 * Hand-built test frames ({@link io.palisade.testkit.packets.FrameBuilder}) with correct checksums by default and
 * switches to break them, and the location of the shared capture files ({@link
 * io.palisade.testkit.packets.TestCaptures}).
 */
package io.palisade.testkit.packets;

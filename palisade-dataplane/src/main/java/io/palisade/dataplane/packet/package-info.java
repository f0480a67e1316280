/**
 * Zero-allocation packet codec: {@link io.palisade.dataplane.packet.PacketParser} fills a reusable
 * {@link io.palisade.dataplane.packet.PacketMeta} from a frame in a {@code MemorySegment}, every malformed case is a
 * named {@link io.palisade.dataplane.packet.PacketDrop}; {@link io.palisade.dataplane.packet.Checksums} and
 * {@link io.palisade.dataplane.packet.PacketRewriter} verify and incrementally update checksums for NAT.
 */
package io.palisade.dataplane.packet;

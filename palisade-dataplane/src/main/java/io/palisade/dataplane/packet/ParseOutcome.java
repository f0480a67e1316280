package io.palisade.dataplane.packet;

/**
 * What {@link PacketParser#parse} made of a frame: either a {@link ParseStatus} (the frame is usable, or at least
 * not malformed) or a {@link PacketDrop} naming why it must be dropped. Both are enums, so returning one never
 * allocates; callers usually test {@code outcome == ParseStatus.OK} first and switch on the rest:
 *
 * <pre>{@code
 * switch (PacketParser.parse(frame, length, linkType, meta)) {
 *     case ParseStatus s when s == ParseStatus.OK -> sessionLookup(meta);
 *     case ParseStatus s -> handleOther(s);           // ARP, NON_IP, UNSUPPORTED_LINK_TYPE
 *     case PacketDrop drop -> drops.increment(drop);
 * }
 * }</pre>
 */
public sealed interface ParseOutcome permits ParseStatus, PacketDrop {
    /** True when the frame must be dropped; the outcome is then a {@link PacketDrop}. */
    boolean isDrop();
}

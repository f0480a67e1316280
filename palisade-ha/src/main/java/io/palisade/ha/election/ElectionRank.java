package io.palisade.ha.election;

import io.palisade.config.model.HaMode;
import java.util.Comparator;
import java.util.Locale;

/**
 * A node's place in the election: lower device priority wins; active/active then prefers device id 0 for the
 * primary role; then the lower node id (HA1 MAC, unsigned); the serial settles the impossible remainder so two
 * nodes always agree on one winner from the same data.
 *
 * @param serial device serial
 * @param priority device priority
 * @param deviceId active/active device id
 * @param nodeId HA1 MAC as an 8-byte value
 */
public record ElectionRank(String serial, int priority, int deviceId, long nodeId) {

    private static final Comparator<ElectionRank> ACTIVE_PASSIVE = Comparator.comparingInt(ElectionRank::priority)
            .thenComparing(ElectionRank::nodeId, Long::compareUnsigned)
            .thenComparing(ElectionRank::serial);

    private static final Comparator<ElectionRank> ACTIVE_ACTIVE = Comparator.comparingInt(ElectionRank::priority)
            .thenComparingInt(ElectionRank::deviceId)
            .thenComparing(ElectionRank::nodeId, Long::compareUnsigned)
            .thenComparing(ElectionRank::serial);

    /** The local node's rank. */
    public static ElectionRank of(HaMachineConfig config) {
        return new ElectionRank(config.serial(), config.devicePriority(), config.deviceId(), config.nodeId());
    }

    /** A peer's rank, from its hello. */
    public static ElectionRank of(HaHello hello) {
        return new ElectionRank(hello.serial(), hello.priority(), hello.deviceId(), hello.nodeId());
    }

    /** Best first. */
    public static Comparator<ElectionRank> order(HaMode mode) {
        return mode == HaMode.ACTIVE_ACTIVE ? ACTIVE_ACTIVE : ACTIVE_PASSIVE;
    }

    /** Whether this rank beats {@code other}. */
    public boolean outranks(ElectionRank other, HaMode mode) {
        return order(mode).compare(this, other) < 0;
    }

    /** Why this rank beats (or loses to) {@code other}, for state reason details. */
    public String explainAgainst(ElectionRank other, HaMode mode) {
        if (priority != other.priority) {
            return "priority " + priority + (priority < other.priority ? " < " : " > ") + other.priority;
        }
        String same = "priority " + priority + " equal, ";
        if (mode == HaMode.ACTIVE_ACTIVE && deviceId != other.deviceId) {
            return same + "device-id " + deviceId + (deviceId < other.deviceId ? " < " : " > ") + other.deviceId;
        }
        if (nodeId != other.nodeId) {
            boolean lower = Long.compareUnsigned(nodeId, other.nodeId) < 0;
            return same + "HA1 MAC " + formatNodeId(nodeId) + (lower ? " < " : " > ") + formatNodeId(other.nodeId);
        }
        return same + "serial " + serial + (serial.compareTo(other.serial) < 0 ? " < " : " > ") + other.serial;
    }

    /** A node id as a MAC address when it fits in 48 bits, else as 16 hex digits. */
    public static String formatNodeId(long nodeId) {
        if ((nodeId >>> 48) != 0) {
            return String.format(Locale.ROOT, "%016x", nodeId);
        }
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            sb.append(String.format(Locale.ROOT, "%02x", (nodeId >>> shift) & 0xff));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}

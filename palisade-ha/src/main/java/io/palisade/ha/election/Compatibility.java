package io.palisade.ha.election;

import io.palisade.config.model.HaMode;
import java.util.Locale;

/**
 * Compatibility checks run on every peer hello, as a chain of guards (first failure wins). A failure makes the
 * local node non-functional or suspended (as PAN-OS does, on both nodes, since both run the same checks) until a
 * later hello passes or the peer goes away.
 */
final class Compatibility {
    private Compatibility() {}

    /** The mismatch between this node and the peer's hello, or null when they may pair. */
    static StateReason check(HaMachineConfig local, HaHello peer) {
        if (peer.groupId() != local.groupId()) {
            return StateReason.of(HaReason.GROUP_ID_MISMATCH, "local " + local.groupId() + ", peer " + peer.groupId());
        }
        if (peer.mode() != local.mode()) {
            return StateReason.of(
                    HaReason.MODE_MISMATCH, "local " + modeName(local.mode()) + ", peer " + modeName(peer.mode()));
        }
        if (peer.serial().equals(local.serial())) {
            return StateReason.of(HaReason.SERIAL_MATCHES, local.serial());
        }
        if (!peer.version().isCompatibleWith(local.version())) {
            return StateReason.of(
                    HaReason.PEER_VERSION_NOT_COMPATIBLE, "local " + local.version() + ", peer " + peer.version());
        }
        if (peer.ha2Transport() != local.ha2Transport()) {
            return StateReason.of(
                    HaReason.HA2_PORT_MISMATCH,
                    "local " + lower(local.ha2Transport().name()) + ", peer "
                            + lower(peer.ha2Transport().name()));
        }
        if (local.mode() == HaMode.ACTIVE_ACTIVE && peer.deviceId() == local.deviceId()) {
            return StateReason.of(HaReason.DEVICE_ID_OVERLAP, "both use device-id " + local.deviceId());
        }
        return null;
    }

    /** Whether a mismatch suspends (true) rather than makes the node non-functional (false). */
    static boolean suspends(HaReason mismatch) {
        return mismatch == HaReason.SERIAL_MATCHES || mismatch == HaReason.PEER_VERSION_NOT_COMPATIBLE;
    }

    private static String modeName(HaMode mode) {
        return mode == HaMode.ACTIVE_ACTIVE ? "active-active" : "active-passive";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

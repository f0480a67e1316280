package io.palisade.linux.packet;

import java.util.Objects;

/**
 * Membership of a {@code PACKET_FANOUT} group. Groups are per interface: every member socket must be bound to the
 * same interface, with the same mode and flags. Member indices follow join order.
 *
 * @param groupId the group id, 0 to 65535, shared by the members
 * @param mode how frames are spread
 * @param defragment reassemble IP fragments before spreading, so all fragments reach one member
 * @param rollover move to another member when the chosen one's ring is full
 * @param program the classic BPF program for {@link FanoutMode#CBPF}; null otherwise
 */
public record Fanout(int groupId, FanoutMode mode, boolean defragment, boolean rollover, BpfProgram program) {
    public Fanout {
        Objects.requireNonNull(mode, "mode");
        if (groupId < 0 || groupId > 0xffff) {
            throw new IllegalArgumentException("fanout group id " + groupId + " must be 0 to 65535");
        }
        if ((mode == FanoutMode.CBPF) != (program != null)) {
            throw new IllegalArgumentException("a BPF program is needed for CBPF fanout and only for it");
        }
    }

    /** Symmetric-hash fanout with defragmentation: the usual choice for per-core flow ownership. */
    public static Fanout hash(int groupId) {
        return new Fanout(groupId, FanoutMode.HASH, true, false, null);
    }

    /** Fanout by a classic BPF program that returns the member index. */
    public static Fanout cbpf(int groupId, BpfProgram program) {
        return new Fanout(groupId, FanoutMode.CBPF, false, false, program);
    }

    /** The {@code PACKET_FANOUT} option value: {@code (mode | flags) << 16 | group id}. */
    int optionValue() {
        int type = mode.code();
        if (defragment) {
            type |= PacketStructs.Options.FANOUT_FLAG_DEFRAG;
        }
        if (rollover) {
            type |= PacketStructs.Options.FANOUT_FLAG_ROLLOVER;
        }
        return (type << 16) | groupId;
    }
}

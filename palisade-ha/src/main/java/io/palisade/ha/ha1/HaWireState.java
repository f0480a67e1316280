package io.palisade.ha.ha1;

import java.util.Optional;

/**
 * HA state as carried on HA1. The codes are PAN-OS {@code panSysHAState} SNMP values so that a packet capture
 * reads like the MIB; the HA state machine maps its own states onto these.
 */
public enum HaWireState {
    SUSPENDED(1, "suspended"),
    NON_FUNCTIONAL(2, "non-functional"),
    INITIAL(3, "initial"),
    PASSIVE(4, "passive"),
    ACTIVE(5, "active"),
    TENTATIVE(10, "tentative"),
    ACTIVE_SECONDARY(11, "active-secondary"),
    ACTIVE_PRIMARY(12, "active-primary");

    private static final HaWireState[] BY_CODE = new HaWireState[13];

    static {
        for (HaWireState state : values()) {
            BY_CODE[state.code] = state;
        }
    }

    private final int code;
    private final String label;

    HaWireState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The one-byte wire code. */
    public int code() {
        return code;
    }

    /** PAN-OS wording, e.g. {@code non-functional}. */
    public String label() {
        return label;
    }

    /** The state with this wire code, or empty for a code no state has. */
    public static Optional<HaWireState> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}

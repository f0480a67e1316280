package io.palisade.ha.election;

import java.util.Locale;

/**
 * HA states of a node, with the PAN-OS SNMP codes of {@code panSysHAState} (stable: they appear in metrics and
 * the REST API) and the PAN-OS display names.
 *
 * <pre>
 *   active/passive:  initial, passive, active, non-functional, suspended
 *   active/active:   initial, tentative, active-secondary, active-primary, non-functional, suspended
 * </pre>
 */
public enum HaState {
    /** Administratively or automatically disabled; takes no part in the election. */
    SUSPENDED(1, "suspended", "Suspended"),
    /** Error state: data plane failure, monitor failure (active/passive) or a configuration mismatch. */
    NON_FUNCTIONAL(2, "non-functional", "Non-Functional"),
    /** Joining the group: waiting for a peer hello until the negotiation timeout. */
    INITIAL(3, "initial", "Initial"),
    /** Active/passive standby: synchronising sessions, ready to take over, forwarding nothing. */
    PASSIVE(4, "passive", "Passive"),
    /** Active/passive: the node that forwards traffic. */
    ACTIVE(5, "active", "Active"),
    /** Active/active: recovering or failed; packets go to the peer over HA3. */
    TENTATIVE(10, "tentative", "Tentative"),
    /** Active/active: forwarding its own sessions, not the primary. */
    ACTIVE_SECONDARY(11, "active-secondary", "Active-Secondary"),
    /** Active/active: forwarding its own sessions and holding the primary role. */
    ACTIVE_PRIMARY(12, "active-primary", "Active-Primary");

    private final int code;
    private final String displayName;
    private final String logName;

    HaState(int code, String displayName, String logName) {
        this.code = code;
        this.displayName = displayName;
        this.logName = logName;
    }

    /** The {@code panSysHAState} SNMP code. */
    public int code() {
        return code;
    }

    /** The name {@code show high-availability state} prints, e.g. {@code non-functional}. */
    public String displayName() {
        return displayName;
    }

    /** The name system log lines use, e.g. {@code Non-Functional}. */
    public String logName() {
        return logName;
    }

    /** Whether the node forwards its own traffic in this state (active, active-primary, active-secondary). */
    public boolean isActive() {
        return this == ACTIVE || this == ACTIVE_PRIMARY || this == ACTIVE_SECONDARY;
    }

    /** Whether the node may take part in the election (not suspended, not non-functional). */
    public boolean isHealthy() {
        return this != SUSPENDED && this != NON_FUNCTIONAL;
    }

    /** The state with this SNMP code. */
    public static HaState fromCode(int code) {
        for (HaState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no HA state with code " + code);
    }

    /** The state with this display name, case-insensitive. */
    public static HaState fromDisplayName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (HaState s : values()) {
            if (s.displayName.equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no HA state named " + name);
    }
}

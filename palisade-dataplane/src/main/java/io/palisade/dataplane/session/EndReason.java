package io.palisade.dataplane.session;

/** Why a session ended, with the PAN-OS traffic-log spelling. */
public enum EndReason {
    NONE("n/a"),
    AGED_OUT("aged-out"),
    TCP_FIN("tcp-fin"),
    TCP_RST_FROM_CLIENT("tcp-rst-from-client"),
    TCP_RST_FROM_SERVER("tcp-rst-from-server"),
    POLICY_DENY("policy-deny"),
    POLICY_CHANGED("policy-deny-after-commit"),
    HA_REMOVED("ha-sync-delete"),
    RESOURCES_UNAVAILABLE("resources-unavailable"),
    FLUSHED("session-flushed");

    private static final EndReason[] VALUES = values();
    private final String logName;

    EndReason(String logName) {
        this.logName = logName;
    }

    public String logName() {
        return logName;
    }

    public static EndReason of(int code) {
        return VALUES[code];
    }
}

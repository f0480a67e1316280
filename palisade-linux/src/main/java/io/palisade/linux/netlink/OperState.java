package io.palisade.linux.netlink;

/**
 * RFC 2863 operational state as Linux reports it ({@code IFLA_OPERSTATE}, {@code /sys/class/net/IF/operstate}).
 * Codes follow {@code linux/if.h}.
 */
public enum OperState {
    /** The driver does not report a state (loopback, some virtual devices); use the flags instead. */
    UNKNOWN(0),
    NOT_PRESENT(1),
    DOWN(2),
    /** Down because a device below it is down (e.g. the veth peer is down). */
    LOWER_LAYER_DOWN(3),
    TESTING(4),
    DORMANT(5),
    UP(6);

    private final int code;

    OperState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state for a kernel code; unknown codes map to {@link #UNKNOWN}. */
    public static OperState fromCode(int code) {
        for (OperState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /** The state for the text sysfs prints ({@code up}, {@code lowerlayerdown}, ...). */
    public static OperState fromSysfs(String text) {
        return switch (text.strip()) {
            case "up" -> UP;
            case "down" -> DOWN;
            case "lowerlayerdown" -> LOWER_LAYER_DOWN;
            case "notpresent" -> NOT_PRESENT;
            case "testing" -> TESTING;
            case "dormant" -> DORMANT;
            default -> UNKNOWN;
        };
    }
}

package io.palisade.linux.icmp;

import io.palisade.common.CounterKind;

/** Counters of one {@link IcmpEchoSocket}, written by its owner thread. */
public enum IcmpCounter implements CounterKind {
    ECHO_SENT("icmp_echo_sent", Severity.INFO, "echo requests sent"),
    ECHO_SEND_UNREACHABLE("icmp_echo_send_unreachable", Severity.WARN, "requests the kernel refused: no route/host"),
    REPLY_MATCHED("icmp_reply_matched", Severity.INFO, "replies matched to an outstanding request"),
    REPLY_FOREIGN("icmp_reply_foreign", Severity.INFO, "echo replies for another identifier (another monitor)"),
    REPLY_UNMATCHED("icmp_reply_unmatched", Severity.WARN, "replies with our identifier but no outstanding request"),
    REPLY_WRONG_SOURCE("icmp_reply_wrong_source", Severity.WARN, "replies from an address the request was not for"),
    REPLY_MALFORMED("icmp_reply_malformed", Severity.DROP, "datagrams too short or not an echo reply"),
    ECHO_EXPIRED("icmp_echo_expired", Severity.INFO, "requests without a reply before their timeout"),
    ECHO_OVERWRITTEN("icmp_echo_overwritten", Severity.WARN, "outstanding requests evicted by a newer one"),
    SOCKET_ERROR("icmp_socket_error", Severity.WARN, "asynchronous errors reported by the socket");

    private final String counterName;
    private final Severity severity;
    private final String description;

    IcmpCounter(String counterName, Severity severity, String description) {
        this.counterName = counterName;
        this.severity = severity;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String category() {
        return "icmp";
    }

    @Override
    public String description() {
        return description;
    }
}

package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Key;

/**
 * Session engine settings with PAN-OS defaults.
 *
 * @param timeouts per-class idle timeouts
 * @param tcpRejectNonSyn drop a TCP packet without SYN that has no session
 * @param capacity sessions the node can hold (spread over its workers)
 */
public record SessionSettings(
        Timeouts timeouts,
        @Default("true") boolean tcpRejectNonSyn,
        @Default("262144") int capacity) {

    /** Idle timeouts in seconds (PAN-OS {@code set deviceconfig setting session timeout-*}). */
    public record Timeouts(
            @Default("3600") int tcp,
            @Default("5") int tcpInit,
            @Default("10") int tcpHandshake,
            @Default("120") int tcpHalfClosed,
            @Default("15") int tcpTimeWait,
            @Default("30") int tcpUnverifiedRst,
            @Default("30") int udp,
            @Default("6") int icmp,
            @Key("default") @Default("30") int otherIp,
            @Default("90") int discardTcp,
            @Default("60") int discardUdp,
            @Default("60") int discardDefault,
            @Default("10") int scan,
            @Default("30") int captivePortal) {}
}

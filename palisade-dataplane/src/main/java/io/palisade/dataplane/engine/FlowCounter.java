package io.palisade.dataplane.engine;

import io.palisade.common.CounterKind;

/**
 * Every decision and drop reason of the session engine, named in the spirit of PAN-OS {@code show counter
 * global} (several are PAN-OS's own names). Parse drops are counted separately by
 * {@code io.palisade.dataplane.packet.PacketDrop}.
 */
public enum FlowCounter implements CounterKind {
    PKT_RECV("pkt_recv", Severity.INFO, "packet", "Packets received"),
    PKT_SENT("pkt_sent", Severity.INFO, "packet", "Packets transmitted"),
    PKT_TX_FAILED("pkt_tx_failed", Severity.DROP, "packet", "Packets dropped: egress port down or refused"),
    PKT_RX_RING_DROP(
            "pkt_rx_ring_drop",
            Severity.DROP,
            "packet",
            "Frames the kernel dropped because a worker's receive ring was full (the worker fell behind)"),
    PKT_TOO_BIG("pkt_too_big", Severity.DROP, "packet", "Frames larger than the receive buffer"),
    FLOW_FASTPATH("flow_fastpath", Severity.INFO, "flow", "Packets matched an existing session (fast path)"),
    FLOW_SLOWPATH("flow_slowpath", Severity.INFO, "flow", "Packets without a session (slow path)"),
    FLOW_HANDOFF("flow_handoff", Severity.INFO, "flow", "Packets handed to the worker owning their flow"),
    FLOW_HANDOFF_FULL("flow_handoff_full", Severity.DROP, "flow", "Packets dropped: owner worker's queue full"),
    SESSION_INSTALLED("session_installed", Severity.INFO, "session", "Sessions installed"),
    SESSION_DISCARD_INSTALLED("session_discard_installed", Severity.INFO, "session", "Discard sessions installed"),
    SESSION_AGED_OUT("session_aged_out", Severity.INFO, "session", "Sessions ended by their idle timeout"),
    SESSION_CLOSED("session_closed", Severity.INFO, "session", "Sessions ended (all reasons)"),
    SESSION_ALLOC_FAIL("flow_session_alloc_fail", Severity.DROP, "session", "New sessions refused: table full"),
    SESSION_INSTALL_COLLISION(
            "session_install_collision",
            Severity.DROP,
            "session",
            "New sessions refused: a key (e.g. a NAT translation) is already in use"),
    TCP_NON_SYN_DROP(
            "flow_tcp_non_syn_drop",
            Severity.DROP,
            "flow",
            "TCP packets without SYN and without a session (tcp-reject-non-syn)"),
    TCP_MIDSTREAM_ACCEPTED(
            "flow_tcp_midstream", Severity.INFO, "flow", "TCP sessions picked up mid-stream (tcp-reject-non-syn off)"),
    POLICY_DENY("flow_policy_deny", Severity.DROP, "flow", "Packets denied by security policy"),
    POLICY_RESET("flow_policy_reset", Severity.DROP, "flow", "Packets denied with a TCP reset or ICMP unreachable"),
    POLICY_RECHECK_DENY(
            "flow_policy_recheck_deny",
            Severity.DROP,
            "flow",
            "Sessions closed: denied by a newer policy when re-checked"),
    DISCARD_SESSION_DROP("flow_discard_session", Severity.DROP, "flow", "Packets matching a discard session"),
    NO_ROUTE("flow_fwd_l3_noroute", Severity.DROP, "flow", "Packets without a route to their destination"),
    NO_ZONE("flow_fwd_notzone", Severity.DROP, "flow", "Packets on an interface that is in no zone"),
    NO_EGRESS("flow_fwd_no_egress", Severity.DROP, "flow", "Packets whose egress interface has no port"),
    TTL_EXCEEDED("flow_fwd_l3_ttl_zero", Severity.DROP, "flow", "Packets whose TTL ran out (layer 3)"),
    NAT_PORT_EXHAUSTED(
            "nat_port_exhausted", Severity.DROP, "nat", "New sessions refused: no free translated port or address"),
    NAT_TRANSLATED("nat_translated", Severity.INFO, "nat", "Sessions with address translation"),
    HA_NOT_ACTIVE_DROP("flow_ha_not_active", Severity.DROP, "ha", "Packets discarded: this HA node does not forward"),
    HA_SENT_TO_PEER("flow_ha_to_peer", Severity.INFO, "ha", "Packets sent to the HA peer (HA3)"),
    SESSION_FROM_PEER("session_from_peer", Severity.INFO, "ha", "Sessions installed from HA2 sync"),
    NON_IP_FORWARDED("flow_non_ip_forward", Severity.INFO, "flow", "Non-IP frames passed through a virtual wire"),
    L2_OTHER_HOST(
            "flow_l2_other_host",
            Severity.DROP,
            "flow",
            "Frames on a layer-3 interface addressed to another host's MAC (seen in promiscuous mode)"),
    NON_IP_DROP("flow_non_ip_drop", Severity.DROP, "flow", "Non-IP frames on a layer-3 interface"),
    ICMP_ERROR_MATCHED(
            "flow_icmp_error_matched", Severity.INFO, "flow", "ICMP errors forwarded for the session they refer to"),
    ICMP_ERROR_NO_SESSION("flow_icmp_error_nosession", Severity.DROP, "flow", "ICMP errors that refer to no session"),
    FRAGMENT_NO_SESSION(
            "flow_frag_nosession", Severity.DROP, "flow", "Non-first fragments whose first fragment was not seen"),
    FLOOD_ALARM("zp_flood_alarm", Severity.WARN, "zone", "Flood alarm rate crossed"),
    FLOOD_RED_DROP("zp_flood_red_drop", Severity.DROP, "zone", "New sessions dropped by random early drop"),
    FLOOD_MAX_DROP("zp_flood_max_drop", Severity.DROP, "zone", "New sessions dropped above the maximum flood rate"),
    SCAN_DETECTED("zp_scan_detected", Severity.WARN, "zone", "Port scans or host sweeps detected"),
    SCAN_BLOCK_DROP("zp_scan_block_drop", Severity.DROP, "zone", "Packets dropped from a blocked scanning source"),
    SPOOFED_IP_DROP("zp_spoofed_ip", Severity.DROP, "zone", "Packets with a source not routed back out the ingress"),
    IP_OPTION_UNKNOWN_DROP("zp_ip_option_unknown", Severity.DROP, "zone", "Packets with unknown IP options"),
    IP_OPTION_MALFORMED_DROP("zp_ip_option_malformed", Severity.DROP, "zone", "Packets with malformed IP options"),
    SYN_WITH_DATA_DROP("zp_syn_with_data", Severity.DROP, "zone", "TCP SYN packets carrying data"),
    FRAGMENT_DROP("zp_ip_fragment", Severity.DROP, "zone", "IP fragments (discard all fragments)"),
    OVERLAPPING_FRAGMENT_DROP(
            "zp_fragment_overlap", Severity.DROP, "zone", "Fragments overlapping an earlier fragment"),
    ARP_RECEIVED("arp_rcv", Severity.INFO, "arp", "ARP packets received"),
    ARP_REPLY_SENT("arp_reply_sent", Severity.INFO, "arp", "ARP replies sent for own and floating addresses"),
    ARP_REQUEST_SENT("arp_request_sent", Severity.INFO, "arp", "ARP requests sent to resolve next hops"),
    GARP_SENT("arp_gratuitous_sent", Severity.INFO, "arp", "Gratuitous ARP sent on takeover"),
    ARP_UNRESOLVED_DROP("arp_unresolved_drop", Severity.DROP, "arp", "Packets dropped: next hop not resolved"),
    ICMP_ECHO_REPLIED("icmp_echo_replied", Severity.INFO, "flow", "ICMP echo requests to own addresses answered"),
    TO_HOST_DROP("flow_to_host_drop", Severity.DROP, "flow", "Packets to own addresses that are not answered");

    private final String counterName;
    private final Severity severity;
    private final String category;
    private final String description;

    FlowCounter(String counterName, Severity severity, String category, String description) {
        this.counterName = counterName;
        this.severity = severity;
        this.category = category;
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
        return category;
    }

    @Override
    public String description() {
        return description;
    }
}

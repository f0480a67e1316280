package io.palisade.ops;

import java.util.List;

/**
 * LAB / FAULT INJECTION: one fault switch of a node and whether it is on. Every switch is off by default and
 * acts inside the real transport or port (the same code path runs in production), so the lab breaks a node the
 * way a network would. Nodes offer them only when started with lab faults enabled ({@code NodeMain
 * --lab-faults}); otherwise every request is refused.
 *
 * @param fault one of {@link #FAULTS}
 * @param target what it acts on: {@code ha1} / {@code ha1-backup} (HA1 links), {@code ha2} / {@code ha2-backup}
 *     (HA2 links, which also carry the heartbeat backup), an interface name such as {@code ethernet1/2}, or a
 *     path-monitoring destination address
 * @param on whether the fault is in effect
 * @param detail what the switch does, in one line
 */
public record LabFault(String fault, String target, boolean on, String detail) {
    /** Close the HA1 link's connections and refuse new ones, both directions. */
    public static final String HA1_BLOCK = "ha1-block";

    /** Drop every HA2 frame in both directions (session sync, keep-alives and heartbeat backup). */
    public static final String HA2_BLOCK = "ha2-block";

    /** Carrier down on a data interface (udp-tunnel ports): nothing is received or sent. */
    public static final String LINK_DOWN = "link-down";

    /** A path-monitoring destination stops answering (simulated path probes only). */
    public static final String PATH_UNREACHABLE = "path-unreachable";

    /** Every fault switch a node may offer. */
    public static final List<String> FAULTS = List.of(HA1_BLOCK, HA2_BLOCK, LINK_DOWN, PATH_UNREACHABLE);

    /** The target that means every link of the kind ({@code ha1-block} and {@code ha2-block} only). */
    public static final String ALL = "all";
}

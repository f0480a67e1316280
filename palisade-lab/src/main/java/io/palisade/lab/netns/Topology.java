package io.palisade.lab.netns;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lab's topologies. Every one has a client host and a server host joined through two switches (Linux bridges
 * in one namespace) by one or two firewalls; the pairs add HA1, HA1 backup and HA2 links, each a veth pair
 * straight between the firewalls.
 *
 * <pre>
 *  l3 (default)                                          vwire
 *  cl 198.18.10.10 ─┐                ┌─ sv 198.18.20.10   cl 198.18.10.10 ─┐          ┌─ sv 198.18.10.20
 *        gw .1   [swin]            [swout]   gw .1              [swin]            [swout]
 *                 ├─ fwa-e1 (fw-a) fwa-e2 ─┤                     ├─ fwa-e1 ═wire═ fwa-e2 ─┤
 *                 └─ fwb-e1 (fw-b) fwb-e2 ─┘                     └─ fwb-e1 ═wire═ fwb-e2 ─┘
 *  floating 198.18.10.1 / 198.18.20.1 on the active node     (no addresses on the firewalls)
 *  (virtual MAC 00:1b:17:00:01:0N); path monitor sources
 *  fw-a 198.18.20.2, fw-b 198.18.20.3 (kernel addresses)
 *  fw-a ══ ha1 198.18.100.0/24, ha1-backup 198.18.101.0/24, ha2 198.18.102.0/24 ══ fw-b
 * </pre>
 *
 * The single variants have fw-a only (no HA): the plain layer-3 or virtual-wire node that integration tests use.
 */
public enum Topology {
    L3("l3", true, true),
    VWIRE("vwire", false, true),
    L3_SINGLE("l3-single", true, false),
    VWIRE_SINGLE("vwire-single", false, false);

    /** Client address. */
    public static final String CLIENT_IP = "198.18.10.10";

    private final String label;
    private final boolean layer3;
    private final boolean pair;

    Topology(String label, boolean layer3, boolean pair) {
        this.label = label;
        this.layer3 = layer3;
        this.pair = pair;
    }

    public String label() {
        return label;
    }

    public boolean layer3() {
        return layer3;
    }

    public boolean pair() {
        return pair;
    }

    /** The server's address: across the router (layer 3) or on the client's subnet (virtual wire). */
    public String serverIp() {
        return layer3 ? "198.18.20.10" : "198.18.10.20";
    }

    /** Firewall node names ({@code fw-a}, and {@code fw-b} for pairs). */
    public List<String> nodes() {
        return pair ? List.of("fw-a", "fw-b") : List.of("fw-a");
    }

    /** By label, e.g. {@code l3}. */
    public static Topology parse(String text) {
        return Arrays.stream(values())
                .filter(t -> t.label.equals(text.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new io.palisade.common.UserError(
                        "unknown topology '" + text + "' (l3, vwire, l3-single," + " vwire-single)"));
    }
}

package io.palisade.dataplane.nat;

import io.palisade.common.CounterKind;

/** What a translation attempt came to; every failure is a drop the engine counts under this counter name. */
public enum NatOutcome implements CounterKind {
    TRANSLATED("nat_translated", Severity.INFO, "NAT translation applied"),
    PORT_EXHAUSTED("nat_port_exhausted", Severity.DROP, "dynamic-ip-and-port pool has no free port"),
    ADDRESS_EXHAUSTED("nat_address_exhausted", Severity.DROP, "dynamic-ip pool has no free address"),
    CHOOSER_REJECTED(
            "nat_port_chooser_rejected", Severity.DROP, "no free NAT port whose reply reaches the owning worker"),
    FAMILY_MISMATCH("nat_family_mismatch", Severity.DROP, "NAT pool has no address of the packet's IP version");

    private final String counterName;
    private final Severity severity;
    private final String description;

    NatOutcome(String counterName, Severity severity, String description) {
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
        return "nat";
    }

    @Override
    public String description() {
        return description;
    }
}

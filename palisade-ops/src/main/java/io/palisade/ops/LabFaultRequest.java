package io.palisade.ops;

/**
 * LAB / FAULT INJECTION: turns one fault switch on or off (see {@link LabFault}).
 *
 * @param fault one of {@link LabFault#FAULTS}
 * @param target the link, interface or destination; {@link LabFault#ALL} for every HA1 or HA2 link
 * @param on true to inject the fault, false to clear it
 */
public record LabFaultRequest(String fault, String target, boolean on) {}

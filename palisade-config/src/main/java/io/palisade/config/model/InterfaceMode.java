package io.palisade.config.model;

/** How an interface forwards: as one side of a virtual wire, or as a routed layer-3 interface. */
public enum InterfaceMode {
    VIRTUAL_WIRE,
    LAYER3
}

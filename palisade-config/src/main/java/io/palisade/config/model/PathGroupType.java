package io.palisade.config.model;

/** What a path-monitoring group belongs to. */
public enum PathGroupType {
    VIRTUAL_ROUTER,
    VIRTUAL_WIRE,
    VLAN
}

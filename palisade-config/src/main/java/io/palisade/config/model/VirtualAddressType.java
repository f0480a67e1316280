package io.palisade.config.model;

/** Active/active virtual address kind. */
public enum VirtualAddressType {
    FLOATING,
    ARP_LOAD_SHARING
}

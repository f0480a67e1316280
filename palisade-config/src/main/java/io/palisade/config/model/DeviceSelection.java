package io.palisade.config.model;

/** ARP load sharing: how the answering device is chosen from the ARP sender's address. */
public enum DeviceSelection {
    IP_MODULO,
    IP_HASH
}

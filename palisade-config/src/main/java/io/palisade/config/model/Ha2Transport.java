package io.palisade.config.model;

/** How HA2 frames travel: UDP datagrams or raw Ethernet frames of EtherType 0x7261. */
public enum Ha2Transport {
    UDP,
    ETHERNET
}

package io.palisade.dataplane.packet;

/** EtherType values the parser dispatches on (IEEE registry). Values below 0x0600 are 802.3 lengths. */
public final class EtherType {
    /** IPv4. */
    public static final int IPV4 = 0x0800;
    /** ARP. */
    public static final int ARP = 0x0806;
    /** 802.1Q customer VLAN tag. */
    public static final int VLAN = 0x8100;
    /** IPv6. */
    public static final int IPV6 = 0x86DD;
    /** 802.1ad service VLAN tag (QinQ outer tag). */
    public static final int QINQ = 0x88A8;
    /** Pre-standard QinQ outer tag used by some vendors. */
    public static final int QINQ_LEGACY = 0x9100;
    /** Palisade HA2 over raw Ethernet. */
    public static final int PALISADE_HA2 = 0x7261;

    private EtherType() {}

    /** True for a tag protocol identifier that is followed by a 2-byte TCI and another EtherType. */
    public static boolean isVlanTag(int etherType) {
        return etherType == VLAN || etherType == QINQ || etherType == QINQ_LEGACY;
    }
}

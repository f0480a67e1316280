package io.palisade.linux.packet;

/**
 * Interface offloads that change what AF_PACKET sees, with their legacy {@code SIOCETHTOOL} get/set commands
 * ({@code linux/ethtool.h}). With GRO/GSO/TSO on, frames larger than the MTU reach the ring; with TX checksum
 * offload on, locally sent TCP/UDP frames carry a partial checksum ({@code TP_STATUS_CSUMNOTREADY}).
 */
public enum Offload {
    RX_CHECKSUM("rx-checksumming", "RXCSUM", 20, 21),
    TX_CHECKSUM("tx-checksumming", "TXCSUM", 22, 23),
    SCATTER_GATHER("scatter-gather", "SG", 24, 25),
    TSO("tcp-segmentation-offload", "TSO", 30, 31),
    GSO("generic-segmentation-offload", "GSO", 35, 36),
    GRO("generic-receive-offload", "GRO", 43, 44);

    private final String ethtoolName;
    private final String commandSuffix;
    private final int getCommand;
    private final int setCommand;

    Offload(String ethtoolName, String commandSuffix, int getCommand, int setCommand) {
        this.ethtoolName = ethtoolName;
        this.commandSuffix = commandSuffix;
        this.getCommand = getCommand;
        this.setCommand = setCommand;
    }

    /** The name {@code ethtool -k} prints. */
    public String ethtoolName() {
        return ethtoolName;
    }

    /** The command's name, e.g. {@code ETHTOOL_SGRO}. */
    String commandName(boolean set) {
        return "ETHTOOL_" + (set ? "S" : "G") + commandSuffix;
    }

    /** {@code ETHTOOL_G*}. */
    int getCommand() {
        return getCommand;
    }

    /** {@code ETHTOOL_S*}. */
    int setCommand() {
        return setCommand;
    }
}

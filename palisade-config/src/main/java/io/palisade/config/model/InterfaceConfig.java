package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;
import java.util.List;

/**
 * A data-plane interface with a PAN-OS name such as {@code ethernet1/1}.
 *
 * @param name PAN-OS style name; its last number is the interface id used in virtual MACs
 * @param backing where frames come from and go to on this host (HA-local, never synchronised)
 * @param mode virtual-wire or layer3
 * @param addresses layer-3 addresses with prefix length; in active/passive HA they move with the active node
 * @param mtu largest IP packet the interface sends
 * @param description free text
 */
public record InterfaceConfig(
        @Required String name,
        @Required Backing backing,
        @Required InterfaceMode mode,
        List<IpPrefix> addresses,
        @Default("1500") int mtu,
        String description) {

    public InterfaceConfig {
        addresses = Lists.copy(addresses);
    }

    public InterfaceConfig withBacking(Backing newBacking) {
        return new InterfaceConfig(name, newBacking, mode, addresses, mtu, description);
    }

    public InterfaceConfig withAddresses(List<IpPrefix> newAddresses) {
        return new InterfaceConfig(name, backing, mode, newAddresses, mtu, description);
    }

    /**
     * The interface id: the number after the last slash or dot ({@code ethernet1/3} gives 3), used in the virtual
     * MAC {@code 00:1b:17:00:<group>:<id>}; -1 if the name has none.
     */
    public int interfaceId() {
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
            i--;
        }
        return i == name.length() ? -1 : Integer.parseInt(name.substring(i));
    }
}

package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;
import java.util.List;

/**
 * An aggregate (LACP bundle) interface such as {@code ae1}.
 *
 * @param name PAN-OS style name
 * @param members physical interfaces in the bundle
 * @param mode virtual-wire or layer3
 * @param addresses layer-3 addresses
 * @param mtu largest IP packet
 * @param lacp LACP settings
 */
public record AggregateInterfaceConfig(
        @Required String name,
        @Required List<String> members,
        @Required InterfaceMode mode,
        List<IpPrefix> addresses,
        @Default("1500") int mtu,
        Lacp lacp) {

    public AggregateInterfaceConfig {
        members = Lists.copy(members);
        addresses = Lists.copy(addresses);
    }

    /**
     * LACP settings.
     *
     * @param enabled run LACP on the bundle
     * @param mode active or passive
     * @param transmissionRate fast (1 s) or slow (30 s)
     * @param systemPriority 1..65535, lower is preferred
     * @param fastFailover switch to a standby member within a second
     * @param enableInHaPassiveState pre-negotiate LACP while HA passive (needs passive link state auto)
     */
    public record Lacp(
            @Default("false") boolean enabled,
            @Default("active") LacpMode mode,
            @Default("fast") LacpRate transmissionRate,
            @Default("32768") int systemPriority,
            @Default("false") boolean fastFailover,
            @Default("false") boolean enableInHaPassiveState) {}
}
